import { type Insertable, type Kysely, type Selectable, sql } from "kysely";
import type { ConferenceAnnouncement } from "../../contracts/conferences.ts";
import { moneyOut } from "../../contracts/money.ts";
import { readPage } from "../../platform/db/paging.ts";
import { isUuid } from "../../platform/db/query-helpers.ts";
import type { ConferencesTable, Database } from "../../platform/db/schema.ts";
import type { Conference, ListConferencesQuery } from "./conferences.schema.ts";

export type ConferenceRow = Selectable<ConferencesTable>;

/** A conference is addressed by its uuid or its code ("GUA-2011"). */
export function findConferenceRow(db: Kysely<Database>, idOrCode: string) {
  const query = db.selectFrom("conferences").selectAll();
  return (
    isUuid(idOrCode)
      ? query.where("id", "=", idOrCode)
      : query.where("code", "=", idOrCode.toUpperCase())
  ).executeTakeFirst();
}

/** The public sees published conferences; the secretariat drafts too. */
export async function listConferenceRows(
  db: Kysely<Database>,
  query: ListConferencesQuery,
  publishedOnly: boolean,
) {
  const all = db.selectFrom("conferences");
  const base = publishedOnly ? all.where("status", "=", "published") : all;
  return readPage(
    {
      rows: base.selectAll().orderBy(query.sort.field, query.sort.direction).orderBy("id"),
      count: base,
    },
    query,
  );
}

export function toConference(row: ConferenceRow): Conference {
  return {
    id: row.id,
    code: row.code,
    name: { es: row.name_es, en: row.name_en },
    city: row.city,
    country: row.country_iso2,
    start_date: row.start_date,
    end_date: row.end_date,
    source: row.source,
    status: row.status,
    published_at: row.published_at?.toISOString() ?? null,
    version: row.version,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export function insertConferenceRow(db: Kysely<Database>, values: Insertable<ConferencesTable>) {
  return db.insertInto("conferences").values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * The pledges announced at a conference that stand (neither a reversal nor reversed), so
 * that they add up to the roll-up's "announced" for it. The public sees those on published
 * initiatives or on none, as the roll-up counts them.
 */
export async function listAnnouncementRows(
  db: Kysely<Database>,
  conferenceId: string,
  publishedOnly: boolean,
): Promise<ConferenceAnnouncement[]> {
  let query = db
    .selectFrom("support_flows as f")
    .innerJoin("organizations as o", "o.id", "f.partner_id")
    .leftJoin("initiatives as i", "i.id", "f.initiative_id")
    .select([
      "f.id",
      "f.conference_session_id",
      "f.amount_minor",
      "f.currency",
      "f.usd_minor",
      "f.value_date",
      "f.description",
      "f.finance_type",
      "f.illustrative",
      "f.source",
      "o.id as org_id",
      "o.code as org_code",
      "o.name_es as org_es",
      "o.name_en as org_en",
    ])
    .where("f.conference_id", "=", conferenceId)
    .where("f.flow_type", "=", "pledge")
    .where("f.reverses_id", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("support_flows as r").select("r.id").whereRef("r.reverses_id", "=", "f.id"),
        ),
      ),
    );
  if (publishedOnly) {
    query = query.where((eb) =>
      eb.or([eb("f.initiative_id", "is", null), eb("i.published_at", "is not", null)]),
    );
  }
  const rows = await query.orderBy("f.usd_minor", "desc").orderBy("f.seq").execute();
  return rows.map((row) => ({
    flow_id: row.id,
    partner: { id: row.org_id, code: row.org_code, name: { es: row.org_es, en: row.org_en } },
    session_id: row.conference_session_id,
    value:
      row.amount_minor === null || row.currency === null
        ? null
        : moneyOut(row.amount_minor, row.currency),
    value_usd: row.usd_minor === null ? null : moneyOut(row.usd_minor, "USD"),
    value_date: row.value_date,
    description: row.description,
    finance_type: row.finance_type,
    illustrative: row.illustrative,
    source: row.source,
  }));
}

/** The members of the Group of Friends (organizations.group_of_friends) and when each joined. */
export function listGroupOfFriendsRows(db: Kysely<Database>) {
  return db
    .selectFrom("organizations as o")
    .leftJoin("group_of_friends_joins as j", "j.organization_id", "o.id")
    .select([
      "o.id",
      "o.code",
      "o.name_es",
      "o.name_en",
      "o.kind",
      "o.country_iso2",
      "j.joined_on",
      "j.illustrative as joined_illustrative",
      "j.source as joined_source",
    ])
    .where("o.group_of_friends", "=", true)
    .orderBy(sql`j.joined_on asc nulls last`)
    .orderBy("o.name_en")
    .execute();
}

export async function upsertGroupOfFriendsJoin(
  db: Kysely<Database>,
  values: {
    organization_id: string;
    joined_on: string;
    illustrative: boolean;
    source: string | null;
  },
) {
  await db
    .insertInto("group_of_friends_joins")
    .values(values)
    .onConflict((oc) =>
      oc.column("organization_id").doUpdateSet((eb) => ({
        joined_on: eb.ref("excluded.joined_on"),
        illustrative: eb.ref("excluded.illustrative"),
        source: eb.ref("excluded.source"),
        version: sql`group_of_friends_joins.version + 1`,
        updated_at: new Date(),
      })),
    )
    .execute();
}
