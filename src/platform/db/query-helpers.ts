import { uuidSchema } from "../../contracts/common.ts";

/** Records are addressed by uuid or by code ("IDB", "BA1"): which one was given. */
export const isUuid = (value: string): boolean => uuidSchema.safeParse(value).success;

/** An ILIKE pattern matching `text` anywhere, its own % and _ taken literally. */
export const containsPattern = (text: string): string =>
  `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
