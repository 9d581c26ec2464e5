import { type Kysely, sql } from "kysely";
import { readPage } from "../../platform/db/paging.ts";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";

export interface AuditFilters {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  /** The acting user's organization at the time. */
  organizationId?: string | undefined;
  actorUserId?: string | undefined;
  actions?: string[] | undefined;
  /** Only the changes that left (or found, for a deletion) the record published. */
  publishedOnly?: boolean | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface AuditPage {
  limit: number;
  offset: number;
  /** Newest first for browsing; oldest first for one record's history. */
  order: "asc" | "desc";
}

export async function listAuditRows(db: Kysely<Database>, filters: AuditFilters, page: AuditPage) {
  let base = db.selectFrom("audit_log");
  if (filters.entityType) base = base.where("entity_type", "=", filters.entityType);
  if (filters.entityId) base = base.where("entity_id", "=", filters.entityId);
  if (filters.actor) base = base.where("actor", "=", filters.actor);
  if (filters.organizationId) base = base.where("organization_id", "=", filters.organizationId);
  if (filters.actorUserId) base = base.where("actor_user_id", "=", filters.actorUserId);
  if (filters.publishedOnly)
    base = base.where(
      sql<boolean>`coalesce("after", "before") ->> 'published_at' is not null`,
      "=",
      true,
    );
  if (filters.actions?.length) base = base.where("action", "in", filters.actions);
  if (filters.from) base = base.where("at", ">=", filters.from);
  if (filters.to) base = base.where("at", "<", filters.to);
  return readPage({ rows: base.selectAll().orderBy("seq", page.order), count: base }, page);
}

/** Appends an event row through the one SQL writer of the chain; who acts comes from esca.ctx. */
export async function appendAuditEvent(
  db: Kysely<Database>,
  event: {
    action: string;
    entityType: string;
    entityId: string | null;
    details: Record<string, unknown> | null;
  },
) {
  const details = event.details === null ? null : JSON.stringify(event.details);
  const result = await sql<{ seq: bigint; id: string }>`
    select seq, id from audit_append(${event.action}, ${event.entityType}, ${event.entityId},
      null, ${details}::jsonb)`.execute(db);
  const row = result.rows[0];
  if (!row) throw new AppError("internal", "The audit trail did not record the event.");
  return row;
}

export interface ChainLink {
  seq: bigint;
  id: string;
  prev_hash: string | null;
  hash: string;
  /** The hash recomputed from the row as it is now, by the same SQL as at append time. */
  expected_hash: string;
}

/** The next `limit` rows of the chain after `afterSeq` (keyset paging: no offset scans). */
export async function readChainLinks(
  db: Kysely<Database>,
  afterSeq: bigint,
  limit: number,
): Promise<ChainLink[]> {
  const result = await sql<ChainLink>`
    select a.seq, a.id, a.prev_hash, a.hash, audit_hash(a) as expected_hash
    from audit_log a where a.seq > ${afterSeq.toString()}::bigint
    order by a.seq limit ${limit}`.execute(db);
  return result.rows;
}

export async function auditTrailExists(db: Kysely<Database>): Promise<boolean> {
  const result = await sql<{
    found: boolean;
  }>`select to_regclass('audit_log') is not null as found`.execute(db);
  return result.rows[0]?.found === true;
}

/**
 * When the newest committed change (insert, update or delete) to any of `entityTypes` was
 * written; null when none ever was. Logins and refusals are events, not changes.
 */
export async function findLastChangeAt(
  db: Kysely<Database>,
  entityTypes: readonly string[],
): Promise<Date | null> {
  if (entityTypes.length === 0) return null;
  const row = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.max("at").as("at"))
    .where("action", "in", ["insert", "update", "delete"])
    .where("entity_type", "in", [...entityTypes])
    .executeTakeFirst();
  return row?.at ?? null;
}
