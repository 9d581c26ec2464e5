import {
  type ExpressionBuilder,
  type InferResult,
  type Insertable,
  type Kysely,
  type RawBuilder,
  sql,
} from "kysely";
import { initiativeStatuses } from "../../contracts/enums.ts";
import { containsPattern, isUuid } from "../../platform/db/query-helpers.ts";
import type { Database, InitiativesTable } from "../../platform/db/schema.ts";
import { recordsMatching } from "../search/index.ts";
import { initiativeParts } from "./initiative-parts.queries.ts";
import type { ColumnSortField, ListInitiativesQuery } from "./initiatives.schema.ts";

/** An initiative with the codes and names of its component, line and executing agency. */
function initiativeView(db: Kysely<Database>) {
  return (
    db
      .selectFrom("initiatives as i")
      .innerJoin("strategy_components as c", "c.id", "i.component_id")
      .leftJoin("lines_of_action as l", "l.id", "i.line_of_action_id")
      .leftJoin("organizations as o", "o.id", "i.executing_agency_id")
      // The rate the budget was valued with, for what it is (a month's or year's average, a peg).
      .leftJoin("exchange_rates as r", (join) =>
        join
          .onRef("r.currency", "=", "i.budget_currency")
          .onRef("r.rate_date", "=", "i.budget_fx_date"),
      )
      .selectAll("i")
      .select([
        "c.code as component_code",
        "c.name_es as component_name_es",
        "c.name_en as component_name_en",
        "l.code as line_code",
        "l.name_es as line_name_es",
        "l.name_en as line_name_en",
        "o.code as agency_code",
        "o.name_es as agency_name_es",
        "o.name_en as agency_name_en",
        "r.basis as budget_fx_basis",
      ])
  );
}
export type InitiativeViewRow = InferResult<ReturnType<typeof initiativeView>>[number];

/** The view with the initiative's lists (countries, sectors, targets): all the API shows. */
function initiativeRecord(db: Kysely<Database>) {
  return initiativeView(db).select(initiativeParts);
}
export type InitiativeRecordRow = InferResult<ReturnType<typeof initiativeRecord>>[number];

/** An initiative with its lists, by uuid or code, in one statement. */
export function findInitiativeRecord(db: Kysely<Database>, idOrCode: string) {
  const query = initiativeRecord(db);
  return (
    isUuid(idOrCode)
      ? query.where("i.id", "=", idOrCode)
      : query.where("i.code", "=", idOrCode.toUpperCase())
  ).executeTakeFirst();
}

/** An initiative is addressed by its uuid or its code ("BA1"). */
export function findInitiativeView(db: Kysely<Database>, idOrCode: string) {
  const query = initiativeView(db);
  return (
    isUuid(idOrCode)
      ? query.where("i.id", "=", idOrCode)
      : query.where("i.code", "=", idOrCode.toUpperCase())
  ).executeTakeFirst();
}

/**
 * Locks the initiative's row until the transaction ends, so that two writers (two
 * transitions, or a transition and an edit) take turns instead of both applying.
 */
export function lockInitiativeRow(db: Kysely<Database>, idOrCode: string) {
  const query = db.selectFrom("initiatives").selectAll().forUpdate();
  return (
    isUuid(idOrCode)
      ? query.where("id", "=", idOrCode)
      : query.where("code", "=", idOrCode.toUpperCase())
  ).executeTakeFirst();
}

/** Ids and codes mixed in one filter: "a,3f2b…" → ids ["3f2b…"], codes ["A"]. */
function splitRefs(refs: string[]) {
  return {
    ids: refs.filter(isUuid),
    codes: refs.filter((ref) => !isUuid(ref)).map((ref) => ref.toUpperCase()),
  };
}

function matchesFilters(query: ListInitiativesQuery) {
  return (eb: ExpressionBuilder<Database & { i: Database["initiatives"] }, "i">) => {
    const conditions = [];
    if (query.component?.length) {
      const { ids, codes } = splitRefs(query.component);
      conditions.push(
        eb(
          "i.component_id",
          "in",
          eb
            .selectFrom("strategy_components")
            .select("id")
            .where((c) =>
              c.or([
                ...(codes.length ? [c("code", "in", codes)] : []),
                ...(ids.length ? [c("id", "in", ids)] : []),
              ]),
            ),
        ),
      );
    }
    if (query.country?.length) {
      const countries = query.country;
      conditions.push(
        eb.or([
          eb("i.lead_country", "in", countries),
          eb.exists(
            eb
              .selectFrom("initiative_countries as ic")
              .select(sql.lit(1).as("one"))
              .whereRef("ic.initiative_id", "=", "i.id")
              .where("ic.country_iso2", "in", countries),
          ),
        ]),
      );
    }
    if (query.status?.length) conditions.push(eb("i.status", "in", query.status));
    if (query.partner) {
      const partner = query.partner;
      conditions.push(
        eb.exists(
          eb
            .selectFrom("support_flows as f")
            .innerJoin("organizations as p", "p.id", "f.partner_id")
            .select(sql.lit(1).as("one"))
            .whereRef("f.initiative_id", "=", "i.id")
            .where((p) =>
              isUuid(partner) ? p("p.id", "=", partner) : p("p.code", "=", partner.toUpperCase()),
            ),
        ),
      );
    }
    if (query.illustrative !== undefined)
      conditions.push(eb("i.illustrative", "=", query.illustrative));
    if (query.q) {
      // The one search's matching (both languages, accents ignored, titles, summaries and
      // objectives), and a code's part as typed ("AF" finds AF1).
      conditions.push(
        eb.or([
          eb("i.code", "ilike", containsPattern(query.q)),
          eb("i.id", "in", recordsMatching("initiative", query.q)),
        ]),
      );
    }
    return eb.and(conditions);
  };
}

/** Statuses sort in lifecycle order (draft first), not alphabetically. */
const statusOrder = sql<number>`array_position(array[${sql.join(
  initiativeStatuses.map((status) => sql.lit(status)),
)}]::text[], i.status::text)`;

const sortColumns: Record<ColumnSortField, RawBuilder<unknown>> = {
  code: sql.ref("i.code"),
  title_en: sql.ref("i.title_en"),
  title_es: sql.ref("i.title_es"),
  budget_usd: sql.ref("i.budget_usd_minor"),
  start_date: sql.ref("i.start_date"),
  status: statusOrder,
  updated_at: sql.ref("i.updated_at"),
};

/**
 * Which unpublished initiatives a viewer may also see: all (staff), those of one country
 * (its focal points), or none (the public, partners).
 */
export type InitiativeVisibility =
  | { unpublished: "all" }
  | { unpublished: "country"; country: string }
  | { unpublished: "none" };

function visibleTo(visibility: InitiativeVisibility) {
  return (eb: ExpressionBuilder<Database & { i: Database["initiatives"] }, "i">) => {
    if (visibility.unpublished === "all") return eb.and([]);
    if (visibility.unpublished === "country") {
      return eb.or([
        eb("i.published_at", "is not", null),
        eb("i.lead_country", "=", visibility.country),
      ]);
    }
    return eb("i.published_at", "is not", null);
  };
}

function visibleMatches(query: ListInitiativesQuery, visibility: InitiativeVisibility) {
  const filters = matchesFilters(query);
  const visible = visibleTo(visibility);
  return (eb: ExpressionBuilder<Database & { i: Database["initiatives"] }, "i">) =>
    eb.and([filters(eb), visible(eb)]);
}

/** Every initiative the filter matches and the viewer may see (ids and codes, by code). */
export function listMatchingInitiatives(
  db: Kysely<Database>,
  query: ListInitiativesQuery,
  visibility: InitiativeVisibility,
) {
  return db
    .selectFrom("initiatives as i")
    .where(visibleMatches(query, visibility))
    .select(["i.id", "i.code"])
    .orderBy("i.code")
    .execute();
}

/** The given initiatives with their lists, in no particular order. */
export function findInitiativeRecords(db: Kysely<Database>, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return initiativeRecord(db).where("i.id", "in", ids).execute();
}

/**
 * One page of the list sorted by one of the initiative's own columns, with its lists, and
 * how many initiatives the filter matches, in one statement: the page is cut from the
 * initiatives alone, counted by a window (count(*) over () sees every match before the
 * limit) and numbered in its order, and only its rows are joined to their names and lists.
 * A page past the end has no row to carry the count, so only then is it read on its own.
 *
 * Example: 22 published initiatives, `{ limit: 10, offset: 20 }` → the last 2, total 22;
 * `{ limit: 10, offset: 30 }` → no row, and a count statement says 22.
 */
export async function listInitiativeRecords(
  db: Kysely<Database>,
  query: ListInitiativesQuery & { sort: { field: ColumnSortField } },
  visibility: InitiativeVisibility,
): Promise<{ rows: InitiativeRecordRow[]; total: number }> {
  const filter = visibleMatches(query, visibility);
  const direction = query.sort.direction === "desc" ? sql`desc nulls last` : sql`asc nulls last`;
  const order = sql`${sortColumns[query.sort.field]} ${direction}, i.code`;
  const page = db
    .selectFrom("initiatives as i")
    .where(filter)
    .select([
      "i.id",
      sql<bigint>`count(*) over ()`.as("matches"),
      sql<string>`row_number() over (order by ${order})`.as("position"),
    ])
    .orderBy(order)
    .limit(query.limit)
    .offset(query.offset);
  const rows = await initiativeRecord(db)
    .innerJoin(page.as("page"), "page.id", "i.id")
    .select("page.matches")
    .orderBy("page.position")
    .execute();
  const [first] = rows;
  if (first) return { rows, total: Number(first.matches) };
  if (query.offset === 0) return { rows, total: 0 };
  const { total } = await db
    .selectFrom("initiatives as i")
    .where(filter)
    .select(sql<bigint>`count(*)`.as("total"))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

/** Adds an initiative; its id. */
export async function insertInitiativeRow(
  db: Kysely<Database>,
  values: Insertable<InitiativesTable>,
): Promise<string> {
  const { id } = await db
    .insertInto("initiatives")
    .values(values)
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}
