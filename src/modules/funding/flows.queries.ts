import { type Kysely, sql } from "kysely";
import type { FlowOrigin } from "../../contracts/enum-values.ts";
import type { RateBasis } from "../../contracts/enums.ts";
import { moneyOut } from "../../contracts/money.ts";
import { readPage } from "../../platform/db/paging.ts";
import type { Database, NewSupportFlow, SupportFlowRow } from "../../platform/db/schema.ts";
import { type Flow, flowFields, type ListFlowsQuery } from "./flows.schema.ts";

export type FlowRow = SupportFlowRow & {
  reversed_by: string | null;
  /** When the secretariat approved the partner's request this disbursement was recorded by. */
  over_commitment_approved_at?: Date | null;
  /** What the rate applied is (a month's or year's average, a peg…), from exchange_rates. */
  fx_basis: RateBasis | null;
  /** The publisher whose IATI file this entry was imported from (iati_ledger_entries). */
  iati_publisher: string | null;
};

export interface LedgerPair {
  initiativeId: string;
  partnerId: string;
}

/** First key of the ledger's advisory locks (the resolution's number). */
export const LEDGER_LOCK_NAMESPACE = 2626;

/**
 * Every flow read carries the id of its reversal, found through the unique reverses_id, when
 * an over-disbursement request it was recorded by was approved (the unique flow_id), and the
 * IATI publication it was imported from (iati_ledger_entries, keyed by flow_id).
 */
export function selectFlows(db: Kysely<Database>) {
  return db
    .selectFrom("support_flows as f")
    .leftJoin("support_flows as r", "r.reverses_id", "f.id")
    .leftJoin("over_disbursement_requests as o", "o.flow_id", "f.id")
    .leftJoin("exchange_rates as x", (join) =>
      join.onRef("x.currency", "=", "f.currency").onRef("x.rate_date", "=", "f.fx_date"),
    )
    .leftJoin("iati_ledger_entries as il", "il.flow_id", "f.id")
    .selectAll("f")
    .select([
      "r.id as reversed_by",
      "o.decided_at as over_commitment_approved_at",
      "x.basis as fx_basis",
      "il.publisher_ref as iati_publisher",
    ]);
}

export function findFlowRow(db: Kysely<Database>, id: string): Promise<FlowRow | undefined> {
  return selectFlows(db).where("f.id", "=", id).executeTakeFirst();
}

/**
 * Inserts one ledger row and returns it as findFlowRow would read it, in one statement. The
 * joins see the tables as they were before the insert, which for a new row is what a read
 * after it would see: nothing points at an id that did not exist yet (no reversal, no
 * over-disbursement request, no IATI entry), and the rate it was valued with is where it was.
 */
export async function insertFlowRowReturning(
  db: Kysely<Database>,
  values: NewSupportFlow,
): Promise<FlowRow> {
  const row = await db
    .with("written", (db) => db.insertInto("support_flows").values(values).returningAll())
    .selectFrom("written as f")
    .leftJoin("support_flows as r", "r.reverses_id", "f.id")
    .leftJoin("over_disbursement_requests as o", "o.flow_id", "f.id")
    .leftJoin("exchange_rates as x", (join) =>
      join.onRef("x.currency", "=", "f.currency").onRef("x.rate_date", "=", "f.fx_date"),
    )
    .leftJoin("iati_ledger_entries as il", "il.flow_id", "f.id")
    .selectAll("f")
    .select([
      "r.id as reversed_by",
      "o.decided_at as over_commitment_approved_at",
      "x.basis as fx_basis",
      "il.publisher_ref as iati_publisher",
    ])
    .executeTakeFirstOrThrow();
  return row as FlowRow;
}

const sortColumns = {
  value_date: "f.value_date",
  recorded_at: "f.recorded_at",
  value_usd: "f.usd_minor",
  flow_type: "f.flow_type",
} as const;

/**
 * Which flows a viewer sees: all (staff), or those on published initiatives and unallocated
 * ones — plus a partner's own and, for a focal point, those on their country's initiatives.
 */
export type FlowVisibility =
  | { all: true }
  | { all: false; organizationId: string | null; country: string | null };

/**
 * Whether the entry aliased `alias` is one a viewer of `visibility` (not staff) may see: one
 * to no initiative, to a published initiative or, for a focal point, to their country's, or
 * their own organization's.
 */
export function visibleEntry(
  alias: "f" | "c",
  visibility: Extract<FlowVisibility, { all: false }>,
) {
  const { organizationId, country } = visibility;
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  return sql<boolean>`(${column("initiative_id")} is null or exists (
    select 1 from initiatives vi where vi.id = ${column("initiative_id")}
      and (vi.published_at is not null${country ? sql` or vi.lead_country = ${country}` : sql``}))${
        organizationId ? sql` or ${column("partner_id")} = ${organizationId}` : sql``
      })`;
}

export async function listFlowRows(
  db: Kysely<Database>,
  query: ListFlowsQuery,
  visibility: FlowVisibility = { all: true },
) {
  // The read's joins are on unique keys: they add columns, never rows, so the count is the filter's.
  let base = selectFlows(db);
  if (!visibility.all) base = base.where(visibleEntry("f", visibility));
  if (query.flow_type?.length) base = base.where("f.flow_type", "in", query.flow_type);
  if (query.support_kind?.length) base = base.where("f.support_kind", "in", query.support_kind);
  if (query.partner_id?.length) base = base.where("f.partner_id", "in", query.partner_id);
  if (query.initiative_id?.length) base = base.where("f.initiative_id", "in", query.initiative_id);
  if (query.component_id?.length) base = base.where("f.component_id", "in", query.component_id);
  if (query.finance_type?.length) base = base.where("f.finance_type", "in", query.finance_type);
  if (query.conference_id?.length) base = base.where("f.conference_id", "in", query.conference_id);
  if (query.year?.length)
    base = base.where(sql<number>`extract(year from f.value_date)::int`, "in", query.year);
  if (query.from) base = base.where("f.value_date", ">=", query.from);
  if (query.to) base = base.where("f.value_date", "<=", query.to);
  if (!query.include_reversals) base = base.where("f.reverses_id", "is", null);
  if (query.linkable_to) base = linkableTo(base, query.linkable_to);
  return readPage(
    {
      rows: base.orderBy(sortColumns[query.sort.field], query.sort.direction).orderBy("f.seq"),
      count: base,
    },
    query,
  );
}

/**
 * The standing pledges and commitments a new entry for `initiative` ("none": for no
 * initiative) may point at, as resolveFlowLinks accepts them: a commitment of the same
 * initiative, a pledge of the same initiative or of none.
 */
function linkableTo(base: ReturnType<typeof selectFlows>, initiative: string) {
  const same =
    initiative === "none" ? sql`f.initiative_id is null` : sql`f.initiative_id = ${initiative}`;
  return base
    .where("f.reverses_id", "is", null)
    .where("r.id", "is", null)
    .where(
      sql<boolean>`((f.flow_type = 'commitment' and ${same})
        or (f.flow_type = 'pledge' and (${same} or f.initiative_id is null)))`,
    );
}

/**
 * Serializes the writers of one (initiative, partner) pair until their transaction ends, so
 * the over-commitment check reads totals no concurrent writer can change. The two-key form
 * keeps these locks apart from other advisory locks (the first key is the namespace); a
 * hashtext collision between two pairs only makes them wait for each other, never wrong.
 */
export async function lockInitiativePartner(db: Kysely<Database>, pair: LedgerPair) {
  const pairKey = `${pair.initiativeId}/${pair.partnerId}`;
  await sql`select pg_advisory_xact_lock(${LEDGER_LOCK_NAMESPACE}, hashtext(${pairKey}))`.execute(
    db,
  );
}

/**
 * Committed and disbursed US cents of one pair, net of reversals (a reversal row carries the
 * negated amount, so a plain sum nets it out). Unvalued technical entries have no USD value.
 */
export async function sumInitiativePartner(db: Kysely<Database>, pair: LedgerPair) {
  const row = await db
    .selectFrom("support_flows")
    .select([
      sql<string>`coalesce(sum(usd_minor) filter (where flow_type = 'commitment'), 0)`.as(
        "committed",
      ),
      sql<string>`coalesce(sum(usd_minor) filter (where flow_type = 'disbursement'), 0)`.as(
        "disbursed",
      ),
    ])
    .where("initiative_id", "=", pair.initiativeId)
    .where("partner_id", "=", pair.partnerId)
    .executeTakeFirstOrThrow();
  // Summed in numeric, as the roll-up sums: exact, and never out of bigint's range.
  return { committed: BigInt(row.committed), disbursed: BigInt(row.disbursed) };
}

/** The label the demo seed records its entries under (DEMO_PRINCIPAL in the demo module). */
const DEMO_RECORDER = "demo-seed";

/**
 * How an entry came in, from what the ledger keeps: an IATI import's entries are listed in
 * iati_ledger_entries; the platform's own (no user) carry their command's label.
 */
function flowOrigin(row: FlowRow): FlowOrigin {
  if (row.iati_publisher !== null) return "iati_import";
  if (row.recorded_by_user_id !== null) return "entered";
  return row.recorded_by === DEMO_RECORDER ? "demo_data" : "operator";
}

/** "1.438500000000" (numeric(24,12)) → "1.4385"; "1.000000000000" → "1". */
const trimRate = (rate: string) => (rate.includes(".") ? rate.replace(/\.?0+$/, "") : rate);

export function toFlow(row: FlowRow): Flow {
  return {
    id: row.id,
    seq: Number(row.seq),
    flow_type: row.flow_type,
    support_kind: row.support_kind,
    partner_id: row.partner_id,
    initiative_id: row.initiative_id,
    component_id: row.component_id,
    conference_id: row.conference_id,
    conference_session_id: row.conference_session_id,
    pledge_id: row.pledge_id,
    commitment_id: row.commitment_id,
    reverses_id: row.reverses_id,
    reversed_by: row.reversed_by,
    description: row.description,
    value:
      row.amount_minor === null || row.currency === null
        ? null
        : moneyOut(row.amount_minor, row.currency),
    value_usd: row.usd_minor === null ? null : moneyOut(row.usd_minor, "USD"),
    fx_rate: row.fx_rate === null ? null : trimRate(row.fx_rate),
    fx_date: row.fx_date,
    fx_basis: row.fx_basis,
    value_date: row.value_date,
    over_commitment_reason: row.over_commitment_reason,
    finance_type: row.finance_type,
    over_commitment_approved_at: row.over_commitment_approved_at?.toISOString() ?? null,
    illustrative: row.illustrative,
    illustrative_fields: flowFields.filter((field) => row.illustrative_fields.includes(field)),
    source: row.source,
    origin: flowOrigin(row),
    iati_publisher: row.iati_publisher,
    note: row.note,
    recorded_by: row.recorded_by,
    recorded_at: row.recorded_at.toISOString(),
  };
}

/** The organization code of each of these users, by user id. */
export async function organizationCodesOfUsers(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("users as u")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .select(["u.id", "o.code"])
    .where("u.id", "in", userIds)
    .execute();
  return new Map(rows.map((user) => [user.id, user.code]));
}

/** What decides who may see an initiative's flows: whether it is published, and its country. */
export function findInitiativeAudience(db: Kysely<Database>, initiativeId: string) {
  return db
    .selectFrom("initiatives")
    .select(["published_at", "lead_country"])
    .where("id", "=", initiativeId)
    .executeTakeFirst();
}
