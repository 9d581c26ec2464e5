import type { Kysely, RawBuilder, Selectable } from "kysely";
import { readPage } from "../../platform/db/paging.ts";
import { isUuid } from "../../platform/db/query-helpers.ts";
import type { Database, PracticesTable } from "../../platform/db/schema.ts";

export type PracticeRow = Selectable<PracticesTable>;

export interface PracticeParts {
  countries: string[];
  componentIds: string[];
  initiativeIds: string[];
  mandateIds: string[];
  documents: { title: string; url: string }[];
}

export function findPracticeRow(db: Kysely<Database>, idOrSlug: string) {
  const query = db.selectFrom("practices").selectAll();
  return (
    isUuid(idOrSlug)
      ? query.where("id", "=", idOrSlug)
      : query.where("slug", "=", idOrSlug.toLowerCase())
  ).executeTakeFirst();
}

export function lockPracticeRow(db: Kysely<Database>, idOrSlug: string) {
  const query = db.selectFrom("practices").selectAll().forUpdate();
  return (
    isUuid(idOrSlug)
      ? query.where("id", "=", idOrSlug)
      : query.where("slug", "=", idOrSlug.toLowerCase())
  ).executeTakeFirst();
}

export interface PracticeFilter {
  publishedOnly: boolean;
  status?: "draft" | "published" | undefined;
  country?: string | undefined;
  componentId?: string | undefined;
  language?: "es" | "en" | undefined;
  /** Ids matching a text query (the search module's subquery). */
  matching?: RawBuilder<string> | undefined;
}

export function listPracticeRows(
  db: Kysely<Database>,
  filter: PracticeFilter,
  page: { limit: number; offset: number },
) {
  let query = db.selectFrom("practices as p");
  if (filter.publishedOnly) query = query.where("p.status", "=", "published");
  else if (filter.status) query = query.where("p.status", "=", filter.status);
  if (filter.language) query = query.where("p.language", "=", filter.language);
  if (filter.country) {
    const country = filter.country;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("practice_countries as pc")
          .select("pc.practice_id")
          .whereRef("pc.practice_id", "=", "p.id")
          .where("pc.country_iso2", "=", country),
      ),
    );
  }
  if (filter.componentId) {
    const componentId = filter.componentId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("practice_components as pk")
          .select("pk.practice_id")
          .whereRef("pk.practice_id", "=", "p.id")
          .where("pk.component_id", "=", componentId),
      ),
    );
  }
  if (filter.matching) {
    const matching = filter.matching;
    query = query.where((eb) => eb("p.id", "in", matching));
  }
  return readPage(
    { rows: query.selectAll("p").orderBy("p.title").orderBy("p.id"), count: query },
    page,
  );
}

export async function listPracticeParts(
  db: Kysely<Database>,
  ids: string[],
): Promise<Map<string, PracticeParts>> {
  const parts = new Map<string, PracticeParts>(
    ids.map((id) => [
      id,
      { countries: [], componentIds: [], initiativeIds: [], mandateIds: [], documents: [] },
    ]),
  );
  if (ids.length === 0) return parts;
  const [countries, components, initiatives, mandates, documents] = await Promise.all([
    db
      .selectFrom("practice_countries")
      .selectAll()
      .where("practice_id", "in", ids)
      .orderBy("country_iso2")
      .execute(),
    db.selectFrom("practice_components").selectAll().where("practice_id", "in", ids).execute(),
    db.selectFrom("practice_initiatives").selectAll().where("practice_id", "in", ids).execute(),
    db.selectFrom("practice_mandates").selectAll().where("practice_id", "in", ids).execute(),
    db
      .selectFrom("practice_documents")
      .selectAll()
      .where("practice_id", "in", ids)
      .orderBy("position")
      .execute(),
  ]);
  for (const row of countries) parts.get(row.practice_id)?.countries.push(row.country_iso2);
  for (const row of components) parts.get(row.practice_id)?.componentIds.push(row.component_id);
  for (const row of initiatives) parts.get(row.practice_id)?.initiativeIds.push(row.initiative_id);
  for (const row of mandates) parts.get(row.practice_id)?.mandateIds.push(row.mandate_id);
  for (const row of documents)
    parts.get(row.practice_id)?.documents.push({ title: row.title, url: row.url });
  return parts;
}

/** A practice's lists written anew: what the form sent replaces what was there. */
export async function replacePracticeParts(
  db: Kysely<Database>,
  practiceId: string,
  parts: PracticeParts,
) {
  await Promise.all([
    db.deleteFrom("practice_countries").where("practice_id", "=", practiceId).execute(),
    db.deleteFrom("practice_components").where("practice_id", "=", practiceId).execute(),
    db.deleteFrom("practice_initiatives").where("practice_id", "=", practiceId).execute(),
    db.deleteFrom("practice_mandates").where("practice_id", "=", practiceId).execute(),
    db.deleteFrom("practice_documents").where("practice_id", "=", practiceId).execute(),
  ]);
  const practice_id = practiceId;
  if (parts.countries.length)
    await db
      .insertInto("practice_countries")
      .values(parts.countries.map((country_iso2) => ({ practice_id, country_iso2 })))
      .execute();
  if (parts.componentIds.length)
    await db
      .insertInto("practice_components")
      .values(parts.componentIds.map((component_id) => ({ practice_id, component_id })))
      .execute();
  if (parts.initiativeIds.length)
    await db
      .insertInto("practice_initiatives")
      .values(parts.initiativeIds.map((initiative_id) => ({ practice_id, initiative_id })))
      .execute();
  if (parts.mandateIds.length)
    await db
      .insertInto("practice_mandates")
      .values(parts.mandateIds.map((mandate_id) => ({ practice_id, mandate_id })))
      .execute();
  if (parts.documents.length)
    await db
      .insertInto("practice_documents")
      .values(parts.documents.map((doc, index) => ({ practice_id, position: index + 1, ...doc })))
      .execute();
}

export async function deletePracticeRow(db: Kysely<Database>, id: string) {
  await db.deleteFrom("practices").where("id", "=", id).execute();
}
