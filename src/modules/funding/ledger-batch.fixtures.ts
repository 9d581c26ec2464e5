import type { Kysely } from "kysely";
import type { OrganizationKind } from "../../contracts/enums.ts";
import type { Database } from "../../platform/db/schema.ts";
import type { RecordFlowInput } from "./flows.schema.ts";

/**
 * A world with the same ids in every database it is written to, so that two ledgers written
 * by different paths can be compared row for row.
 */
const fixedId = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, "0")}`;
export const twin = {
  components: { A: fixedId(1), B: fixedId(2) },
  partners: { EU: fixedId(11), ES: fixedId(12) },
  guatemala: fixedId(13),
  initiatives: { I1: fixedId(21), I2: fixedId(22) },
  conference: fixedId(31),
} as const;

/** The EUR rates of every ledger test world (funding.fixtures.ts re-exports them). */
export const EUR_RATES = {
  "2011-01-01": "1.3362",
  "2011-06-22": "1.4385",
  "2012-01-01": "1.2939",
  "2013-01-01": "1.3281",
} as const;

export const JPY_RATES = {
  "2011-01-01": "0.0122",
  "2012-01-01": "0.0124",
  "2013-01-01": "0.0116",
} as const;

export async function seedTwinWorld(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto("strategy_components")
    .values([
      { id: twin.components.A, code: "A", name_en: "Combating crime", name_es: "Combate" },
      { id: twin.components.B, code: "B", name_en: "Prevention", name_es: "Prevención" },
    ])
    .execute();
  const org = (
    id: string,
    code: string,
    kind: OrganizationKind,
    country: string | null = null,
  ) => ({
    id,
    code,
    kind,
    name_es: code,
    name_en: code,
    country_iso2: country,
  });
  await db
    .insertInto("organizations")
    .values([
      org(twin.partners.EU, "EU", "international_org"),
      org(twin.partners.ES, "ES", "partner_government"),
      org(twin.guatemala, "GT", "member_state", "GT"),
    ])
    .execute();
  const initiative = (id: string, code: string, componentId: string) => ({
    id,
    code,
    title_en: `Initiative ${code}`,
    component_id: componentId,
    lead_country: "GT",
    budget_amount_minor: 0n,
    budget_currency: "USD",
    budget_value_date: "2011-06-22",
    budget_usd_minor: 0n,
    budget_fx_rate: "1",
    budget_fx_date: "2011-06-22",
    status: "seeking_funding" as const,
  });
  await db
    .insertInto("initiatives")
    .values([
      initiative(twin.initiatives.I1, "I1", twin.components.A),
      initiative(twin.initiatives.I2, "I2", twin.components.B),
    ])
    .execute();
  await db
    .insertInto("conferences")
    .values({
      id: twin.conference,
      code: "GUA-2011",
      name_es: "Conferencia",
      name_en: "Conference",
      city: "Guatemala",
      country_iso2: "GT",
      start_date: "2011-06-22",
      end_date: "2011-06-23",
    })
    .execute();
  const rates = (currency: string, table: Record<string, string>) =>
    Object.entries(table).map(([rate_date, usd_per_unit]) => ({
      currency,
      rate_date,
      usd_per_unit,
      source: "test",
    }));
  await db
    .insertInto("exchange_rates")
    .values([...rates("EUR", EUR_RATES), ...rates("JPY", JPY_RATES)])
    .execute();
}

/**
 * `count` financial entries of the twin world: pledges, then commitments, then disbursements
 * (as an IATI sync orders them) over both partners and the given initiatives, in EUR, JPY and USD on
 * dates across 2011–2013, each disbursement with an over-commitment reason (as imported ones
 * carry). Amounts vary so that conversions round both ways.
 */
export function manyEntries(
  count: number,
  initiatives: readonly string[] = [twin.initiatives.I1, twin.initiatives.I2],
): RecordFlowInput[] {
  const kinds = ["pledge", "commitment", "disbursement"] as const;
  const currencies = ["EUR", "USD", "JPY"] as const;
  const dates = ["2011-06-23", "2012-02-01", "2012-12-31", "2013-05-05"] as const;
  const entries = Array.from({ length: count }, (_, i): RecordFlowInput => {
    const flowType = kinds[Math.floor((i * kinds.length) / count)] ?? "disbursement";
    const currency = currencies[i % currencies.length] ?? "USD";
    const whole = 1000 + ((i * 7919) % 100_000);
    return {
      flow_type: flowType,
      support_kind: "financial",
      partner_id: i % 2 ? twin.partners.ES : twin.partners.EU,
      initiative_id: initiatives[Math.floor(i / 2) % initiatives.length] ?? null,
      value: {
        amount:
          currency === "JPY" ? `${whole * 100}` : `${whole}.${String(i % 100).padStart(2, "0")}`,
        currency,
      },
      value_date: dates[i % dates.length] ?? "2012-02-01",
      source: "IATI publication of XM-TEST",
      note: `entry ${i}`,
      ...(flowType === "disbursement" && { over_commitment_reason: "As published in IATI" }),
    };
  });
  return entries;
}

/**
 * The ledger in seq order without what differs between two databases (ids, seq, the time of
 * recording): a reference to another entry becomes that entry's position in the list.
 */
export async function ledgerRows(db: Kysely<Database>) {
  const rows = await db.selectFrom("support_flows").selectAll().orderBy("seq").execute();
  const position = positions(rows.map((row) => row.id));
  return rows.map(({ id: _, seq: __, recorded_at: ___, ...row }) => ({
    ...row,
    pledge_id: position(row.pledge_id),
    commitment_id: position(row.commitment_id),
    reverses_id: position(row.reverses_id),
  }));
}

/** The audit rows of the ledger, in chain order, with the same references made positional. */
export async function ledgerAuditRows(db: Kysely<Database>) {
  const ids = await db.selectFrom("support_flows").select("id").orderBy("seq").execute();
  const position = positions(ids.map((row) => row.id));
  const rows = await db
    .selectFrom("audit_log")
    .select(["action", "actor", "actor_user_id", "organization_id", "entity_id", "before", "after"])
    .where("entity_type", "=", "support_flows")
    .orderBy("seq")
    .execute();
  return rows.map((row) => {
    const {
      id: _,
      seq: __,
      recorded_at: ___,
      ...after
    } = (row.after ?? {}) as Record<string, unknown>;
    return {
      ...row,
      entity_id: position(row.entity_id),
      after: {
        ...after,
        pledge_id: position(after.pledge_id as string | null),
        commitment_id: position(after.commitment_id as string | null),
        reverses_id: position(after.reverses_id as string | null),
      },
    };
  });
}

function positions(ids: string[]) {
  const at = new Map(ids.map((id, index) => [id, index]));
  return (id: string | null) => (id === null ? null : (at.get(id) ?? `elsewhere ${id}`));
}
