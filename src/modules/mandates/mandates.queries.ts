import { type Insertable, type Kysely, sql } from "kysely";
import type { EvidenceKind, MandateStatus } from "../../contracts/mandates.ts";
import type { Database, MandateEvidenceTable } from "../../platform/db/schema.ts";

/*
 * Mandates, their statuses, evidence and initiatives. `publicOnly` keeps to what anonymous
 * and non-staff readers may see: published initiatives, and flows of published initiatives.
 */

export function selectMandates(db: Kysely<Database>) {
  return db
    .selectFrom("mandates as m")
    .innerJoin("resolutions as r", "r.id", "m.resolution_id")
    .select([
      "m.id",
      "m.resolution_id",
      "m.paragraph",
      "m.text_en",
      "m.text_es",
      "m.addressees",
      "m.reporting_body",
      "m.due_session_en",
      "m.due_session_es",
      "m.due_on",
      "r.symbol",
      "r.title_en",
      "r.title_es",
      "r.adopted_on",
      "r.session_en",
      "r.session_es",
    ]);
}
export type MandateRow = Awaited<ReturnType<ReturnType<typeof selectMandates>["execute"]>>[number];

export function listMandateRows(db: Kysely<Database>, filter: { symbol?: string }) {
  let query = selectMandates(db);
  if (filter.symbol) query = query.where("r.symbol", "=", filter.symbol);
  return query.orderBy("r.adopted_on").orderBy("r.symbol").orderBy("m.paragraph").execute();
}

export function findMandateRow(db: Kysely<Database>, id: string) {
  return selectMandates(db).where("m.id", "=", id).executeTakeFirst();
}

export function findMandateRowByParagraph(db: Kysely<Database>, symbol: string, paragraph: number) {
  return selectMandates(db)
    .where("r.symbol", "=", symbol)
    .where("m.paragraph", "=", paragraph)
    .executeTakeFirst();
}

export function listStatusRows(db: Kysely<Database>, mandateIds: string[]) {
  if (mandateIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("mandate_statuses as s")
    .leftJoin("organizations as o", "o.id", "s.set_by_organization_id")
    .select([
      "s.id",
      "s.mandate_id",
      "s.period_code",
      "s.status",
      "s.note",
      "s.illustrative",
      "s.set_by_role",
      "s.set_at",
      "s.version",
      "o.code as organization_code",
    ])
    .where("s.mandate_id", "in", mandateIds)
    .execute();
}

export function findStatusRow(db: Kysely<Database>, mandateId: string, periodCode: string) {
  return db
    .selectFrom("mandate_statuses")
    .selectAll()
    .where("mandate_id", "=", mandateId)
    .where("period_code", "=", periodCode)
    .forUpdate()
    .executeTakeFirst();
}

/** The status changes of a mandate's periods, read from the audit trail, oldest first. */
export function listStatusAuditRows(db: Kysely<Database>, mandateId: string) {
  return db
    .selectFrom("audit_log")
    .select(["at", "action", "before", "after"])
    .where("entity_type", "=", "mandate_statuses")
    .where(sql<string>`coalesce(after ->> 'mandate_id', before ->> 'mandate_id')`, "=", mandateId)
    .orderBy("seq")
    .execute();
}

export function findOrganizationCodes(db: Kysely<Database>, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("organizations").select(["id", "code"]).where("id", "in", ids).execute();
}

export function listLinkedInitiatives(
  db: Kysely<Database>,
  mandateIds: string[],
  publicOnly: boolean,
) {
  if (mandateIds.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom("mandate_initiatives as l")
    .innerJoin("initiatives as i", "i.id", "l.initiative_id")
    .select([
      "l.mandate_id",
      "l.illustrative",
      "i.id",
      "i.code",
      "i.title_en",
      "i.title_es",
      "i.status",
    ])
    .where("l.mandate_id", "in", mandateIds);
  if (publicOnly) query = query.where("i.published_at", "is not", null);
  return query.orderBy("i.code").execute();
}

/** Evidence with a label for the kinds ESCA Hub holds; hidden when its record is not public. */
export function listEvidenceRows(db: Kysely<Database>, mandateId: string, publicOnly: boolean) {
  let query = db
    .selectFrom("mandate_evidence as e")
    .leftJoin("initiatives as i", (join) =>
      join.onRef("i.id", "=", "e.target_id").on("e.kind", "=", "initiative"),
    )
    .leftJoin("support_flows as f", (join) =>
      join.onRef("f.id", "=", "e.target_id").on("e.kind", "=", "flow"),
    )
    .leftJoin("initiatives as fi", "fi.id", "f.initiative_id")
    .leftJoin("organizations as fp", "fp.id", "f.partner_id")
    .leftJoin("conferences as c", (join) =>
      join.onRef("c.id", "=", "e.target_id").on("e.kind", "=", "conference"),
    )
    .leftJoin("support_requests as sr", (join) =>
      join.onRef("sr.id", "=", "e.target_id").on("e.kind", "=", "support_request"),
    )
    .leftJoin("initiatives as ri", "ri.id", "sr.initiative_id")
    .leftJoin("organizations as rb", "rb.id", "sr.body_id")
    .leftJoin("practices as p", (join) =>
      join.onRef("p.id", "=", "e.target_id").on("e.kind", "=", "practice"),
    )
    .leftJoin("reports as rp", (join) =>
      join.onRef("rp.id", "=", "e.target_id").on("e.kind", "=", "report"),
    )
    .select([
      "e.id",
      "e.kind",
      "e.target_id",
      "e.period_code",
      "e.note",
      "e.illustrative",
      "e.added_at",
      "i.code as initiative_code",
      "f.flow_type",
      "fp.code as partner_code",
      "fi.code as flow_initiative_code",
      "c.code as conference_code",
      "ri.code as request_initiative_code",
      "rb.code as request_body_code",
      "sr.what as request_what",
      "p.title as practice_title",
      "p.status as practice_status",
      "rp.symbol as report_symbol",
      "rp.language as report_language",
      "rp.format as report_format",
      "rp.as_of as report_as_of",
    ])
    .where("e.mandate_id", "=", mandateId);
  if (publicOnly)
    query = query
      .where((eb) =>
        eb.or([eb("e.kind", "!=", "initiative"), eb("i.published_at", "is not", null)]),
      )
      .where((eb) =>
        eb.or([
          eb("e.kind", "!=", "flow"),
          eb("f.initiative_id", "is", null),
          eb("fi.published_at", "is not", null),
        ]),
      )
      // A request is public once acknowledged on a published initiative (support-requests).
      .where((eb) =>
        eb.or([
          eb("e.kind", "!=", "support_request"),
          eb.and([eb("sr.status", "<>", "submitted"), eb("ri.published_at", "is not", null)]),
        ]),
      )
      // A practice is public once published (practices); an issued report always is.
      .where((eb) => eb.or([eb("e.kind", "!=", "practice"), eb("p.status", "=", "published")]));
  return query.orderBy("e.added_at").orderBy("e.id").execute();
}

/** Whether the record an evidence link names exists (for the kinds ESCA Hub holds). */
export async function evidenceTargetExists(
  db: Kysely<Database>,
  kind: EvidenceKind,
  id: string,
): Promise<boolean> {
  const table = (
    {
      initiative: "initiatives",
      flow: "support_flows",
      conference: "conferences",
      support_request: "support_requests",
      report: "reports",
      practice: "practices",
    } as const
  )[kind];
  const row = await db.selectFrom(table).select("id").where("id", "=", id).executeTakeFirst();
  return row !== undefined;
}

export function initiativeExists(db: Kysely<Database>, id: string) {
  return db.selectFrom("initiatives").select("id").where("id", "=", id).executeTakeFirst();
}

/** The paragraphs an initiative answers (for its page). */
export function listParagraphsOfInitiative(
  db: Kysely<Database>,
  initiativeId: string,
  publicOnly: boolean,
) {
  let query = db
    .selectFrom("mandate_initiatives as l")
    .innerJoin("initiatives as i", "i.id", "l.initiative_id")
    .innerJoin("mandates as m", "m.id", "l.mandate_id")
    .innerJoin("resolutions as r", "r.id", "m.resolution_id")
    .select(["m.id", "r.symbol", "m.paragraph", "m.text_en", "m.text_es"])
    .where("l.initiative_id", "=", initiativeId);
  if (publicOnly) query = query.where("i.published_at", "is not", null);
  return query.orderBy("r.adopted_on").orderBy("m.paragraph").execute();
}

export function upsertStatusRow(
  db: Kysely<Database>,
  values: {
    mandate_id: string;
    period_code: string;
    status: MandateStatus;
    note: string | null;
    illustrative: boolean;
    set_by_organization_id: string | null;
    set_by_role: string | null;
  },
) {
  return db
    .insertInto("mandate_statuses")
    .values(values)
    .onConflict((oc) =>
      oc.columns(["mandate_id", "period_code"]).doUpdateSet((eb) => ({
        status: eb.ref("excluded.status"),
        note: eb.ref("excluded.note"),
        illustrative: eb.ref("excluded.illustrative"),
        set_by_organization_id: eb.ref("excluded.set_by_organization_id"),
        set_by_role: eb.ref("excluded.set_by_role"),
        set_at: sql<Date>`now()`,
        version: sql<number>`mandate_statuses.version + 1`,
      })),
    )
    .returning(["id", "version"])
    .executeTakeFirstOrThrow();
}

export function insertEvidenceRow(db: Kysely<Database>, values: Insertable<MandateEvidenceTable>) {
  return db.insertInto("mandate_evidence").values(values).returning("id").executeTakeFirstOrThrow();
}

export function deleteEvidenceRow(db: Kysely<Database>, mandateId: string, evidenceId: string) {
  return db
    .deleteFrom("mandate_evidence")
    .where("mandate_id", "=", mandateId)
    .where("id", "=", evidenceId)
    .executeTakeFirst();
}

export function insertInitiativeLink(
  db: Kysely<Database>,
  values: { mandate_id: string; initiative_id: string; illustrative: boolean },
) {
  return db
    .insertInto("mandate_initiatives")
    .values(values)
    .onConflict((oc) => oc.columns(["mandate_id", "initiative_id"]).doNothing())
    .execute();
}

export function deleteInitiativeLink(
  db: Kysely<Database>,
  mandateId: string,
  initiativeId: string,
) {
  return db
    .deleteFrom("mandate_initiatives")
    .where("mandate_id", "=", mandateId)
    .where("initiative_id", "=", initiativeId)
    .executeTakeFirst();
}
