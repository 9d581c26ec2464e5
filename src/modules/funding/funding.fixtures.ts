import { type Kysely, sql } from "kysely";
import { expect } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import type { InitiativeStatus } from "../../contracts/enums.ts";
import type { Database } from "../../platform/db/schema.ts";
import type { Flow } from "./flows.schema.ts";
import type { FundingSummary } from "./funding.schema.ts";
import { EUR_RATES } from "./ledger-batch.fixtures.ts";

/**
 * Builders for the funding tests. Organizations go through the real API; components,
 * initiatives and exchange rates are inserted directly, as their modules evolve separately.
 */
export interface LedgerWorld {
  components: Record<"A" | "B" | "C", string>;
  partners: Record<"EU" | "IDB" | "ES", string>;
  /** An organization that may not be a partner (a member state). */
  guatemala: string;
}

export { EUR_RATES };

/** GET /api/funding/summary as `send` asks it (anonymous or signed in), answered with 200. */
export async function readFundingSummary(
  send: TestApp["request"],
  query = "",
): Promise<FundingSummary> {
  const response = await send<FundingSummary>({
    method: "GET",
    url: `/api/funding/summary${query}`,
  });
  expect(response.status).toBe(200);
  return response.body;
}

/** A test app holding the ledger world. */
export async function openLedgerWorld(): Promise<{ t: TestApp; w: LedgerWorld }> {
  const t = await createTestApp();
  return { t, w: await setUpLedgerWorld(t) };
}

export async function setUpLedgerWorld(t: TestApp): Promise<LedgerWorld> {
  const db = t.handle.db;
  const components = {} as Record<"A" | "B" | "C", string>;
  for (const [code, en] of [
    ["A", "Combating crime"],
    ["B", "Violence prevention"],
    ["C", "Rehabilitation, reinsertion and penitentiary security"],
  ] as const) {
    const row = await db
      .insertInto("strategy_components")
      .values({ code, name_en: en, name_es: `Componente ${code}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    components[code] = row.id;
  }
  await db
    .insertInto("exchange_rates")
    .values(
      Object.entries(EUR_RATES).map(([rate_date, usd_per_unit]) => ({
        currency: "EUR",
        rate_date,
        usd_per_unit,
        source: "test",
      })),
    )
    .execute();
  const partners = {
    EU: await createOrg(t, "EU", "international_org", "Unión Europea", "European Union"),
    IDB: await createOrg(t, "IDB", "international_org", "BID", "Inter-American Development Bank"),
    ES: await createOrg(t, "ES", "partner_government", "España", "Spain"),
  };
  const guatemala = await createOrg(t, "GT", "member_state", "Guatemala", "Guatemala");
  return { components, partners, guatemala };
}

async function createOrg(t: TestApp, code: string, kind: string, es: string, en: string) {
  const response = await t.request<{ id: string }>({
    method: "POST",
    url: "/api/organizations",
    payload: { code, kind, name: { es, en }, ...(kind === "member_state" && { country: code }) },
  });
  expect(response.status).toBe(201);
  return response.body.id;
}

export async function insertInitiative(
  db: Kysely<Database>,
  values: {
    code: string;
    componentId: string;
    leadCountry: string;
    budgetUsdMinor: bigint;
    status?: InitiativeStatus;
    /** Published to the public (a draft never is); unpublished by default. */
    published?: boolean;
  },
): Promise<string> {
  const row = await db
    .insertInto("initiatives")
    .values({
      code: values.code,
      title_es: `Iniciativa ${values.code}`,
      title_en: `Initiative ${values.code}`,
      component_id: values.componentId,
      lead_country: values.leadCountry,
      budget_amount_minor: values.budgetUsdMinor,
      budget_currency: "USD",
      budget_value_date: "2011-06-22",
      budget_usd_minor: values.budgetUsdMinor,
      budget_fx_rate: "1",
      budget_fx_date: "2011-06-22",
      status: values.status ?? "seeking_funding",
      published_at: values.published ? new Date("2011-06-23T12:00:00Z") : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function postFlow(t: TestApp, payload: Record<string, unknown>) {
  return t.request<Flow & ErrorBody>({ method: "POST", url: "/api/flows", payload });
}

export async function postReversal(t: TestApp, id: string, payload: Record<string, unknown>) {
  return t.request<Flow & ErrorBody>({
    method: "POST",
    url: `/api/flows/${id}/reversal`,
    payload,
  });
}

export interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string; message: string }> };
}

export async function countFlows(db: Kysely<Database>): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from support_flows`.execute(db);
  return result.rows[0]?.n ?? -1;
}

/** Rolls back whatever `work` wrote, so each property run starts from the same data. */
export async function inRolledBackTransaction(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<void>,
): Promise<void> {
  const rollback = new Error("roll back");
  try {
    await db.transaction().execute(async (trx) => {
      await work(trx);
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
}
