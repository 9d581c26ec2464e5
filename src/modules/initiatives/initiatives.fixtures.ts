import type { Kysely } from "kysely";
import { expect } from "vitest";
import type { TestApp } from "../../../test/support/app.ts";
import type { Database } from "../../platform/db/schema.ts";

/**
 * Builders for the initiative tests: the strategy tree, organizations and indicators go
 * through the real API; exchange rates and ledger rows are inserted directly.
 */
export interface InitiativeWorld {
  components: Record<"A" | "B", string>;
  organizations: Record<"EU" | "IDB" | "UNDP", string>;
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    details: Array<{ path: string; message: string }>;
    context?: Record<string, unknown>;
  };
}

async function post<T extends { id: string }>(t: TestApp, url: string, payload: object) {
  const response = await t.request<T>({ method: "POST", url, payload });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
}

export async function setUpInitiativeWorld(t: TestApp): Promise<InitiativeWorld> {
  const component = (code: string, en: string, es: string) =>
    post(t, "/api/components", { code, name: { es, en } });
  const components = {
    A: await component("A", "Combating crime", "Combate al delito"),
    B: await component("B", "Violence prevention", "Prevención de la violencia"),
  };
  for (const [code, parent, en, es] of [
    ["AC", "A", "Criminal investigation", "Investigación criminal"],
    ["BA", "B", "Violence against women", "Violencia contra las mujeres"],
    ["BB", "B", "Youth violence", "Violencia juvenil"],
  ] as const) {
    await post(t, "/api/lines-of-action", { code, component: parent, name: { es, en } });
  }
  const organization = (code: string, en: string, es: string) =>
    post(t, "/api/organizations", { code, kind: "international_org", name: { es, en } });
  const organizations = {
    EU: await organization("EU", "European Union", "Unión Europea"),
    IDB: await organization(
      "IDB",
      "Inter-American Development Bank",
      "Banco Interamericano de Desarrollo",
    ),
    UNDP: await organization("UNDP", "United Nations Development Programme", "PNUD"),
  };
  for (const [code, en, es] of [
    ["homicide_rate", "Homicide rate", "Tasa de homicidios"],
    ["femicide_rate", "Femicide rate", "Tasa de femicidios"],
  ] as const) {
    await post(t, "/api/indicators", { code, name: { es, en }, unit: "per 100,000 inhabitants" });
  }
  await t.handle.db
    .insertInto("exchange_rates")
    .values([
      { currency: "EUR", rate_date: "2011-06-22", usd_per_unit: "1.4385", source: "test" },
      { currency: "EUR", rate_date: "2012-01-02", usd_per_unit: "1.2939", source: "test" },
    ])
    .execute();
  return { components, organizations };
}

/** AC1 as the 2011 portfolio describes it: EUR 21.5 million, led by Guatemala. */
export function ac1Payload(overrides: Record<string, unknown> = {}) {
  return {
    code: "AC1",
    title: {
      es: "Cooperación en investigación criminal en los países miembros del SICA",
      en: "Cooperation on criminal investigation in SICA member states",
    },
    summary: { en: "Regional criminal investigation capacities." },
    component: "A",
    line_of_action: "AC",
    lead_country: "GT",
    countries: ["HN", "SV"],
    sectors: [
      { code: "15210", percentage: "60.00" },
      { code: "15130", percentage: "40" },
    ],
    budget: { amount: "21500000.00", currency: "EUR" },
    start_date: "2011-06-22",
    end_date: "2015-06-21",
    targets: [
      {
        indicator: "homicide_rate",
        baseline: { value: "41.4", year: 2010 },
        target: { value: "30", year: 2015 },
      },
    ],
    source: "La Gaceta 504",
    ...overrides,
  };
}

/** A minimal initiative in USD, so no exchange rate is involved. */
export function usdPayload(code: string, overrides: Record<string, unknown> = {}) {
  return {
    code,
    title: { en: `Initiative ${code}` },
    component: "B",
    lead_country: "HN",
    budget: { amount: "1000000.00", currency: "USD" },
    illustrative: true,
    ...overrides,
  };
}

/** Submits an initiative and publishes it through the API, as its staff would. */
export async function submitAndPublish(t: TestApp, code: string): Promise<void> {
  const submitted = await t.request({
    method: "POST",
    url: `/api/initiatives/${code}/transitions`,
    payload: { to: "submitted" },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  const publication = await t.request({
    method: "POST",
    url: `/api/initiatives/${code}/publication`,
    payload: { published: true },
  });
  expect(publication.status, JSON.stringify(publication.body)).toBe(200);
}

const childTables = [
  "initiatives",
  "initiative_countries",
  "initiative_sectors",
  "initiative_targets",
  "initiative_transitions",
] as const;

/** Row counts of everything an initiative write touches, to prove a refusal wrote nothing. */
export async function countInitiativeRows(db: Kysely<Database>) {
  const counts: Record<string, number> = {};
  for (const table of childTables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<bigint>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** A financial commitment in the ledger, written directly in USD. */
export async function insertCommitment(
  db: Kysely<Database>,
  values: { initiativeId: string; componentId: string; partnerId: string; usdMinor: bigint },
) {
  await db
    .insertInto("support_flows")
    .values({
      flow_type: "commitment",
      support_kind: "financial",
      partner_id: values.partnerId,
      initiative_id: values.initiativeId,
      component_id: values.componentId,
      amount_minor: values.usdMinor,
      currency: "USD",
      value_date: "2012-01-02",
      usd_minor: values.usdMinor,
      fx_rate: "1",
      fx_date: "2012-01-02",
      recorded_by: "test",
    })
    .execute();
}
