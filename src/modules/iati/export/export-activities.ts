import type { Kysely } from "kysely";
import { formatMinorUnits } from "../../../contracts/money.ts";
import type { Database } from "../../../platform/db/schema.ts";
import type { IatiSettings } from "../iati-settings.ts";
import { splitByYear } from "./budget-years.ts";
import {
  initiativeLists,
  type PublishedInitiative,
  publishedInitiatives,
  type StandingFlow,
  standingFlows,
} from "./export.queries.ts";
import { el, narratives, renderXml, type XmlElement } from "./xml-writer.ts";

/** ESCA status → IATI ActivityStatus: pipeline, implementation, finalisation, cancelled. */
const activityStatus: Record<string, string> = {
  draft: "1",
  submitted: "1",
  endorsed: "1",
  seeking_funding: "1",
  in_execution: "2",
  completed: "3",
  rejected: "5",
  cancelled: "5",
};
const transactionType: Record<string, string> = {
  pledge: "12",
  commitment: "2",
  disbursement: "3",
};

/**
 * The published portfolio as an IATI 2.03 activity file: one activity per published
 * initiative (identifier "<reporting org>-<code>"), with its sectors, countries, yearly
 * budgets and its standing ledger entries as transactions in their original currency.
 * Reversed entries and their reversals are left out: together they amount to nothing.
 */
export async function exportIatiActivities(options: {
  db: Kysely<Database>;
  settings: IatiSettings;
  now?: Date;
}): Promise<string> {
  const initiatives = await publishedInitiatives(options.db);
  const ids = initiatives.map((i) => i.id);
  const [flows, lists] = await Promise.all([
    standingFlows(options.db, ids),
    initiativeLists(options.db, ids),
  ]);
  const generated = (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z");
  const activities = initiatives.map((initiative) =>
    toActivity(initiative, {
      settings: options.settings,
      flows: flows.filter((f) => f.initiative_id === initiative.id),
      countries: lists.countries.filter((c) => c.initiative_id === initiative.id),
      sectors: lists.sectors.filter((s) => s.initiative_id === initiative.id),
    }),
  );
  return renderXml(
    el("iati-activities", { version: "2.03", "generated-datetime": generated }, ...activities),
  );
}

function toActivity(
  i: PublishedInitiative,
  parts: {
    settings: IatiSettings;
    flows: StandingFlow[];
    countries: Array<{ country_iso2: string; share_percentage: string | null }>;
    sectors: Array<{ dac_code: string; percentage: string }>;
  },
): XmlElement {
  const org = parts.settings.reportingOrg;
  const start = i.start_date ?? i.budget_value_date;
  const end = i.end_date ?? `${start.slice(0, 4)}-12-31`;
  const countries =
    parts.countries.length > 0 ? parts.countries.map((c) => c.country_iso2) : [i.lead_country];
  return el(
    "iati-activity",
    {
      "last-updated-datetime": i.updated_at.toISOString().replace(/\.\d{3}Z$/, "Z"),
      "xml:lang": "es",
      "default-currency": i.budget_currency,
      hierarchy: "1",
    },
    el("iati-identifier", {}, `${org.ref}-${i.code}`),
    el(
      "reporting-org",
      { ref: org.ref, type: org.type },
      el("narrative", { "xml:lang": "en" }, org.name),
    ),
    el("title", {}, ...narratives({ es: i.title_es, en: i.title_en })),
    (i.summary_es || i.summary_en) &&
      el("description", { type: "1" }, ...narratives({ es: i.summary_es, en: i.summary_en })),
    ...fundersOf(parts.flows),
    // The lead country's government is accountable (role 2); the schema wants one organisation at least.
    el(
      "participating-org",
      { ref: i.lead_ref, role: "2", type: "10" },
      ...narratives({
        es: i.lead_name_es ?? `Gobierno (${i.lead_country})`,
        en: i.lead_name_en ?? `Government (${i.lead_country})`,
      }),
    ),
    i.agency_name_en || i.agency_name_es
      ? el(
          "participating-org",
          { ref: i.agency_ref, role: "4" },
          ...narratives({ es: i.agency_name_es, en: i.agency_name_en }),
        )
      : null,
    el("activity-status", { code: activityStatus[i.status] ?? "1" }),
    el("activity-date", { "iso-date": start, type: "1" }),
    el("activity-date", { "iso-date": end, type: "3" }),
    ...(recordedShares(parts.countries) ?? equalShares(countries)).map(([code, percentage]) =>
      el("recipient-country", { code, percentage }),
    ),
    ...parts.sectors.map((s) =>
      el("sector", { vocabulary: "1", code: s.dac_code, percentage: trimZeros(s.percentage) }),
    ),
    ...splitByYear(i.budget_amount_minor, start, end).map((period) =>
      el(
        "budget",
        { type: "1", status: "1" },
        el("period-start", { "iso-date": period.start }),
        el("period-end", { "iso-date": period.end }),
        el(
          "value",
          { currency: i.budget_currency, "value-date": i.budget_value_date },
          formatMinorUnits(period.amountMinor, i.budget_currency),
        ),
      ),
    ),
    ...parts.flows.map(toTransaction),
  );
}

function toTransaction(f: StandingFlow): XmlElement {
  const currency = f.currency ?? "USD";
  return el(
    "transaction",
    { ref: f.id },
    el("transaction-type", { code: transactionType[f.flow_type] ?? "3" }),
    el("transaction-date", { "iso-date": f.value_date }),
    el(
      "value",
      { currency, "value-date": f.value_date },
      formatMinorUnits(f.amount_minor ?? 0n, currency),
    ),
    f.description && el("description", {}, el("narrative", { "xml:lang": "es" }, f.description)),
    el("provider-org", { ref: f.iati_org_id }, ...narratives({ es: f.name_es, en: f.name_en })),
    // Grant or loan (IATI FinanceType); left out where the entry does not state it.
    f.finance_type && el("finance-type", { code: f.finance_type }),
  );
}

/** Each partner that supports the initiative once, as a funding organisation (role 1). */
function fundersOf(flows: StandingFlow[]): XmlElement[] {
  const seen = new Map<string, StandingFlow>();
  for (const flow of flows) seen.set(flow.name_en, flow);
  return [...seen.values()].map((f) =>
    el(
      "participating-org",
      { ref: f.iati_org_id, role: "1" },
      ...narratives({ es: f.name_es, en: f.name_en }),
    ),
  );
}

/**
 * The recorded shares as recipient-country percentages, when every country has one and they
 * add up to 100 (IATI's rule); otherwise null, and the countries share equally.
 */
export function recordedShares(
  countries: Array<{ country_iso2: string; share_percentage: string | null }>,
): Array<[string, string]> | null {
  const shares = countries.map((c) => [c.country_iso2, c.share_percentage] as const);
  if (shares.length === 0 || shares.some(([, share]) => share === null)) return null;
  const hundredths = shares.reduce((sum, [, share]) => sum + Math.round(Number(share) * 100), 0);
  if (hundredths !== 10_000) return null;
  return shares.map(([code, share]) => [code, trimZeros(share ?? "")]);
}

/** 100 % shared equally in hundredths, the first ones taking the remainder: 3 → 33.34, 33.33, 33.33. */
export function equalShares(codes: string[]): Array<[string, string]> {
  const base = Math.floor(10_000 / codes.length);
  const extra = 10_000 - base * codes.length;
  return codes.map((code, index) => [
    code,
    trimZeros(((base + (index < extra ? 1 : 0)) / 100).toFixed(2)),
  ]);
}

const trimZeros = (value: string) => (value.includes(".") ? value.replace(/\.?0+$/, "") : value);
