import type { Kysely } from "kysely";
import type { LiveBoard, LiveBoardMeasures, LiveBoardPledge } from "../../contracts/live-board.ts";
import { figureToMinorUnits } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";
import { anonymous } from "../accounts/index.ts";
import { getConference } from "../conferences/index.ts";
import {
  type Flow,
  type FundingMeasures,
  findFlows,
  type ListFlowsQuery,
  summarizeFunding,
} from "../funding/index.ts";

/** How many of the newest pledges the board shows. */
export const LATEST_PLEDGES = 12;
/** The conference's entries read for their sources and illustrative marks (the list's cap). */
const PROVENANCE_ENTRIES = 500;

const measuresOf = (m: FundingMeasures): LiveBoardMeasures => ({
  announced: m.announced,
  committed: m.committed,
  disbursed: m.disbursed,
  announced_not_committed: m.announced_not_committed,
});

const conferenceFlows = (conferenceId: string, limit: number): ListFlowsQuery => ({
  conference_id: [conferenceId],
  flow_type: ["pledge"],
  include_reversals: false,
  sort: { field: "recorded_at", direction: "desc" },
  limit,
  offset: 0,
});

/**
 * The board as the public sees it: the running totals and per-partner rows of what was
 * announced at the conference and what followed (committed, disbursed), all from
 * summarizeFunding filtered to the conference, published figures only; the newest pledges
 * recorded; and where the figures come from.
 *
 * Worked example: Spain pledges 10,000,000.00 USD at GUA-2011, then commits 4,000,000.00
 * against that pledge (untagged) → totals announced 10,000,000.00, committed 4,000,000.00,
 * announced_not_committed 6,000,000.00; one partner row with the same figures.
 */
export function readLiveBoard(options: {
  db: Kysely<Database>;
  idOrCode: string;
}): Promise<LiveBoard> {
  // Its reads see one snapshot: a pledge committed meanwhile is in all of them or in none.
  if (options.db.isTransaction) return readBoard(options.db, options.idOrCode);
  return options.db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute((trx) => readBoard(trx, options.idOrCode));
}

async function readBoard(db: Kysely<Database>, idOrCode: string): Promise<LiveBoard> {
  const conference = await getConference({ db, idOrCode, publishedOnly: true });
  const asOf = new Date().toISOString();
  const summary = await summarizeFunding({
    db,
    by: ["partner"],
    filter: { conferenceIds: [conference.id], publishedOnly: true },
  });
  const partners = summary.rows
    .filter((row) => row.key.partner)
    .map((row) => ({
      partner: row.key.partner as NonNullable<typeof row.key.partner>,
      ...measuresOf(row),
    }))
    .sort(
      (a, b) =>
        compareUsd(b.announced, a.announced) || a.partner.code.localeCompare(b.partner.code),
    );
  const byId = new Map(partners.map((row) => [row.partner.id, row.partner]));
  const latest = await findFlows({
    db,
    query: conferenceFlows(conference.id, LATEST_PLEDGES),
    viewer: anonymous,
  });
  const all = await findFlows({
    db,
    query: conferenceFlows(conference.id, PROVENANCE_ENTRIES),
    viewer: anonymous,
  });
  return {
    conference: {
      id: conference.id,
      code: conference.code,
      name: conference.name,
      city: conference.city,
      country: conference.country,
      start_date: conference.start_date,
      end_date: conference.end_date,
      source: conference.source,
    },
    as_of: asOf,
    currency: "USD",
    totals: measuresOf(summary.total),
    partners,
    latest_pledges: latest.data.map((flow) => toPledge(flow, byId)),
    pledge_count: latest.page.total,
    sources: [...new Set(all.data.map((flow) => flow.source).filter((s): s is string => !!s))],
    illustrative: all.data.some((flow) => flow.illustrative || flow.illustrative_fields.length > 0),
  };
}

/** Largest first, compared in cents (never as floating point). */
function compareUsd(a: string, b: string): number {
  const difference = figureToMinorUnits(a, "USD") - figureToMinorUnits(b, "USD");
  return difference > 0n ? 1 : difference < 0n ? -1 : 0;
}

function toPledge(flow: Flow, partners: Map<string, LiveBoardPledge["partner"]>): LiveBoardPledge {
  return {
    id: flow.id,
    partner: partners.get(flow.partner_id) ?? {
      id: flow.partner_id,
      code: "",
      name: { es: "", en: "" },
    },
    value: flow.value,
    value_usd: flow.value_usd,
    description: flow.description,
    value_date: flow.value_date,
    recorded_at: flow.recorded_at,
    reversed: flow.reversed_by !== null,
    illustrative: flow.illustrative,
    illustrative_fields: flow.illustrative_fields,
    source: flow.source,
  };
}
