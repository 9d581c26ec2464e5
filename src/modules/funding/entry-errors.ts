import { AppError } from "../../platform/errors.ts";

/**
 * A bulk writer's refusal: the error the single-entry writer gives, naming the entry it is
 * about. `entries.3: initiative_id: no initiative has this id`, with the detail's path
 * `entries.3.initiative_id`; code, reason, values and context are kept as they are.
 */
export function atEntry(index: number, error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  const prefix = `entries.${index}`;
  const details = error.details.length ? error.details : [{ path: "", message: error.message }];
  return new AppError(error.code, `${prefix}: ${error.message}`, {
    details: details.map((detail) => ({
      ...detail,
      path: detail.path ? `${prefix}.${detail.path}` : prefix,
    })),
    cause: error,
    ...(error.context && { context: { ...error.context, entry: index } }),
    ...(error.reason !== undefined && { reason: error.reason }),
    ...(error.values && { values: error.values }),
  });
}

/** Runs `work` for entry `index`, turning its refusal into one naming the entry. */
export async function forEntry<T>(index: number, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw atEntry(index, error);
  }
}
