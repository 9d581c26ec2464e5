import { z } from "zod";
import { dateRangeIssue, EARLIEST_DATE, isDateInRange, isoDateMeta, LATEST_DATE } from "./dates.ts";

export { EARLIEST_DATE, LATEST_DATE } from "./dates.ts";
// Response shapes are zod/mini, shared with the web (shapes.ts); these are what inputs need.
export { errorResponseSchema, listOf, pageSchema } from "./shapes.ts";

export const uuidSchema = z.uuid();

/** A calendar date within the range ESCA Hub records (dates.ts). */
export const isoDateSchema = z.iso.date().refine(isDateInRange, dateRangeIssue).meta(isoDateMeta);

/** An instant with its offset (ISO 8601), on a day within the same range as dates (in UTC). */
export const isoInstantSchema = z.iso.datetime({ offset: true }).refine((value) => {
  const time = Date.parse(value);
  // Not an instant at all: the format check says so, with the form expected.
  if (Number.isNaN(time)) return true;
  const day = new Date(time).toISOString().slice(0, 10);
  return day >= EARLIEST_DATE && day <= LATEST_DATE;
}, dateRangeIssue);

export const countryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, "must be a two-letter ISO 3166-1 code such as GT")
  .meta({ example: "GT" });

/** Text in both working languages; at least one must be given. */
export const bilingualSchema = z.object({
  es: z.string().trim().min(1).max(5000).nullable().optional(),
  en: z.string().trim().min(1).max(5000).nullable().optional(),
});

/**
 * The version of a record an update was read at (optimistic locking). Versions are
 * PostgreSQL integers, so a larger number is refused here rather than failing in SQL.
 */
export const versionInputSchema = z
  .number()
  .int()
  .positive()
  .max(2_147_483_647)
  .meta({ description: "The record's version when it was read (or send If-Match)" });

/** Query string for every list endpoint. */
export const paginationQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Comma-separated list in a query string: "GT,HN" → ["GT", "HN"]. */
export const csvListSchema = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      typeof value === "string"
        ? value
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : value,
    z.array(item),
  );

/** `sort=-budget` means budget descending; only the listed fields are accepted. */
export const sortSchema = <const F extends readonly [string, ...string[]]>(fields: F) =>
  z
    .string()
    .regex(
      new RegExp(`^-?(${fields.join("|")})$`),
      `must be one of ${fields.join(", ")}, optionally prefixed with -`,
    )
    .transform((value) => ({
      field: value.replace(/^-/, "") as F[number],
      direction: value.startsWith("-") ? ("desc" as const) : ("asc" as const),
    }));

/** Instants leave the API as ISO 8601 strings in UTC. */
export const timestampSchema = z.iso.datetime().meta({ example: "2011-06-22T15:00:00.000Z" });
