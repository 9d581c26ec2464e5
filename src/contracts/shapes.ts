import { z } from "zod/mini";
import type { $ZodType } from "zod/v4/core";
import { dateRangeIssue, isDateInRange, isoDateMeta } from "./dates.ts";

/*
 * The pieces the API's answers are made of, in zod/mini. The server sends the answers of
 * contracts/ through them (fastify-type-provider-zod validates and describes any schema of
 * zod's core, which zod and zod/mini share) and the web reads those answers with the same
 * schemas; zod/mini keeps only what is used, so the public pages' first load stays small.
 * Inputs stay in full zod (common.ts and the modules' *.schema.ts): only the server parses
 * them. Objects are not strict: a field the server adds later does not break an older page.
 * A meta (an OpenAPI id) is a check in zod/mini, kept by z.extend: extend the bare shape.
 */

export const uuid = z.uuid();

/** Instants leave the API as ISO 8601 strings in UTC. */
export const timestamp = z.iso.datetime().check(z.meta({ example: "2011-06-22T15:00:00.000Z" }));

export const isoDate = z.iso
  .date()
  .check(z.refine(isDateInRange, dateRangeIssue), z.meta(isoDateMeta));

/** Names in both working languages, both given (organizations, components, indicators). */
export const names = z.object({ es: z.string(), en: z.string() });
/** Text in both languages where one may be missing (an initiative's title and summary). */
export const optionalNames = z.object({ es: z.nullable(z.string()), en: z.nullable(z.string()) });
export type Names = z.infer<typeof optionalNames>;

/** Another record named in an answer: its id, code and names. */
export const reference = z.object({ id: uuid, code: z.string(), name: names });
export type Reference = z.infer<typeof reference>;

/** An amount as the API carries it: a decimal string and its ISO 4217 code. */
export const moneySchema = z.object({ amount: z.string(), currency: z.string() });
export type MoneyOutput = z.infer<typeof moneySchema>;

export const pageSchema = z.object({ total: z.int(), limit: z.int(), offset: z.int() });

/** A page of a list endpoint: `{ data: [...], page: { total, limit, offset } }`. */
export const listOf = <T extends $ZodType>(item: T) =>
  z.object({ data: z.array(item), page: pageSchema });

/** What a write with nothing else to say answers. */
export const okSchema = z.object({ ok: z.literal(true) });

const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** A stable name for why, finer than `code` (e.g. invalid_credentials, over_commitment). */
    reason: z.optional(z.string()),
    /** The values the message names, for clients that word it in their own language. */
    values: z.optional(z.record(z.string(), z.unknown())),
    details: z.array(
      z.object({
        path: z.string(),
        /** The field's name for people, in English ("Budget amount"). */
        label: z.optional(z.string()),
        /** What the field expects, in English, without its name ("must be at most 200 characters"). */
        message: z.string(),
        /** The rule broken (zod issue code or a named rule) and its limits, for wording. */
        rule: z.optional(z.catchall(z.object({ code: z.string() }), z.unknown())),
      }),
    ),
    /** Machine-readable extras, e.g. on a stale version: current_version and the current record. */
    context: z.optional(z.record(z.string(), z.unknown())),
  }),
});
/** Named ApiError in the OpenAPI document, which refers to it from every refusal. */
export const errorResponseSchema = errorResponse.check(z.meta({ id: "ApiError" }));
export type ApiErrorBody = z.infer<typeof errorResponseSchema>;
