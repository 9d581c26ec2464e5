import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { recordFlow, reverseFlow } from "../funding/index.ts";
import type { DemoEntry, DemoFlow } from "./demo-ledger.schema.ts";
import { DEMO_PRINCIPAL, type SeededInitiative } from "./seed-initiatives.ts";
import type { SeededReferences } from "./seed-reference-data.ts";

export interface FlowCounts {
  offer: number;
  pledge: number;
  commitment: number;
  disbursement: number;
  reversal: number;
}

export const emptyFlowCounts = (): FlowCounts => ({
  offer: 0,
  pledge: 0,
  commitment: 0,
  disbursement: 0,
  reversal: 0,
});

/** Money moves only once an initiative runs: disbursements (and their corrections) wait. */
export const isExecutionFlow = (flow: DemoFlow) =>
  flow.type === "disbursement" || flow.type === "reversal";

function lookup(ids: Map<string, string>, key: string, what: string): string {
  const id = ids.get(key);
  if (!id) throw new Error(`Demo dataset: ${what} "${key}" was not seeded`);
  return id;
}

/**
 * Appends the flows to the ledger in order, through the funding module, so that each entry
 * meets the rules a partner's entry meets (links, rates, disbursed ≤ committed). `flowIds`
 * collects the ledger id of every dataset key, for later links and reversals.
 */
export async function recordDemoFlows(options: {
  db: Kysely<Database>;
  flows: DemoFlow[];
  refs: SeededReferences;
  initiatives: Map<string, SeededInitiative>;
  flowIds: Map<string, string>;
  counts: FlowCounts;
}): Promise<void> {
  const { db, flowIds, counts } = options;
  for (const flow of options.flows) {
    if (flow.type === "reversal") {
      const reversal = await reverseFlow({
        db,
        flowId: lookup(flowIds, flow.reverses, "flow"),
        input: { reason: flow.reason },
        principal: DEMO_PRINCIPAL,
      });
      flowIds.set(flow.key, reversal.id);
      counts.reversal += 1;
      continue;
    }
    const recorded = await recordFlow({
      db,
      input: toRecordInput(flow, options),
      principal: DEMO_PRINCIPAL,
    });
    flowIds.set(flow.key, recorded.id);
    counts[flow.type] += 1;
  }
}

function toRecordInput(
  flow: DemoEntry,
  options: {
    refs: SeededReferences;
    initiatives: Map<string, SeededInitiative>;
    flowIds: Map<string, string>;
  },
) {
  const { refs, initiatives, flowIds } = options;
  const initiative = flow.initiative ? initiatives.get(flow.initiative) : undefined;
  if (flow.initiative && !initiative)
    throw new Error(`Demo dataset: initiative "${flow.initiative}" was not seeded`);
  return {
    flow_type: flow.type,
    support_kind: flow.support_kind,
    partner_id: lookup(refs.organizationIds, flow.partner, "organization"),
    ...(initiative ? { initiative_id: initiative.id } : {}),
    ...(flow.component
      ? { component_id: lookup(refs.componentIds, flow.component, "component") }
      : {}),
    ...(flow.amount && flow.currency
      ? { value: { amount: flow.amount, currency: flow.currency } }
      : {}),
    ...(flow.description ? { description: flow.description } : {}),
    value_date: flow.value_date,
    ...(flow.finance_type ? { finance_type: flow.finance_type } : {}),
    ...(flow.pledge ? { pledge_id: lookup(flowIds, flow.pledge, "pledge") } : {}),
    ...(flow.commitment ? { commitment_id: lookup(flowIds, flow.commitment, "commitment") } : {}),
    ...(flow.conference ? { conference_id: refs.conferenceId } : {}),
    ...(flow.session
      ? {
          conference_session_id: lookup(
            refs.conferenceSessionIds ?? new Map(),
            flow.session,
            "conference session",
          ),
        }
      : {}),
    ...(flow.source ? { source: flow.source } : {}),
    ...(flow.note ? { note: flow.note } : {}),
    illustrative: flow.illustrative,
    ...(flow.illustrative_fields ? { illustrative_fields: flow.illustrative_fields } : {}),
  };
}
