import type { Kysely } from "kysely";
import { initiativeForwardPath } from "../../contracts/enum-values.ts";
import type { InitiativeStatus } from "../../contracts/enums.ts";
import type { Database } from "../../platform/db/schema.ts";
import { systemPrincipal } from "../accounts/index.ts";
import { createInitiative, transitionInitiative } from "../initiatives/index.ts";
import type { DemoInitiative } from "./demo.schema.ts";
import type { SeededReferences } from "./seed-reference-data.ts";

export const DEMO_PRINCIPAL = systemPrincipal("demo-seed");

/** The forward path of the lifecycle; the demo walks each initiative along it, step by step. */
const PATH: readonly InitiativeStatus[] = initiativeForwardPath;

export interface SeededInitiative {
  id: string;
  status: InitiativeStatus;
  data: DemoInitiative;
}

/**
 * Records every initiative as a draft, as a focal point would, with its results framework,
 * dated as begun on the dataset's day (its history is entered today, effective then).
 */
export async function createDemoInitiatives(
  db: Kysely<Database>,
  initiatives: DemoInitiative[],
  refs: SeededReferences,
): Promise<Map<string, SeededInitiative>> {
  const seeded = new Map<string, SeededInitiative>();
  for (const data of initiatives) {
    const agencyId = data.executing_agency
      ? refs.organizationIds.get(data.executing_agency)
      : undefined;
    const created = await createInitiative({
      db,
      principal: DEMO_PRINCIPAL,
      effectiveOn: data.history.draft,
      input: {
        code: data.code,
        title: data.title,
        summary: data.summary,
        component: data.code.slice(0, 1),
        line_of_action: data.line,
        lead_country: data.lead_country,
        countries: data.countries,
        ...(agencyId ? { executing_agency_id: agencyId } : {}),
        sectors: data.sectors.map((s) => ({ code: s.code, percentage: `${s.percentage}.00` })),
        budget: { amount: data.budget.amount, currency: data.budget.currency },
        budget_value_date: data.budget.value_date,
        start_date: data.start_date,
        end_date: data.end_date,
        targets: (data.targets ?? []).map((t) => ({
          indicator: t.indicator,
          target: t.target,
          ...(t.baseline ? { baseline: t.baseline } : {}),
        })),
        illustrative: data.illustrative,
        ...(data.illustrative_fields ? { illustrative_fields: data.illustrative_fields } : {}),
        source: data.source,
      },
    });
    seeded.set(data.code, { id: created.id, status: "draft", data });
  }
  return seeded;
}

/**
 * Moves every initiative towards its target status, one lifecycle step at a time, but no
 * further than `limit`: the seed stops at seeking_funding until the commitments are recorded,
 * so that the move to in_execution meets the same funding rule as anyone else's.
 */
export async function advanceInitiatives(
  db: Kysely<Database>,
  initiatives: Map<string, SeededInitiative>,
  limit: InitiativeStatus,
): Promise<number> {
  let steps = 0;
  const stop = PATH.indexOf(limit);
  for (const initiative of initiatives.values()) {
    const goal = Math.min(PATH.indexOf(initiative.data.status), stop);
    for (let next = PATH.indexOf(initiative.status) + 1; next <= goal; next += 1) {
      const to = PATH[next];
      if (!to) break;
      const override = to === "in_execution" ? initiative.data.funding_override_reason : undefined;
      const effectiveOn = initiative.data.history[to as keyof DemoInitiative["history"]];
      await transitionInitiative({
        db,
        idOrCode: initiative.id,
        principal: DEMO_PRINCIPAL,
        // The step is entered now, but took effect on the dataset's date (2011–2014).
        ...(effectiveOn ? { effectiveOn } : {}),
        input: { to, ...(override ? { funding_override_reason: override } : {}) },
      });
      initiative.status = to;
      steps += 1;
    }
  }
  return steps;
}
