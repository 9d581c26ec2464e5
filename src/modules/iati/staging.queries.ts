import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import type { ParsedActivity } from "./iati-activity.ts";
import type { LinkSource } from "./initiative-matcher.ts";
import { insertRecordset } from "./recordset-insert.ts";

export interface UsdValue {
  usdMinor: bigint;
  rate: string;
  rateDate: string;
}

/** An activity ready to be written: its link, and the USD value of each transaction and budget. */
export interface StagedActivity {
  activity: ParsedActivity;
  link: { initiativeId: string; source: LinkSource } | null;
  transactionUsd: Array<UsdValue | null>;
  budgetUsd: Array<UsdValue | null>;
}

const json = (value: unknown) => value;
const activityColumns = {
  publication_id: "uuid",
  iati_identifier: "text",
  line: "int",
  title_es: "text",
  title_en: "text",
  titles: "jsonb",
  descriptions: "jsonb",
  activity_status: "text",
  default_currency: "char(3)",
  start_date: "date",
  end_date: "date",
  dates: "jsonb",
  participating_orgs: "jsonb",
  sectors: "jsonb",
  countries: "jsonb",
  regions: "jsonb",
  related_activities: "jsonb",
  other_identifiers: "jsonb",
  initiative_id: "uuid",
  link_source: "text",
  last_updated: "text",
};
const transactionColumns = {
  activity_id: "uuid",
  line: "int",
  ref: "text",
  type_code: "smallint",
  transaction_date: "date",
  value_date: "date",
  value_text: "text",
  amount_minor: "bigint",
  currency: "char(3)",
  usd_minor: "bigint",
  fx_rate: "numeric",
  fx_date: "date",
  provider_ref: "text",
  receiver_ref: "text",
  descriptions: "jsonb",
};
const budgetColumns = {
  activity_id: "uuid",
  line: "int",
  budget_type: "text",
  status: "text",
  period_start: "date",
  period_end: "date",
  amount_minor: "bigint",
  currency: "char(3)",
  value_date: "date",
  usd_minor: "bigint",
};

/** Writes a batch of activities with their transactions and budgets, in a few statements. */
export async function insertStagedActivities(
  db: Kysely<Database>,
  publicationId: string,
  batch: StagedActivity[],
): Promise<void> {
  if (batch.length === 0) return;
  const ids = await insertRecordset<{ id: string; iati_identifier: string }>(
    db,
    "iati_activities",
    activityColumns,
    batch.map(({ activity: a, link }) => ({
      publication_id: publicationId,
      iati_identifier: a.identifier,
      line: a.line,
      title_es: a.title.find((n) => n.lang === "es")?.text ?? null,
      title_en: a.title.find((n) => n.lang === "en")?.text ?? null,
      titles: json(a.title),
      descriptions: json(a.description),
      activity_status: a.status,
      default_currency: a.defaultCurrency?.slice(0, 3) ?? null,
      start_date: dateOf(a, ["2", "1"]),
      end_date: dateOf(a, ["4", "3"]),
      dates: json(a.dates),
      participating_orgs: json(a.participatingOrgs),
      sectors: json(a.sectors),
      countries: json(a.countries),
      regions: json(a.regions),
      related_activities: json(a.relatedActivities),
      other_identifiers: json(a.otherIdentifiers),
      initiative_id: link?.initiativeId ?? null,
      link_source: link?.source ?? null,
      last_updated: a.lastUpdated,
    })),
    true,
  );
  const idOf = new Map(ids.map((row) => [row.iati_identifier, row.id]));
  const transactions: Array<Record<string, unknown>> = [];
  const budgets: Array<Record<string, unknown>> = [];
  batch.forEach((staged) => {
    const activityId = idOf.get(staged.activity.identifier);
    if (!activityId) return;
    staged.activity.transactions.forEach((t, i) => {
      const usd = staged.transactionUsd[i] ?? null;
      transactions.push({
        activity_id: activityId,
        line: t.line,
        ref: t.ref,
        type_code: t.typeCode,
        transaction_date: t.date,
        value_date: t.value.valueDate,
        value_text: t.value.text,
        amount_minor: t.value.amountMinor,
        currency: t.value.currency,
        usd_minor: usd?.usdMinor ?? null,
        fx_rate: usd?.rate ?? null,
        fx_date: usd?.rateDate ?? null,
        provider_ref: t.providerRef,
        receiver_ref: t.receiverRef,
        descriptions: json(t.description),
      });
    });
    staged.activity.budgets.forEach((b, i) => {
      budgets.push({
        activity_id: activityId,
        line: b.line,
        budget_type: b.type,
        status: b.status,
        period_start: b.periodStart,
        period_end: b.periodEnd,
        amount_minor: b.value.amountMinor,
        currency: b.value.currency,
        value_date: b.value.valueDate,
        usd_minor: staged.budgetUsd[i]?.usdMinor ?? null,
      });
    });
  });
  await insertRecordset(db, "iati_transactions", transactionColumns, transactions);
  await insertRecordset(db, "iati_budgets", budgetColumns, budgets);
}

function dateOf(activity: ParsedActivity, types: string[]): string | null {
  for (const type of types) {
    const found = activity.dates.find((d) => d.type === type);
    if (found) return found.date;
  }
  return null;
}
