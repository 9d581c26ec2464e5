import type { Kysely } from "kysely";
import { isUuid } from "../../platform/db/query-helpers.ts";
import type { Database } from "../../platform/db/schema.ts";
import type { OasBody } from "./oas-bodies.schema.ts";

/** A body's organization and profile; null when the organization has no directory entry. */
function bodyRows(db: Kysely<Database>) {
  return db
    .selectFrom("oas_bodies as b")
    .innerJoin("organizations as o", "o.id", "b.organization_id")
    .leftJoin("organizations as p", "p.id", "b.parent_id")
    .select([
      "o.id",
      "o.code",
      "o.name_es",
      "o.name_en",
      "o.acronym",
      "o.website",
      "b.body_kind",
      "b.mandate_es",
      "b.mandate_en",
      "b.contact_role_es",
      "b.contact_role_en",
      "b.source",
      "b.version",
      "b.updated_at",
      "p.id as parent_id",
      "p.code as parent_code",
      "p.name_es as parent_name_es",
      "p.name_en as parent_name_en",
    ])
    .where("o.kind", "=", "oas_body");
}
export type OasBodyRow = Awaited<ReturnType<ReturnType<typeof bodyRows>["execute"]>>[number];

export function listOasBodyRows(db: Kysely<Database>) {
  return bodyRows(db).orderBy("o.code").execute();
}

export function findOasBodyRow(db: Kysely<Database>, idOrCode: string) {
  const query = bodyRows(db);
  return (
    isUuid(idOrCode)
      ? query.where("o.id", "=", idOrCode)
      : query.where("o.code", "=", idOrCode.toUpperCase())
  ).executeTakeFirst();
}

/** The components and lines of action of some bodies, by body id. */
export async function supportAreasOf(db: Kysely<Database>, bodyIds: string[]) {
  if (bodyIds.length === 0) return { components: [], lines: [] };
  const [components, lines] = await Promise.all([
    db
      .selectFrom("oas_body_components as bc")
      .innerJoin("strategy_components as c", "c.id", "bc.component_id")
      .select(["bc.organization_id", "c.id", "c.code", "c.name_es", "c.name_en"])
      .where("bc.organization_id", "in", bodyIds)
      .orderBy("c.code")
      .execute(),
    db
      .selectFrom("oas_body_lines as bl")
      .innerJoin("lines_of_action as l", "l.id", "bl.line_of_action_id")
      .select(["bl.organization_id", "l.id", "l.code", "l.name_es", "l.name_en"])
      .where("bl.organization_id", "in", bodyIds)
      .orderBy("l.code")
      .execute(),
  ]);
  return { components, lines };
}

/** Technical-support entries a body recorded, not reversed and not reversals. */
export async function countTechnicalFlows(
  db: Kysely<Database>,
  bodyIds: string[],
  publishedOnly: boolean,
) {
  if (bodyIds.length === 0) return new Map<string, number>();
  let query = db
    .selectFrom("support_flows as f")
    .leftJoin("initiatives as i", "i.id", "f.initiative_id")
    .select(["f.partner_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("f.partner_id", "in", bodyIds)
    .where("f.support_kind", "=", "technical")
    .where("f.reverses_id", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("support_flows as r").select("r.id").whereRef("r.reverses_id", "=", "f.id"),
        ),
      ),
    )
    .groupBy("f.partner_id");
  if (publishedOnly)
    query = query.where((eb) =>
      eb.or([eb("f.initiative_id", "is", null), eb("i.published_at", "is not", null)]),
    );
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.partner_id, Number(row.n)]));
}

export function findComponentIds(db: Kysely<Database>, codes: string[]) {
  return db
    .selectFrom("strategy_components")
    .select(["id", "code"])
    .where("code", "in", codes)
    .execute();
}

export function findLineIds(db: Kysely<Database>, codes: string[]) {
  return db
    .selectFrom("lines_of_action")
    .select(["id", "code"])
    .where("code", "in", codes)
    .execute();
}

export async function replaceSupportAreas(
  db: Kysely<Database>,
  bodyId: string,
  areas: { componentIds?: string[] | undefined; lineIds?: string[] | undefined },
) {
  if (areas.componentIds) {
    await db.deleteFrom("oas_body_components").where("organization_id", "=", bodyId).execute();
    if (areas.componentIds.length)
      await db
        .insertInto("oas_body_components")
        .values(areas.componentIds.map((id) => ({ organization_id: bodyId, component_id: id })))
        .execute();
  }
  if (areas.lineIds) {
    await db.deleteFrom("oas_body_lines").where("organization_id", "=", bodyId).execute();
    if (areas.lineIds.length)
      await db
        .insertInto("oas_body_lines")
        .values(areas.lineIds.map((id) => ({ organization_id: bodyId, line_of_action_id: id })))
        .execute();
  }
}

type Areas = Awaited<ReturnType<typeof supportAreasOf>>;

export function toOasBody(row: OasBodyRow, areas: Areas): OasBody {
  const ref = (r: { id: string; code: string; name_es: string; name_en: string }) => ({
    id: r.id,
    code: r.code,
    name: { es: r.name_es, en: r.name_en },
  });
  return {
    id: row.id,
    code: row.code,
    name: { es: row.name_es, en: row.name_en },
    acronym: row.acronym,
    kind: "oas_body",
    body_kind: row.body_kind,
    website: row.website,
    parent:
      row.parent_id && row.parent_code && row.parent_name_es && row.parent_name_en
        ? ref({
            id: row.parent_id,
            code: row.parent_code,
            name_es: row.parent_name_es,
            name_en: row.parent_name_en,
          })
        : null,
    mandate: { es: row.mandate_es, en: row.mandate_en },
    contact_role: { es: row.contact_role_es, en: row.contact_role_en },
    components: areas.components.filter((c) => c.organization_id === row.id).map(ref),
    lines_of_action: areas.lines.filter((l) => l.organization_id === row.id).map(ref),
    source: row.source,
    version: row.version,
    updated_at: row.updated_at.toISOString(),
  };
}
