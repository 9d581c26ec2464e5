import { type Kysely, sql } from "kysely";
import type { OverrideRequestStatus } from "../../../contracts/enum-values.ts";
import { moneyOut } from "../../../contracts/money.ts";
import { readPage } from "../../../platform/db/paging.ts";
import type { Database, RequestedDisbursement } from "../../../platform/db/schema.ts";
import type { OverDisbursementRequest } from "./override-requests.schema.ts";

/** A request with its partner, its initiative and the pair's figures now (net of reversals). */
function selectRequests(db: Kysely<Database>) {
  return db
    .selectFrom("over_disbursement_requests as r")
    .innerJoin("organizations as o", "o.id", "r.partner_id")
    .innerJoin("initiatives as i", "i.id", "r.initiative_id")
    .selectAll("r")
    .select([
      "o.code as partner_code",
      "o.name_es as partner_name_es",
      "o.name_en as partner_name_en",
      "i.code as initiative_code",
      "i.title_es as initiative_title_es",
      "i.title_en as initiative_title_en",
      sql<string>`(select coalesce(sum(f.usd_minor), 0) from support_flows f
        where f.flow_type = 'commitment' and f.initiative_id = r.initiative_id
          and f.partner_id = r.partner_id)`.as("committed_minor"),
      sql<string>`(select coalesce(sum(f.usd_minor), 0) from support_flows f
        where f.flow_type = 'disbursement' and f.initiative_id = r.initiative_id
          and f.partner_id = r.partner_id)`.as("disbursed_minor"),
    ]);
}
type RequestRow = Awaited<ReturnType<ReturnType<typeof selectRequests>["executeTakeFirstOrThrow"]>>;

export function findRequestRow(db: Kysely<Database>, id: string) {
  return selectRequests(db).where("r.id", "=", id).executeTakeFirst();
}

/** Newest first; `partnerId` narrows to one partner's requests (what a partner sees). */
export function listRequestRows(
  db: Kysely<Database>,
  filter: { partnerId?: string; statuses?: OverrideRequestStatus[] },
  page: { limit: number; offset: number },
) {
  let rows = selectRequests(db);
  let count = db.selectFrom("over_disbursement_requests as r");
  if (filter.partnerId) {
    rows = rows.where("r.partner_id", "=", filter.partnerId);
    count = count.where("r.partner_id", "=", filter.partnerId);
  }
  if (filter.statuses?.length) {
    rows = rows.where("r.status", "in", filter.statuses);
    count = count.where("r.status", "in", filter.statuses);
  }
  return readPage({ rows: rows.orderBy("r.requested_at", "desc").orderBy("r.id"), count }, page);
}

/** The request's row, locked until the transaction ends, so that it is decided once. */
export function lockRequest(db: Kysely<Database>, id: string) {
  return db
    .selectFrom("over_disbursement_requests")
    .selectAll()
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertRequest(
  db: Kysely<Database>,
  values: RequestedDisbursement & {
    reason: string;
    requested_by: string;
    requested_by_user_id: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto("over_disbursement_requests")
    .values(values)
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function markDecided(
  db: Kysely<Database>,
  id: string,
  decision: {
    status: "approved" | "declined";
    decided_by: string;
    decided_by_user_id: string | null;
    decision_note: string | null;
    flow_id: string | null;
  },
): Promise<void> {
  await db
    .updateTable("over_disbursement_requests")
    .set({ ...decision, decided_at: sql<Date>`now()` })
    .where("id", "=", id)
    .execute();
}

export function toRequest(row: RequestRow): OverDisbursementRequest {
  return {
    id: row.id,
    partner: {
      id: row.partner_id,
      code: row.partner_code,
      name: { es: row.partner_name_es, en: row.partner_name_en },
    },
    initiative: {
      id: row.initiative_id,
      code: row.initiative_code,
      title: { es: row.initiative_title_es, en: row.initiative_title_en },
    },
    commitment_id: row.commitment_id,
    value: moneyOut(row.amount_minor, row.currency),
    value_date: row.value_date,
    reason: row.reason,
    status: row.status,
    requested_by: row.requested_by,
    requested_at: row.requested_at.toISOString(),
    decided_by: row.decided_by,
    decided_at: row.decided_at ? row.decided_at.toISOString() : null,
    decision_note: row.decision_note,
    flow_id: row.flow_id,
    committed_usd: moneyOut(BigInt(row.committed_minor), "USD"),
    disbursed_usd: moneyOut(BigInt(row.disbursed_minor), "USD"),
  };
}
