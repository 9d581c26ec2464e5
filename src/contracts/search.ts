import { z } from "zod/mini";
import { optionalNames, pageSchema, uuid } from "./shapes.ts";

/*
 * One search over the published records: full text in Spanish and English, accents ignored,
 * ranked, with highlighted snippets and a "did you mean" when a word is found nowhere.
 */

export const searchKinds = ["initiative", "partner", "oas_body", "mandate", "practice"] as const;
export type SearchKind = (typeof searchKinds)[number];

/**
 * A snippet as pieces of plain text, those matching the query marked: the client renders
 * them as text (never as HTML), so nothing in a record can become markup.
 */
export const snippetSchema = z.array(z.object({ text: z.string(), match: z.boolean() }));
export type Snippet = z.infer<typeof snippetSchema>;

export const searchResultSchema = z
  .object({
    kind: z.enum(searchKinds),
    id: uuid,
    /** What the record's web address uses: a code, a slug or the id. */
    ref: z.string(),
    code: z.nullable(z.string()),
    title: optionalNames,
    /** The language of a record written in one language only (a practice). */
    language: z.nullable(z.enum(["es", "en"])),
    snippet: snippetSchema,
    components: z.array(z.string()),
    countries: z.array(z.string()),
  })
  .check(z.meta({ id: "SearchResult" }));
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchAnswerSchema = z
  .object({
    query: z.string(),
    data: z.array(searchResultSchema),
    page: pageSchema,
    /** Matches per kind under the other filters, for the kind filter's counts. */
    counts: z.object({
      initiative: z.int(),
      partner: z.int(),
      oas_body: z.int(),
      mandate: z.int(),
      practice: z.int(),
    }),
    /** The query with its unknown words replaced by the closest known ones, or null. */
    suggestion: z.nullable(z.string()),
  })
  .check(z.meta({ id: "SearchAnswer" }));
export type SearchAnswer = z.infer<typeof searchAnswerSchema>;
