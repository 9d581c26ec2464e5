import { z } from "zod";
import { countryCodeSchema } from "../../contracts/common.ts";
import { searchKinds } from "../../contracts/search.ts";

export { type SearchAnswer, searchAnswerSchema } from "../../contracts/search.ts";

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1).max(200).meta({ example: "prevencion de la violencia" }),
  kind: z.enum(searchKinds).optional(),
  component: z
    .string()
    .trim()
    .regex(/^[A-Za-z]$/, "a component's code is one letter, A to D")
    .transform((code) => code.toUpperCase())
    .optional(),
  country: countryCodeSchema.optional(),
  /** The reader's language: a bilingual record's snippet is in it when both match equally. */
  lang: z.enum(["es", "en"]).default("es"),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;
