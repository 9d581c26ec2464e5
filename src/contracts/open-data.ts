import { z } from "zod/mini";
import { timestamp } from "./shapes.ts";

/**
 * The licence of the data ESCA Hub publishes (its figures, records and downloads). The code
 * is MIT (LICENSE); the data is CC BY 4.0: anyone may reuse it, citing ESCA Hub.
 */
export const DATA_LICENCE = {
  id: "CC-BY-4.0",
  name: "Creative Commons Attribution 4.0 International",
  url: "https://creativecommons.org/licenses/by/4.0/",
} as const;

/** What the Open data page says about the data as a whole. */
export const openDataSchema = z
  .object({
    last_updated_at: z.nullable(timestamp).check(
      z.meta({
        description:
          "When the newest change to the published data (initiatives, the ledger, organizations, the strategy, exchange rates, indicators, conferences) was committed, from the audit trail; null before any",
      }),
    ),
    licence: z.object({
      id: z.string().check(z.meta({ description: "SPDX identifier", example: "CC-BY-4.0" })),
      name: z.string(),
      url: z.string(),
    }),
  })
  .check(z.meta({ id: "OpenData" }));
export type OpenData = z.infer<typeof openDataSchema>;
