import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { listAuditRows, toAuditEntry } from "./audit.queries.ts";
import type { AuditHistoryQuery, AuditList, ListAuditQuery } from "./audit.schema.ts";

/** The audit trail, newest first, narrowed by entity, actor, action and time. */
export async function findAudit(options: {
  db: Kysely<Database>;
  query: ListAuditQuery;
}): Promise<AuditList> {
  const { query } = options;
  const { rows, total } = await listAuditRows(
    options.db,
    {
      entityType: query.entity_type,
      entityId: query.entity_id,
      actor: query.actor,
      actions: query.action,
      from: query.from,
      to: query.to,
    },
    { limit: query.limit, offset: query.offset, order: "desc" },
  );
  return {
    data: rows.map(toAuditEntry),
    page: { total, limit: query.limit, offset: query.offset },
  };
}

/**
 * Everything that happened to one record, oldest first: its creation, each change with
 * the values before and after, its deletion. `entityType` is the table name.
 */
export async function findAuditHistory(options: {
  db: Kysely<Database>;
  entityType: string;
  entityId: string;
  query: AuditHistoryQuery;
}): Promise<AuditList> {
  const { query } = options;
  const { rows, total } = await listAuditRows(
    options.db,
    { entityType: options.entityType, entityId: options.entityId },
    { limit: query.limit, offset: query.offset, order: "asc" },
  );
  return {
    data: rows.map(toAuditEntry),
    page: { total, limit: query.limit, offset: query.offset },
  };
}
