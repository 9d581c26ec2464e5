import type { Kysely } from "kysely";
import type { PledgeFigures } from "../../contracts/conferences.ts";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { type FundingMeasures, summarizeFunding } from "../funding/index.ts";
import {
  listContributions,
  listDelegations,
  listDocuments,
  listSessions,
} from "./conference-parts.queries.ts";
import {
  findConferenceRow,
  listAnnouncementRows,
  listConferenceRows,
  toConference,
} from "./conferences.queries.ts";
import type { Conference, ConferenceDetail, ListConferencesQuery } from "./conferences.schema.ts";

/** Pledged, committed and disbursed of a roll-up row, as USD decimal strings. */
export const pledgeFigures = (measures: FundingMeasures | undefined): PledgeFigures => ({
  announced: measures?.announced ?? "0.00",
  committed: measures?.committed ?? "0.00",
  disbursed: measures?.disbursed ?? "0.00",
});

export async function findConferences(options: {
  db: Kysely<Database>;
  query: ListConferencesQuery;
  publishedOnly: boolean;
}) {
  const { rows, total } = await listConferenceRows(
    options.db,
    options.query,
    options.publishedOnly,
  );
  return {
    data: rows.map(toConference),
    page: { total, limit: options.query.limit, offset: options.query.offset },
  };
}

/** The conference row alone (writes answer with it). A draft is not found by the public. */
export async function getConference(options: {
  db: Kysely<Database>;
  idOrCode: string;
  publishedOnly?: boolean;
}): Promise<Conference> {
  const row = await findConferenceRow(options.db, options.idOrCode);
  if (!row || (options.publishedOnly && row.status !== "published")) {
    throw notFound("conference", options.idOrCode);
  }
  return toConference(row);
}

/**
 * The conference as its page shows it: programme, delegations, documents, preparatory
 * contributions, the pledges announced there, and per partner what was announced there,
 * committed against those pledges and disbursed against those commitments since — from
 * summarizeFunding, whose total is the sum of the partners' rows.
 */
export async function getConferenceDetail(options: {
  db: Kysely<Database>;
  idOrCode: string;
  publishedOnly: boolean;
}): Promise<ConferenceDetail> {
  const { db, publishedOnly } = options;
  const conference = await getConference(options);
  const [sessions, delegations, documents, contributions, announcements, funding] =
    await Promise.all([
      listSessions(db, conference.id),
      listDelegations(db, conference.id),
      listDocuments(db, conference.id),
      listContributions(db, { conferenceId: conference.id }),
      listAnnouncementRows(db, conference.id, publishedOnly),
      summarizeFunding({
        db,
        by: ["partner"],
        filter: { conferenceIds: [conference.id], publishedOnly },
      }),
    ]);
  return {
    ...conference,
    sessions,
    delegations,
    documents,
    contributions,
    announcements,
    funding: {
      rows: funding.rows.flatMap((row) =>
        row.key.partner ? [{ partner: row.key.partner, figures: pledgeFigures(row) }] : [],
      ),
      total: pledgeFigures(funding.total),
    },
  };
}
