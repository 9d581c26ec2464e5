import { z } from "zod";
import { listOf, paginationQuerySchema } from "../../../contracts/common.ts";

export const listImportedActivitiesQuerySchema = paginationQuerySchema.extend({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "Part of the IATI identifier, the title or the publisher's identifier" }),
  linked: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true"))
    .meta({ description: "Only activities linked (true) or not linked (false) to an initiative" }),
});
export type ListImportedActivitiesQuery = z.infer<typeof listImportedActivitiesQuerySchema>;

export const importedActivitySchema = z.object({
  iati_identifier: z.string(),
  publisher_ref: z.string(),
  title: z.object({ es: z.string().nullable(), en: z.string().nullable() }),
  line: z.number().int(),
  transaction_count: z.number().int(),
  initiative: z.object({ id: z.string(), code: z.string() }).nullable(),
  link_source: z.enum(["mapping", "related-activity", "other-identifier"]).nullable().meta({
    description: "How it found its initiative: the secretariat's mapping, or its own references",
  }),
});
export const importedActivityListSchema = listOf(importedActivitySchema);
