import { z } from "zod";
import { countryCodeSchema, paginationQuerySchema } from "../../contracts/common.ts";
import {
  practiceLanguages,
  practiceSourceKinds,
  practiceStatuses,
} from "../../contracts/practices.ts";

export {
  type Practice,
  type PracticeDetail,
  practiceDetailSchema,
  practiceListSchema,
} from "../../contracts/practices.ts";

const httpUrl = z
  .string()
  .trim()
  .max(1000)
  .regex(/^https?:\/\/\S+$/i, "must be a web address starting with https:// or http://");

export const practiceInputSchema = z.object({
  slug: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9][a-z0-9-]{0,63}$/,
      "lower-case letters, digits and hyphens, up to 64, e.g. cicad-mem",
    ),
  title: z.string().trim().min(1).max(300),
  summary: z.string().trim().min(1).max(2000),
  body: z.string().trim().min(1).max(40000),
  language: z.enum(practiceLanguages),
  source: z.object({
    kind: z.enum(practiceSourceKinds),
    name: z.string().trim().min(1).max(300),
    citation: z.string().trim().min(1).max(1000),
    url: httpUrl.nullable().optional(),
  }),
  countries: z.array(countryCodeSchema).max(40).default([]),
  components: z
    .array(z.string().regex(/^[A-Z]$/, "a component's code, A to D"))
    .max(10)
    .default([]),
  /** Initiatives by code or id. */
  initiatives: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
  /** Mandates by id. */
  mandates: z.array(z.uuid()).max(50).default([]),
  documents: z
    .array(z.object({ title: z.string().trim().min(1).max(300), url: httpUrl }))
    .max(20)
    .default([]),
});
export type PracticeInput = z.infer<typeof practiceInputSchema>;

export const updatePracticeSchema = practiceInputSchema.extend({
  /** The version last read, to refuse a change made meanwhile by someone else. */
  version: z.number().int().min(1).optional(),
});
export type UpdatePracticeInput = z.infer<typeof updatePracticeSchema>;

export const practiceStatusSchema = z.object({
  status: z.enum(practiceStatuses),
  version: z.number().int().min(1).optional(),
});

export const listPracticesQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().min(1).max(200).optional(),
  country: countryCodeSchema.optional(),
  component: z
    .string()
    .regex(/^[A-Za-z]$/)
    .transform((code) => code.toUpperCase())
    .optional(),
  language: z.enum(practiceLanguages).optional(),
  /** Staff only: the public always reads published entries. */
  status: z.enum(practiceStatuses).optional(),
});
export type ListPracticesQuery = z.infer<typeof listPracticesQuerySchema>;

export const practiceParams = z.object({ id: z.string().min(1).max(64) });
