import type { ExpressionBuilder, Insertable, Kysely } from "kysely";
import { readPage } from "../../platform/db/paging.ts";
import { isUuid } from "../../platform/db/query-helpers.ts";
import type { Database, SupportRequestStepsTable } from "../../platform/db/schema.ts";
import type { RequestAudience } from "./support-requests.policy.ts";
import type {
  ListSupportRequestsQuery,
  SupportRequest,
  SupportRequestDetail,
} from "./support-requests.schema.ts";

type Joined = Database & {
  r: Database["support_requests"];
  i: Database["initiatives"];
  b: Database["organizations"];
};

function requestRows(db: Kysely<Database>) {
  return db
    .selectFrom("support_requests as r")
    .innerJoin("initiatives as i", "i.id", "r.initiative_id")
    .innerJoin("organizations as b", "b.id", "r.body_id")
    .selectAll("r")
    .select([
      "i.code as initiative_code",
      "i.title_es",
      "i.title_en",
      "i.published_at",
      "b.code as body_code",
      "b.name_es as body_name_es",
      "b.name_en as body_name_en",
    ]);
}
export type SupportRequestRow = Awaited<
  ReturnType<ReturnType<typeof requestRows>["execute"]>
>[number];

/** Public: acknowledged or later, on a published initiative; plus what the audience may see. */
function visibleTo(audience: RequestAudience) {
  return (eb: ExpressionBuilder<Joined, "r" | "i" | "b">) => {
    if (audience.all) return eb.and([]);
    const own = [];
    if (audience.country) own.push(eb("r.country_iso2", "=", audience.country));
    if (audience.bodyId) own.push(eb("r.body_id", "=", audience.bodyId));
    return eb.or([
      eb.and([eb("r.status", "<>", "submitted"), eb("i.published_at", "is not", null)]),
      ...own,
    ]);
  };
}

export function findSupportRequestRow(db: Kysely<Database>, id: string, lock = false) {
  if (!isUuid(id)) return Promise.resolve(undefined);
  const query = requestRows(db).where("r.id", "=", id);
  return (lock ? query.forUpdate("r") : query).executeTakeFirst();
}

export function listSupportRequestRows(
  db: Kysely<Database>,
  query: ListSupportRequestsQuery,
  audience: RequestAudience,
) {
  const filtered = (eb: ExpressionBuilder<Joined, "r" | "i" | "b">) => {
    const conditions = [visibleTo(audience)(eb)];
    if (query.status) conditions.push(eb("r.status", "=", query.status));
    if (query.country) conditions.push(eb("r.country_iso2", "=", query.country));
    if (query.body)
      conditions.push(
        isUuid(query.body)
          ? eb("b.id", "=", query.body)
          : eb("b.code", "=", query.body.toUpperCase()),
      );
    if (query.resolution) conditions.push(eb("r.resolution_symbol", "=", query.resolution));
    if (query.paragraph !== undefined) conditions.push(eb("r.paragraph", "=", query.paragraph));
    if (query.initiative)
      conditions.push(
        isUuid(query.initiative)
          ? eb("i.id", "=", query.initiative)
          : eb("i.code", "=", query.initiative.toUpperCase()),
      );
    return eb.and(conditions);
  };
  const base = db
    .selectFrom("support_requests as r")
    .innerJoin("initiatives as i", "i.id", "r.initiative_id")
    .innerJoin("organizations as b", "b.id", "r.body_id")
    .where(filtered);
  return readPage(
    {
      rows: requestRows(db).where(filtered).orderBy("r.created_at", "desc").orderBy("r.id"),
      count: base,
    },
    query,
  );
}

/**
 * Whether a resolution is imported and, if so, whether it has the paragraph: a request on a
 * resolution not (yet) loaded keeps its symbol and number, and its mandate finds it later.
 */
export async function findParagraphOfResolution(
  db: Kysely<Database>,
  symbol: string,
  paragraph: number,
) {
  const rows = await db
    .selectFrom("resolutions as res")
    .leftJoin("mandates as m", (join) =>
      join.onRef("m.resolution_id", "=", "res.id").on("m.paragraph", "=", paragraph),
    )
    .select(["res.id as resolution_id", "m.id as mandate_id"])
    .where("res.symbol", "=", symbol)
    .execute();
  const row = rows[0];
  return row ? { imported: true, mandateId: row.mandate_id } : { imported: false, mandateId: null };
}

export function findStepRows(db: Kysely<Database>, requestId: string) {
  return db
    .selectFrom("support_request_steps as s")
    .leftJoin("organizations as o", "o.id", "s.actor_organization_id")
    .select([
      "s.action",
      "s.actor_role",
      "s.note",
      "s.at",
      "o.id as organization_id",
      "o.code as organization_code",
      "o.name_es as organization_name_es",
      "o.name_en as organization_name_en",
    ])
    .where("s.request_id", "=", requestId)
    .orderBy("s.at")
    .orderBy("s.id")
    .execute();
}

export function insertStepRow(db: Kysely<Database>, values: Insertable<SupportRequestStepsTable>) {
  return db.insertInto("support_request_steps").values(values).execute();
}

/** Completed and open (acknowledged or accepted) requests per body. */
export async function countRequestRowsByBody(
  db: Kysely<Database>,
  bodyIds: string[],
  publishedOnly: boolean,
) {
  if (bodyIds.length === 0) return [];
  let query = db
    .selectFrom("support_requests as r")
    .innerJoin("initiatives as i", "i.id", "r.initiative_id")
    .select((eb) => [
      "r.body_id",
      eb.fn.countAll<string>().filterWhere("r.status", "=", "completed").as("completed"),
      eb.fn
        .countAll<string>()
        .filterWhere("r.status", "in", ["acknowledged", "accepted"])
        .as("open"),
    ])
    .where("r.body_id", "in", bodyIds)
    .groupBy("r.body_id");
  if (publishedOnly) query = query.where("i.published_at", "is not", null);
  return query.execute();
}

export function toSupportRequest(row: SupportRequestRow): SupportRequest {
  return {
    id: row.id,
    initiative: {
      id: row.initiative_id,
      code: row.initiative_code,
      title: { es: row.title_es, en: row.title_en },
    },
    country: row.country_iso2,
    body: {
      id: row.body_id,
      code: row.body_code,
      name: { es: row.body_name_es, en: row.body_name_en },
    },
    what: row.what,
    why: row.why,
    needed_by: row.needed_by,
    resolution_symbol: row.resolution_symbol,
    paragraph: row.paragraph,
    status: row.status,
    flow_id: row.flow_id,
    illustrative: row.illustrative,
    version: row.version,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export function toTimeline(
  steps: Awaited<ReturnType<typeof findStepRows>>,
): SupportRequestDetail["timeline"] {
  return steps.map((step) => ({
    action: step.action,
    organization:
      step.organization_id &&
      step.organization_code &&
      step.organization_name_es &&
      step.organization_name_en
        ? {
            id: step.organization_id,
            code: step.organization_code,
            name: { es: step.organization_name_es, en: step.organization_name_en },
          }
        : null,
    role: step.actor_role,
    note: step.note,
    at: step.at.toISOString(),
  }));
}
