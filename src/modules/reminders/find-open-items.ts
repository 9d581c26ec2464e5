import type { Kysely } from "kysely";
import { moneyOut } from "../../contracts/money.ts";
import type { ReminderItem, ReminderRule } from "../../contracts/reminders.ts";
import type { ReminderThresholds } from "../../platform/config.ts";
import type { Database } from "../../platform/db/schema.ts";
import { findBlockedByMissingRate } from "../exchange-rates/index.ts";
import {
  findCommitmentsNotDisbursed,
  findFlowsWithoutSource,
  findPendingOverDisbursements,
  findPledgesNotCommitted,
} from "../funding/index.ts";
import { findInitiativesWithoutSource } from "../initiatives/index.ts";
import { findMandatesWithoutStatus } from "../mandates/index.ts";
import { findResultsNotReported } from "../results/index.ts";
import { findOrganizationNames } from "./reminders.queries.ts";

/** What every rule's rows have in common; the rest is optional detail. */
interface RuleRow {
  record_id: string;
  label: string;
  organization_id: string | null;
  since: string;
  initiative_code?: string | null;
  amount_minor?: bigint | null;
  currency?: string | null;
  period?: string | null;
  records?: number | null;
}

const DAY_MS = 86_400_000;
export const daysBetween = (from: string, to: string) =>
  Math.max(
    0,
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS),
  );

/** Today in UTC, as the checks date their items. */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Where each item is fixed in the web app, for staff; partners fix flows at their desk. */
function fixPath(rule: ReminderRule, type: ReminderItem["record"]["type"], id: string): string {
  if (rule === "over_disbursement_pending") return "/workspace/over-disbursements";
  if (rule === "rate_missing") return "/workspace/exchange-rates";
  if (type === "mandate") return `/mandates/${id}`;
  if (rule === "result_not_reported") return `/workspace/initiatives/${id}/results`;
  if (type === "initiative") return `/workspace/initiatives/${id}`;
  return "/workspace/flows";
}

/**
 * Every open item, computed now from the data: each rule asks the module that owns its
 * records (through its index). An item closes by itself once its record is fixed.
 *
 * Example: with pledgeMonths 6, a USA pledge of 2011-06-22 that no commitment names is
 * { rule: "pledge_not_committed", organization: USA, since: "2011-12-22", age_days: … }.
 */
export async function findOpenItems(options: {
  db: Kysely<Database>;
  thresholds: ReminderThresholds;
  asOf?: string;
}): Promise<{ asOf: string; items: ReminderItem[] }> {
  const { db, thresholds } = options;
  const asOf = options.asOf ?? todayUtc();
  const year = Number(asOf.slice(0, 4)) - 1;
  const [pledges, commitments, overDisbursements, results, mandates, flows, initiatives, rates] =
    await Promise.all([
      findPledgesNotCommitted(db, { asOf, months: thresholds.pledgeMonths }),
      findCommitmentsNotDisbursed(db, { asOf, months: thresholds.commitmentMonths }),
      findPendingOverDisbursements(db),
      findResultsNotReported(db, { year }),
      findMandatesWithoutStatus(db, { asOf }),
      findFlowsWithoutSource(db),
      findInitiativesWithoutSource(db),
      findBlockedByMissingRate({ db }),
    ]);
  const rateRows: RuleRow[] = rates.missing.map((m) => ({
    record_id: `${m.currency}:${m.date}`,
    label: `${m.currency} ${m.date}`,
    organization_id: null,
    currency: m.currency,
    records: m.records,
    since: m.date,
  }));
  const groups: [ReminderRule, ReminderItem["record"]["type"], RuleRow[]][] = [
    ["pledge_not_committed", "flow", pledges],
    ["commitment_not_disbursed", "flow", commitments],
    ["over_disbursement_pending", "over_disbursement_request", overDisbursements],
    ["result_not_reported", "initiative", results],
    ["mandate_status_missing", "mandate", mandates],
    ["source_missing", "flow", flows],
    ["source_missing", "initiative", initiatives],
    ["rate_missing", "exchange_rate", rateRows],
  ];
  const orgIds = new Set<string>();
  for (const [, , rows] of groups)
    for (const row of rows) if (row.organization_id) orgIds.add(row.organization_id);
  const orgs = new Map(
    (await findOrganizationNames(db, [...orgIds])).map((o) => [
      o.id,
      { id: o.id, code: o.code, name: { es: o.name_es, en: o.name_en } },
    ]),
  );
  const items = groups.flatMap(([rule, type, rows]) =>
    rows.map(
      (row): ReminderItem => ({
        key: `${rule}:${type}:${row.record_id}`,
        rule,
        organization: row.organization_id ? (orgs.get(row.organization_id) ?? null) : null,
        record: { type, id: row.record_id, label: row.label },
        initiative_code: row.initiative_code ?? null,
        value:
          row.amount_minor != null && row.currency
            ? moneyOut(row.amount_minor, row.currency)
            : null,
        period: row.period ?? null,
        records: row.records ?? null,
        since: row.since,
        age_days: daysBetween(row.since, asOf),
        fix_path: fixPath(rule, type, row.record_id),
      }),
    ),
  );
  // Oldest first: what has waited longest leads.
  items.sort((a, b) => a.since.localeCompare(b.since) || a.key.localeCompare(b.key));
  return { asOf, items };
}
