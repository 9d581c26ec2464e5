import { z } from "zod/mini";
import { listOf, optionalNames, timestamp, uuid } from "./shapes.ts";

/*
 * The good practices library (AG/RES. 2626 ¶6): what a mechanism or a state did, summarized
 * by the secretariat from a named public source, in one language, draft → published.
 */

export const practiceLanguages = ["es", "en"] as const;
export const practiceSourceKinds = ["mechanism", "state"] as const;
export const practiceStatuses = ["draft", "published"] as const;
export type PracticeLanguage = (typeof practiceLanguages)[number];
export type PracticeSourceKind = (typeof practiceSourceKinds)[number];
export type PracticeStatus = (typeof practiceStatuses)[number];

export const practiceSourceSchema = z.object({
  kind: z.enum(practiceSourceKinds),
  /** The mechanism or state the practice comes from, e.g. "CICAD (OAS)". */
  name: z.string(),
  /** The public source the entry summarizes. */
  citation: z.string(),
  url: z.nullable(z.string()),
});

const practiceShape = {
  id: uuid,
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  language: z.enum(practiceLanguages),
  source: practiceSourceSchema,
  countries: z.array(z.string()),
  /** Strategy component codes (A–D). */
  components: z.array(z.string()),
  /** True for the demo's entries: an example summarizing a public source. */
  illustrative: z.boolean(),
  status: z.enum(practiceStatuses),
  published_at: z.nullable(timestamp),
  updated_at: timestamp,
  version: z.int(),
};

export const practiceSchema = z.object(practiceShape).check(z.meta({ id: "Practice" }));
export type Practice = z.infer<typeof practiceSchema>;

export const practiceDetailSchema = z
  .object({
    ...practiceShape,
    /** The Markdown as written. */
    body: z.string(),
    /** The Markdown rendered without HTML: no script, event handler or unsafe link survives. */
    body_html: z.string(),
    initiatives: z.array(z.object({ id: uuid, code: z.string(), title: optionalNames })),
    mandates: z.array(z.object({ id: uuid, symbol: z.string(), paragraph: z.int() })),
    documents: z.array(z.object({ title: z.string(), url: z.string() })),
  })
  .check(z.meta({ id: "PracticeDetail" }));
export type PracticeDetail = z.infer<typeof practiceDetailSchema>;

export const practiceListSchema = listOf(practiceSchema);
