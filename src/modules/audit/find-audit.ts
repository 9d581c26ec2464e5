import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { listAuditRows } from "./audit.queries.ts";
import type { AuditList, ListAuditQuery } from "./audit.schema.ts";
import { toAuditEntries } from "./name-audit-entries.ts";

/** The audit trail, newest first, narrowed by entity, actor, organization, action and time. */
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
      organizationId: query.organization_id,
      actorUserId: query.actor_user_id,
      actions: query.action,
      from: query.from,
      to: query.to,
    },
    { limit: query.limit, offset: query.offset, order: "desc" },
  );
  return {
    ...(await toAuditEntries(options.db, rows)),
    page: { total, limit: query.limit, offset: query.offset },
  };
}
