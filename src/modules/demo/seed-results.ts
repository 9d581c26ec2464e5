import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../platform/db/schema.ts";
import {
  defineResultsIndicator,
  defineResultsIndicatorSchema,
  reportActual,
  reportActualSchema,
} from "../results/index.ts";
import { DEMO_PRINCIPAL } from "./seed-initiatives.ts";

const fileSchema = z
  .object({
    note: z.string().min(1),
    frameworks: z.array(
      z
        .object({
          initiative: z.string().regex(/^[A-Z]{2}\d$/),
          indicators: z.array(
            z.looseObject({ actuals: z.array(z.unknown()) }).transform(({ actuals, ...rest }) => ({
              definition: defineResultsIndicatorSchema.parse(rest),
              actuals: actuals.map((a) => reportActualSchema.parse(a)),
            })),
          ),
        })
        .strict(),
    ),
  })
  .strict();

/** The demo's results frameworks (dataset/results-frameworks.json), every figure illustrative. */
export function loadResultsFrameworks() {
  const url = new URL("./dataset/results-frameworks.json", import.meta.url);
  return fileSchema.parse(JSON.parse(readFileSync(url, "utf8"))).frameworks;
}

/**
 * Gives a few initiatives a results framework of their own (outputs and outcomes, with
 * baselines, targets and reported actuals), every indicator and actual marked illustrative.
 */
export async function seedDemoResults(db: Kysely<Database>) {
  let indicators = 0;
  let actuals = 0;
  for (const framework of loadResultsFrameworks()) {
    for (const { definition, actuals: reported } of framework.indicators) {
      const created = await defineResultsIndicator({
        db,
        initiativeIdOrCode: framework.initiative,
        input: definition,
        principal: DEMO_PRINCIPAL,
        illustrative: true,
      });
      indicators += 1;
      for (const input of reported) {
        await reportActual({
          db,
          resultsIndicatorId: created.id,
          input,
          principal: DEMO_PRINCIPAL,
          illustrative: true,
        });
        actuals += 1;
      }
    }
  }
  return { results_indicators: indicators, results_actuals: actuals };
}
