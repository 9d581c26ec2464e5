import { AppError } from "../errors.ts";

interface PgErrorLike {
  code?: string;
  hint?: string;
  detail?: string;
  constraint?: string;
  message?: string;
}

/**
 * Turns the PostgreSQL errors that users can cause into AppErrors with a clear message.
 * Both `pg` and PGlite put the SQLSTATE in `code`. Anything else stays unexpected.
 */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof AppError || typeof error !== "object" || error === null) return error;
  const pgError = error as PgErrorLike;
  switch (pgError.code) {
    case "P0001":
      if (pgError.hint === "esca:ledger_immutable" || pgError.message?.includes("append-only")) {
        return new AppError(
          "ledger_immutable",
          "Financial records cannot be edited or deleted; record a reversal instead.",
          { cause: error },
        );
      }
      return error;
    case "23505":
      return new AppError(
        "conflict",
        `A record with the same ${describeKey(pgError)} already exists.`,
        {
          reason: "duplicate",
          values: { key: describeKey(pgError) },
          cause: error,
        },
      );
    case "23503":
      return new AppError(
        "unprocessable",
        `A referenced record does not exist (${pgError.constraint ?? "reference"}).`,
        {
          cause: error,
        },
      );
    case "23514":
      return new AppError(
        "validation_failed",
        `A value breaks the rule ${pgError.constraint ?? "check"}.`,
        {
          cause: error,
        },
      );
    default:
      return error;
  }
}

function describeKey(error: PgErrorLike): string {
  const match = error.detail?.match(/Key \(([^)]+)\)/);
  return match?.[1] ?? error.constraint ?? "key";
}
