import type { Kysely } from "kysely";
import { formatMinorUnits } from "../../../contracts/money.ts";
import type { Database } from "../../../platform/db/schema.ts";
import type { IatiSettings } from "../iati-settings.ts";
import { splitByYear } from "./budget-years.ts";
import { publishedInitiatives } from "./export.queries.ts";
import { el, renderXml } from "./xml-writer.ts";

/**
 * ESCA Hub as an IATI 2.03 organisation: its identifier and name, and the total budget of
 * the published portfolio per calendar year in USD (each initiative's USD budget spread
 * over its years as in the activity file).
 */
export async function exportIatiOrganisation(options: {
  db: Kysely<Database>;
  settings: IatiSettings;
  now?: Date;
}): Promise<string> {
  const org = options.settings.reportingOrg;
  const byYear = new Map<number, bigint>();
  for (const i of await publishedInitiatives(options.db)) {
    const start = i.start_date ?? i.budget_value_date;
    for (const period of splitByYear(
      i.budget_usd_minor,
      start,
      i.end_date ?? `${start.slice(0, 4)}-12-31`,
    )) {
      const year = Number(period.start.slice(0, 4));
      byYear.set(year, (byYear.get(year) ?? 0n) + period.amountMinor);
    }
  }
  const now = (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z");
  const budgets = [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, cents]) =>
      el(
        "total-budget",
        { status: "1" },
        el("period-start", { "iso-date": `${year}-01-01` }),
        el("period-end", { "iso-date": `${year}-12-31` }),
        el(
          "value",
          { currency: "USD", "value-date": `${year}-01-01` },
          formatMinorUnits(cents, "USD"),
        ),
      ),
    );
  return renderXml(
    el(
      "iati-organisations",
      { version: "2.03", "generated-datetime": now },
      el(
        "iati-organisation",
        { "last-updated-datetime": now, "xml:lang": "en", "default-currency": "USD" },
        el("organisation-identifier", {}, org.ref),
        el("name", {}, el("narrative", {}, org.name)),
        el("reporting-org", { ref: org.ref, type: org.type }, el("narrative", {}, org.name)),
        ...budgets,
      ),
    ),
  );
}
