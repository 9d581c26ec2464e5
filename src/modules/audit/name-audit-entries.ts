import type { Kysely } from "kysely";
import {
  type AuditRefTable,
  auditRefTables,
  auditValueKind,
  visibleImage,
} from "../../contracts/audit-fields.ts";
import type { AuditLogRow, Database } from "../../platform/db/schema.ts";
import type { AuditEntry, AuditHistoryEntry, AuditWho } from "./audit.schema.ts";
import { findActors, findNamed } from "./audit-names.queries.ts";

type Refs = Record<string, { code: string; name: { es: string; en: string } }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const names = (row: { code: string; name_es: string | null; name_en: string | null }) => ({
  es: row.name_es ?? row.name_en ?? row.code,
  en: row.name_en ?? row.name_es ?? row.code,
});

/**
 * Who made each entry and what its images' ids name, read in a few statements for a whole
 * page. `staff` readers get the person (name, e-mail, the actor as recorded); the others the
 * organization and role only.
 */
async function nameEntries(db: Kysely<Database>, rows: AuditLogRow[], staff: boolean) {
  const userIds = unique(rows.map((r) => r.actor_user_id));
  const idsByTable = new Map<AuditRefTable, Set<string>>(
    auditRefTables.map((table) => [table, new Set<string>()]),
  );
  for (const row of rows) idsByTable.get("organizations")?.add(row.organization_id ?? "");
  for (const row of rows) {
    for (const image of [row.before, row.after]) {
      for (const [column, value] of Object.entries(image ?? {})) {
        const kind = auditValueKind(row.entity_type, column);
        if (kind.startsWith("ref:") && typeof value === "string" && UUID.test(value))
          idsByTable.get(kind.slice(4) as AuditRefTable)?.add(value);
      }
    }
  }
  const [actors, ...named] = await Promise.all([
    findActors(db, userIds),
    ...auditRefTables.map((table) =>
      findNamed(
        db,
        table,
        [...(idsByTable.get(table) ?? [])].filter((id) => UUID.test(id)),
        !staff,
      ),
    ),
  ]);
  const refs: Refs = {};
  for (const row of named.flat()) refs[row.id] = { code: row.code, name: names(row) };
  const actorById = new Map(actors.map((a) => [a.id, a]));

  const who = (row: AuditLogRow): AuditWho => {
    const actor = row.actor_user_id ? actorById.get(row.actor_user_id) : undefined;
    const organization = row.organization_id ? refs[row.organization_id] : undefined;
    return {
      kind: row.actor_user_id ? "user" : "system",
      organization:
        organization && row.organization_id ? { id: row.organization_id, ...organization } : null,
      role: actor?.role ?? null,
      ...(staff
        ? {
            person: {
              name: actor?.name ?? null,
              email: actor?.email ?? null,
              actor: row.actor,
            },
          }
        : {}),
    };
  };
  return { who, refs };
}

/** A page of the trail as the secretariat browses it: the rows as written, with who in words. */
export async function toAuditEntries(db: Kysely<Database>, rows: AuditLogRow[]) {
  const { who, refs } = await nameEntries(db, rows, true);
  const data: AuditEntry[] = rows.map((row) => ({
    seq: Number(row.seq),
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor,
    actor_user_id: row.actor_user_id,
    organization_id: row.organization_id,
    who: who(row),
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    before: row.before,
    after: row.after,
    request_id: row.request_id,
    client_address: row.client_address,
    prev_hash: row.prev_hash,
    hash: row.hash,
  }));
  return { data, refs };
}

/** One record's history for any reader: no person, address or request unless `staff`. */
export async function toHistoryEntries(db: Kysely<Database>, rows: AuditLogRow[], staff: boolean) {
  const { who, refs } = await nameEntries(db, rows, staff);
  const data: AuditHistoryEntry[] = rows.map((row) => ({
    seq: Number(row.seq),
    id: row.id,
    at: row.at.toISOString(),
    who: who(row),
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    before: visibleImage(row.before, staff),
    after: visibleImage(row.after, staff),
    hash: row.hash,
  }));
  return { data, refs };
}

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}
