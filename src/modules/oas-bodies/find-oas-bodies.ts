import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { summarizeFunding } from "../funding/index.ts";
import { countRequestsByBody } from "../support-requests/index.ts";
import {
  countTechnicalFlows,
  findOasBodyRow,
  listOasBodyRows,
  type OasBodyRow,
  supportAreasOf,
  toOasBody,
} from "./oas-bodies.queries.ts";
import type { OasBodyEntry, OasBodySupport } from "./oas-bodies.schema.ts";

const usd = (amount: string | undefined) => ({ amount: amount ?? "0.00", currency: "USD" });

/**
 * Each body with what it has given: its measures as a partner from the one roll-up, the
 * technical-support entries it recorded, and the requests it completed or still has open.
 * The public (publishedOnly) counts only what concerns published initiatives.
 */
async function withSupport(
  db: Kysely<Database>,
  rows: OasBodyRow[],
  publishedOnly: boolean,
): Promise<OasBodyEntry[]> {
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return [];
  const [areas, funding, technical, requests] = await Promise.all([
    supportAreasOf(db, ids),
    summarizeFunding({ db, by: ["partner"], filter: { partnerIds: ids, publishedOnly } }),
    countTechnicalFlows(db, ids, publishedOnly),
    countRequestsByBody({ db, bodyIds: ids, publishedOnly }),
  ]);
  return rows.map((row) => {
    const measures = funding.rows.find((r) => r.key.partner?.id === row.id);
    const counted = requests.get(row.id);
    const support: OasBodySupport = {
      offered: usd(measures?.offered),
      announced: usd(measures?.announced),
      committed: usd(measures?.committed),
      disbursed: usd(measures?.disbursed),
      technical_flows: technical.get(row.id) ?? 0,
      requests_completed: counted?.completed ?? 0,
      requests_open: counted?.open ?? 0,
    };
    return { ...toOasBody(row, areas), support };
  });
}

export async function findOasBodies(options: { db: Kysely<Database>; publishedOnly: boolean }) {
  const rows = await listOasBodyRows(options.db);
  const data = await withSupport(options.db, rows, options.publishedOnly);
  return { data, page: { total: data.length, limit: data.length, offset: 0 } };
}

export async function getOasBody(options: {
  db: Kysely<Database>;
  idOrCode: string;
  publishedOnly: boolean;
}): Promise<OasBodyEntry> {
  const row = await findOasBodyRow(options.db, options.idOrCode);
  if (!row) throw notFound("OAS body", options.idOrCode);
  const [entry] = await withSupport(options.db, [row], options.publishedOnly);
  if (!entry) throw notFound("OAS body", options.idOrCode);
  return entry;
}
