import { join } from "node:path";
import type { Kysely } from "kysely";
import { openEmbedded } from "../../platform/db/connect.ts";
import { migrateToLatest } from "../../platform/db/migrate.ts";
import type { Database } from "../../platform/db/schema.ts";

export interface TestTransaction {
  type: number;
  date: string;
  amount: string;
  currency?: string;
  ref?: string;
  /** <finance-type code> of the transaction. */
  financeType?: string;
}

export interface TestActivity {
  id: string;
  related?: string;
  /** <default-finance-type code> of the activity. */
  defaultFinanceType?: string;
  transactions: TestTransaction[];
}

/** A small, schema-shaped IATI 2.03 file of one publisher, for import tests. */
export function iatiFile(
  publisher: string,
  activities: TestActivity[],
  generated = "2026-01-01T00:00:00Z",
): string {
  const body = activities.map((a) => {
    const transactions = a.transactions
      .map(
        (t) =>
          `  <transaction${t.ref ? ` ref="${t.ref}"` : ""}><transaction-type code="${t.type}"/><transaction-date iso-date="${t.date}"/><value currency="${t.currency ?? "USD"}" value-date="${t.date}">${t.amount}</value>${t.financeType ? `<finance-type code="${t.financeType}"/>` : ""}</transaction>`,
      )
      .join("\n");
    return ` <iati-activity xml:lang="en" default-currency="USD" last-updated-datetime="${generated}">
  <iati-identifier>${a.id}</iati-identifier>
  <reporting-org ref="${publisher}" type="10"><narrative>Test donor</narrative><narrative xml:lang="es">Donante de prueba</narrative></reporting-org>
  <title><narrative>Activity ${a.id}</narrative><narrative xml:lang="es">Actividad ${a.id}</narrative></title>
  <description type="1"><narrative>Support to the Central American Security Strategy</narrative></description>
  <participating-org ref="${publisher}" role="1" type="10"/>
  <activity-status code="2"/>
  <activity-date iso-date="2012-01-01" type="2"/>
  <recipient-country code="GT" percentage="100"/>
  <sector vocabulary="1" code="15210" percentage="100"/>
${a.defaultFinanceType ? `  <default-finance-type code="${a.defaultFinanceType}"/>\n` : ""}${transactions}
${a.related ? `  <related-activity ref="${a.related}" type="5"/>\n` : ""} </iati-activity>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="${generated}">\n${body.join("\n")}\n</iati-activities>\n`;
}

/** A data folder the command line then opens: migrated, with setUpIatiWorld's records. */
export async function setUpIatiDataDir(dataDir: string): Promise<void> {
  const handle = await openEmbedded({ dataDir: join(dataDir, "pglite") });
  try {
    await migrateToLatest(handle.db);
    await setUpIatiWorld(handle.db);
  } finally {
    await handle.close();
  }
}

/** A component, an initiative GT1 of it, and EUR rates for 2011–2013. */
export async function setUpIatiWorld(db: Kysely<Database>) {
  const component = await db
    .insertInto("strategy_components")
    .values({ code: "A", name_en: "Combating crime", name_es: "Combate al delito" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const initiative = await db
    .insertInto("initiatives")
    .values({
      code: "GT1",
      title_es: "Iniciativa GT1",
      title_en: "Initiative GT1",
      component_id: component.id,
      lead_country: "GT",
      budget_amount_minor: 500_000_00n,
      budget_currency: "USD",
      budget_value_date: "2012-01-01",
      budget_usd_minor: 500_000_00n,
      budget_fx_rate: "1",
      budget_fx_date: "2012-01-01",
      status: "seeking_funding",
      published_at: new Date("2012-01-01T00:00:00Z"),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("exchange_rates")
    .values(
      ["2011-01-01", "2012-01-01", "2013-01-01"].map((rate_date) => ({
        currency: "EUR",
        rate_date,
        usd_per_unit: "1.25",
        source: "test",
      })),
    )
    .execute();
  return { componentId: component.id, initiativeId: initiative.id };
}

/** A partner government that publishes in IATI under `iatiOrgId`, as an officer's organization. */
export async function addPublishingDonor(db: Kysely<Database>, code: string, iatiOrgId: string) {
  await db
    .insertInto("organizations")
    .values({
      code,
      kind: "partner_government",
      name_es: "Donante",
      name_en: "Donor",
      iati_org_id: iatiOrgId,
    })
    .execute();
}
