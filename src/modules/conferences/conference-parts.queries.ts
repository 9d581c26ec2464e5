import { type Kysely, type Selectable, sql } from "kysely";
import type {
  ConferenceContribution,
  ConferenceDelegation,
  ConferenceDocument,
  ConferenceSession,
} from "../../contracts/conferences.ts";
import type {
  ConferenceContributionsTable,
  ConferenceDelegationsTable,
  ConferenceDocumentsTable,
  ConferenceSessionsTable,
  Database,
} from "../../platform/db/schema.ts";

/** The tables a conference's parts live in, as the routes name them. */
export const partTables = {
  sessions: "conference_sessions",
  delegations: "conference_delegations",
  documents: "conference_documents",
  contributions: "conference_contributions",
} as const;
export type PartKind = keyof typeof partTables;
export type PartTable = (typeof partTables)[PartKind];

const orgRef = (row: { org_id: string; org_code: string; org_es: string; org_en: string }) => ({
  id: row.org_id,
  code: row.org_code,
  name: { es: row.org_es, en: row.org_en },
});

export function findPartRow(db: Kysely<Database>, table: PartTable, id: string) {
  // The four tables share these columns; Kysely cannot type a union of tables.
  return db
    .selectFrom(table as "conference_documents")
    .select(["id", "conference_id", "version"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export function deletePartRow(db: Kysely<Database>, table: PartTable, id: string) {
  return db
    .deleteFrom(table as "conference_documents")
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findOrganizationRow(db: Kysely<Database>, id: string) {
  return db
    .selectFrom("organizations")
    .select(["id", "code", "kind", "group_of_friends"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export function countPledgesAtSession(db: Kysely<Database>, sessionId: string) {
  return db
    .selectFrom("support_flows")
    .select(sql<string>`count(*)`.as("n"))
    .where("conference_session_id", "=", sessionId)
    .executeTakeFirstOrThrow()
    .then((row) => Number(row.n));
}

export async function listSessions(
  db: Kysely<Database>,
  conferenceId: string,
): Promise<ConferenceSession[]> {
  const rows = await db
    .selectFrom("conference_sessions as s")
    .leftJoin("organizations as o", "o.id", "s.chair_organization_id")
    .selectAll("s")
    .select(["o.code as chair_code", "o.name_es as chair_es", "o.name_en as chair_en"])
    .where("s.conference_id", "=", conferenceId)
    .orderBy("s.day")
    .orderBy("s.starts_at")
    .orderBy("s.id")
    .execute();
  return rows.map((row) => toSession(row));
}

function toSession(
  row: Selectable<ConferenceSessionsTable> & {
    chair_code: string | null;
    chair_es: string | null;
    chair_en: string | null;
  },
): ConferenceSession {
  const organization =
    row.chair_organization_id && row.chair_code
      ? {
          id: row.chair_organization_id,
          code: row.chair_code,
          name: { es: row.chair_es ?? "", en: row.chair_en ?? "" },
        }
      : null;
  const role =
    row.chair_role_es && row.chair_role_en
      ? { es: row.chair_role_es, en: row.chair_role_en }
      : null;
  return {
    id: row.id,
    day: row.day,
    starts_at: row.starts_at,
    ends_at: row.ends_at,
    title: { es: row.title_es, en: row.title_en },
    chair: organization || role ? { organization, role } : null,
    illustrative: row.illustrative,
    source: row.source,
    version: row.version,
  };
}

/**
 * The delegations. A head of delegation's name leaves the database only when the public
 * record names them (head_name_published); the column's check keeps it empty otherwise.
 */
export async function listDelegations(
  db: Kysely<Database>,
  conferenceId: string,
): Promise<ConferenceDelegation[]> {
  const rows = await db
    .selectFrom("conference_delegations as d")
    .innerJoin("organizations as o", "o.id", "d.organization_id")
    .selectAll("d")
    .select(["o.id as org_id", "o.code as org_code", "o.name_es as org_es", "o.name_en as org_en"])
    .where("d.conference_id", "=", conferenceId)
    .orderBy("o.kind")
    .orderBy("o.name_en")
    .execute();
  return rows.map((row: Selectable<ConferenceDelegationsTable> & OrgColumns) => ({
    id: row.id,
    organization: orgRef(row),
    level: row.level,
    head_title: { es: row.head_title_es, en: row.head_title_en },
    head_name: row.head_name_published ? row.head_name : null,
    head_name_published: row.head_name_published,
    illustrative: row.illustrative,
    source: row.source,
    version: row.version,
  }));
}

type OrgColumns = { org_id: string; org_code: string; org_es: string; org_en: string };

export async function listDocuments(
  db: Kysely<Database>,
  conferenceId: string,
): Promise<ConferenceDocument[]> {
  const rows = await db
    .selectFrom("conference_documents")
    .selectAll()
    .where("conference_id", "=", conferenceId)
    .orderBy("issued_on")
    .orderBy("title_en")
    .execute();
  return rows.map((row: Selectable<ConferenceDocumentsTable>) => ({
    id: row.id,
    kind: row.kind,
    title: { es: row.title_es, en: row.title_en },
    url: row.url,
    issued_on: row.issued_on,
    source: row.source,
    version: row.version,
  }));
}

/** Preparatory contributions (¶2), of one conference or of some organizations. */
export async function listContributions(
  db: Kysely<Database>,
  where: { conferenceId: string } | { organizationIds: string[]; publishedOnly: boolean },
): Promise<ConferenceContribution[]> {
  let query = db
    .selectFrom("conference_contributions as k")
    .innerJoin("organizations as o", "o.id", "k.organization_id")
    .innerJoin("conferences as c", "c.id", "k.conference_id")
    .selectAll("k")
    .select(["o.id as org_id", "o.code as org_code", "o.name_es as org_es", "o.name_en as org_en"])
    .select(["c.code as conference_code", "c.name_es as conf_es", "c.name_en as conf_en"]);
  if ("conferenceId" in where) {
    query = query.where("k.conference_id", "=", where.conferenceId);
  } else {
    if (where.organizationIds.length === 0) return [];
    query = query.where("k.organization_id", "in", where.organizationIds);
    if (where.publishedOnly) query = query.where("c.status", "=", "published");
  }
  const rows = await query
    .orderBy("k.contributed_on")
    .orderBy("o.name_en")
    .orderBy("k.id")
    .execute();
  return rows.map(
    (
      row: Selectable<ConferenceContributionsTable> &
        OrgColumns & { conference_code: string; conf_es: string; conf_en: string },
    ) => ({
      id: row.id,
      conference: {
        id: row.conference_id,
        code: row.conference_code,
        name: { es: row.conf_es, en: row.conf_en },
      },
      organization: orgRef(row),
      description: { es: row.description_es, en: row.description_en },
      contributed_on: row.contributed_on,
      illustrative: row.illustrative,
      source: row.source,
      version: row.version,
    }),
  );
}

export function insertPartRow(
  db: Kysely<Database>,
  table: PartTable,
  values: Record<string, unknown>,
): Promise<{ id: string }> {
  // The values were built for this table by partValues; Kysely cannot type a table union.
  return db
    .insertInto(table as "conference_documents")
    .values(values as never)
    .returning("id")
    .executeTakeFirstOrThrow();
}
