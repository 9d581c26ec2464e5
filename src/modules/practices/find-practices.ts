import type { Kysely } from "kysely";
import type { Practice, PracticeDetail } from "../../contracts/practices.ts";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { anonymous, type Principal } from "../../platform/principal.ts";
import { findInitiativeView } from "../initiatives/index.ts";
import { getMandate } from "../mandates/index.ts";
import { recordsMatching } from "../search/index.ts";
import { findComponentRow } from "../strategy/index.ts";
import { readsPublishedOnly } from "./practices.policy.ts";
import {
  findPracticeRow,
  listPracticeParts,
  listPracticeRows,
  type PracticeParts,
  type PracticeRow,
} from "./practices.queries.ts";
import type { ListPracticesQuery } from "./practices.schema.ts";
import { renderPracticeBody } from "./render-markdown.ts";

export async function findPractices(options: {
  db: Kysely<Database>;
  query: ListPracticesQuery;
  viewer: Principal;
}) {
  const { db, query } = options;
  let componentId: string | undefined;
  if (query.component) {
    const component = await findComponentRow(db, query.component);
    // An unknown component matches nothing, as an unknown country does.
    componentId = component?.id ?? "00000000-0000-0000-0000-000000000000";
  }
  const { rows, total } = await listPracticeRows(
    db,
    {
      publishedOnly: readsPublishedOnly(options.viewer),
      status: query.status,
      country: query.country,
      componentId,
      language: query.language,
      matching: query.q ? recordsMatching("practice", query.q) : undefined,
    },
    query,
  );
  const parts = await listPracticeParts(
    db,
    rows.map((row) => row.id),
  );
  const codes = await componentCodes(
    db,
    [...parts.values()].flatMap((p) => p.componentIds),
  );
  return {
    data: rows.map((row) => toPractice(row, parts.get(row.id), codes)),
    page: { total, limit: query.limit, offset: query.offset },
  };
}

/** A practice with its links; a draft, to anyone but the secretariat, is not found. */
export async function getPractice(options: {
  db: Kysely<Database>;
  idOrSlug: string;
  viewer: Principal;
}): Promise<PracticeDetail> {
  const { db, viewer } = options;
  const row = await findPracticeRow(db, options.idOrSlug);
  const publishedOnly = readsPublishedOnly(viewer);
  if (!row || (publishedOnly && row.status !== "published"))
    throw notFound("practice", options.idOrSlug);
  const parts = (await listPracticeParts(db, [row.id])).get(row.id);
  const codes = await componentCodes(db, parts?.componentIds ?? []);
  const initiatives = [];
  for (const id of parts?.initiativeIds ?? []) {
    const initiative = await findInitiativeView(db, id);
    // An initiative still unpublished is left out for those who may not see it.
    if (!initiative || (publishedOnly && initiative.published_at === null)) continue;
    initiatives.push({
      id: initiative.id,
      code: initiative.code,
      title: { es: initiative.title_es, en: initiative.title_en },
    });
  }
  const mandates = [];
  for (const id of parts?.mandateIds ?? []) {
    const mandate = await getMandate({ db, id, publicOnly: true, viewer: anonymous });
    mandates.push({ id, symbol: mandate.resolution.symbol, paragraph: mandate.paragraph });
  }
  return {
    ...toPractice(row, parts, codes),
    body: row.body,
    body_html: renderPracticeBody(row.body),
    initiatives,
    mandates: mandates.sort((a, b) => a.paragraph - b.paragraph),
    documents: parts?.documents ?? [],
  };
}

async function componentCodes(db: Kysely<Database>, ids: string[]) {
  const codes = new Map<string, string>();
  for (const id of new Set(ids)) {
    const row = await findComponentRow(db, id);
    if (row) codes.set(id, row.code);
  }
  return codes;
}

function toPractice(
  row: PracticeRow,
  parts: PracticeParts | undefined,
  codes: Map<string, string>,
): Practice {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    language: row.language,
    source: {
      kind: row.source_kind,
      name: row.source_name,
      citation: row.source_citation,
      url: row.source_url,
    },
    countries: parts?.countries ?? [],
    components: (parts?.componentIds ?? []).flatMap((id) => codes.get(id) ?? []).sort(),
    illustrative: row.illustrative,
    status: row.status,
    published_at: row.published_at?.toISOString() ?? null,
    updated_at: row.updated_at.toISOString(),
    version: row.version,
  };
}
