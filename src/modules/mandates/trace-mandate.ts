import type { Kysely } from "kysely";
import type { Trace, TraceFlow, TraceTotals } from "../../contracts/mandates.ts";
import { formatMinorUnits } from "../../contracts/minor-units.ts";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { Principal } from "../../platform/principal.ts";
import { type FundingMeasures, summarizeFunding } from "../funding/index.ts";
import { findResultsIndicatorsOf } from "../results/index.ts";
import { findMandateRow, listLinkedInitiatives } from "./mandates.queries.ts";
import { findRequestsOnParagraph } from "./paragraph-requests.ts";
import { listTargetRows, listTraceFlowRows, type TraceFlowRow } from "./trace.queries.ts";

const totalsOf = (measures: FundingMeasures): TraceTotals => ({
  budget: measures.budget,
  announced: measures.announced,
  committed: measures.committed,
  disbursed: measures.disbursed,
  gap: measures.gap,
});

const noTotals: TraceTotals = {
  budget: "0.00",
  announced: "0.00",
  committed: "0.00",
  disbursed: "0.00",
  gap: "0.00",
};

const toFlow = (row: TraceFlowRow): TraceFlow => ({
  id: row.id,
  partner: {
    id: row.partner_id,
    code: row.partner_code,
    name: { es: row.partner_name_es, en: row.partner_name_en },
  },
  amount:
    row.amount_minor === null || row.currency === null
      ? null
      : { amount: formatMinorUnits(row.amount_minor, row.currency), currency: row.currency },
  usd: row.usd_minor === null ? null : formatMinorUnits(row.usd_minor, "USD"),
  value_date: row.value_date,
  support_kind: row.support_kind,
  reversed: Boolean(row.reversed),
});

/**
 * The traceability chain of one paragraph: the initiatives that answer it → each partner's
 * pledge → the commitments that fulfil it (pledge_id) → the disbursements that pay them
 * (commitment_id) → the initiative's own results (its framework's indicators, targets, actuals
 * and progress) and the national indicators it targets, beside the support requests made
 * on it under this paragraph (each with the ledger entry it was linked to). Every total is the funding
 * roll-up's (summarizeFunding) for exactly those initiatives, never summed here.
 */
export async function traceMandate(options: {
  db: Kysely<Database>;
  id: string;
  publicOnly: boolean;
  viewer: Principal;
}): Promise<Trace> {
  const { db, publicOnly } = options;
  const mandate = await findMandateRow(db, options.id);
  if (!mandate) throw notFound("mandate", options.id);
  const initiatives = await listLinkedInitiatives(db, [mandate.id], publicOnly);
  const ids = initiatives.map((initiative) => initiative.id);
  const [summary, flows, targets, requests, results] = await Promise.all([
    ids.length === 0
      ? undefined
      : summarizeFunding({
          db,
          by: ["initiative"],
          filter: { initiativeIds: ids, publishedOnly: publicOnly },
        }),
    listTraceFlowRows(db, ids),
    listTargetRows(db, ids),
    findRequestsOnParagraph({ db, mandate, viewer: options.viewer }),
    findResultsIndicatorsOf({ db, initiativeIds: ids }),
  ]);
  const disbursementsOf = (commitmentId: string) =>
    flows
      .filter((flow) => flow.flow_type === "disbursement" && flow.commitment_id === commitmentId)
      .map(toFlow);
  const withDisbursements = (row: TraceFlowRow) => ({
    ...toFlow(row),
    disbursements: disbursementsOf(row.id),
  });
  return {
    mandate: {
      id: mandate.id,
      symbol: mandate.symbol,
      paragraph: mandate.paragraph,
      text: { es: mandate.text_es, en: mandate.text_en },
    },
    totals: summary ? totalsOf(summary.total) : noTotals,
    initiatives: initiatives.map((initiative) => {
      const own = flows.filter((flow) => flow.initiative_id === initiative.id);
      const row = summary?.rows.find((candidate) => candidate.key.initiative?.id === initiative.id);
      return {
        id: initiative.id,
        code: initiative.code,
        title: { es: initiative.title_es, en: initiative.title_en },
        status: initiative.status,
        totals: row ? totalsOf(row) : noTotals,
        pledges: own
          .filter((flow) => flow.flow_type === "pledge")
          .map((pledge) => ({
            ...toFlow(pledge),
            commitments: own
              .filter((flow) => flow.flow_type === "commitment" && flow.pledge_id === pledge.id)
              .map(withDisbursements),
          })),
        unpledged_commitments: own
          .filter(
            (flow) =>
              flow.flow_type === "commitment" &&
              !own.some((pledge) => pledge.flow_type === "pledge" && pledge.id === flow.pledge_id),
          )
          .map(withDisbursements),
        requests: requests.filter((request) => request.initiative.id === initiative.id),
        results: results.filter((indicator) => indicator.initiative.id === initiative.id),
        targets: targets
          .filter((target) => target.initiative_id === initiative.id)
          .map((target) => ({
            indicator: {
              code: target.code,
              name: { es: target.name_es, en: target.name_en },
              unit: target.unit,
            },
            baseline_value: target.baseline_value,
            baseline_year: target.baseline_year,
            target_value: target.target_value,
            target_year: target.target_year,
          })),
      };
    }),
  };
}
