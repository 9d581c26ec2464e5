import type { Kysely } from "kysely";
import { isPublicAuditTable } from "../../contracts/audit-fields.ts";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { isStaff, type Principal } from "../../platform/principal.ts";
import { assertVisibleInitiative } from "../initiatives/index.ts";
import { listAuditRows } from "./audit.queries.ts";
import type { AuditHistory, AuditHistoryQuery } from "./audit.schema.ts";
import { toHistoryEntries } from "./name-audit-entries.ts";

/**
 * Everything that happened to one record, oldest first: its creation, each change with the
 * values before and after, its deletion. `entityType` is the table name.
 *
 * Staff read any record's history with the person behind each change. Anyone else reads the
 * history of a public record (contracts/audit-fields.ts publicAuditTables) while they may see
 * the record, and only the changes made while it was published; who made them is an
 * organization and a role, and the images keep no column naming a person. A record they may
 * not see is not found, as a missing one would be.
 */
export async function findAuditHistory(options: {
  db: Kysely<Database>;
  entityType: string;
  entityId: string;
  query: AuditHistoryQuery;
  viewer: Principal;
}): Promise<AuditHistory> {
  const { query, viewer, entityType } = options;
  const staff = isStaff(viewer);
  let entityId = options.entityId;
  if (!staff) {
    if (!isPublicAuditTable(entityType)) {
      throw new AppError(
        "forbidden",
        "Only the secretariat and administrators read the history of this kind of record.",
        { reason: "audit_history_staff_only" },
      );
    }
    entityId = (await assertVisibleInitiative(options.db, entityId, viewer)).id;
  }
  const { rows, total } = await listAuditRows(
    options.db,
    { entityType, entityId, publishedOnly: !staff },
    { limit: query.limit, offset: query.offset, order: "asc" },
  );
  return {
    ...(await toHistoryEntries(options.db, rows, staff)),
    page: { total, limit: query.limit, offset: query.offset },
  };
}
