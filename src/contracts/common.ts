import { z } from "zod";

export const uuidSchema = z.uuid();

/**
 * The dates ESCA Hub records: from 1900 to 2100. Wider than any initiative, flow, rate or
 * observation can be (the strategy dates from 2011), and inside what both databases and
 * every client handle alike; year 0000 or 9999-12-31 is refused at the boundary.
 */
export const EARLIEST_DATE = "1900-01-01";
export const LATEST_DATE = "2100-12-31";

export const isoDateSchema = z.iso
  .date()
  .refine(
    // A malformed date has its own issue; YYYY-MM-DD strings compare as the dates they are.
    (value) => !/^\d{4}-\d\d-\d\d$/.test(value) || (value >= EARLIEST_DATE && value <= LATEST_DATE),
    {
      message: `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`,
      params: { rule: "date_range", minimum: EARLIEST_DATE, maximum: LATEST_DATE },
    },
  )
  .meta({
    description: `Calendar date YYYY-MM-DD, from ${EARLIEST_DATE} to ${LATEST_DATE}`,
    example: "2011-06-22",
  });

/** An instant with its offset (ISO 8601), on a day within the same range as dates (in UTC). */
export const isoInstantSchema = z.iso.datetime({ offset: true }).refine(
  (value) => {
    const time = Date.parse(value);
    if (Number.isNaN(time)) return false;
    const day = new Date(time).toISOString().slice(0, 10);
    return day >= EARLIEST_DATE && day <= LATEST_DATE;
  },
  {
    message: `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`,
    params: { rule: "date_range", minimum: EARLIEST_DATE, maximum: LATEST_DATE },
  },
);

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

export const pageSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), page: pageSchema });

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

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** A stable name for why, finer than `code` (e.g. invalid_credentials, over_commitment). */
    reason: z.string().optional(),
    /** The values the message names, for clients that word it in their own language. */
    values: z.record(z.string(), z.unknown()).optional(),
    details: z.array(
      z.object({
        path: z.string(),
        message: z.string(),
        /** The rule broken (zod issue code or a named rule) and its limits, for wording. */
        rule: z.object({ code: z.string() }).catchall(z.unknown()).optional(),
      }),
    ),
    /** Machine-readable extras, e.g. on a stale version: current_version and the current record. */
    context: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** Instants leave the API as ISO 8601 strings in UTC. */
export const timestampSchema = z.iso.datetime().meta({ example: "2011-06-22T15:00:00.000Z" });
