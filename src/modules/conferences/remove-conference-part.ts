import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import {
  countPledgesAtSession,
  deletePartRow,
  findPartRow,
  type PartKind,
  partTables,
} from "./conference-parts.queries.ts";
import { findConferenceRow } from "./conferences.queries.ts";

/**
 * Removes a part of a conference. A session pledges were announced at stays: the ledger is
 * append-only, so those pledges would lose where they were made.
 */
export async function removeConferencePart(options: {
  db: Kysely<Database>;
  idOrCode: string;
  kind: PartKind;
  partId: string;
}): Promise<{ ok: true }> {
  return inTransaction(options.db, async (trx) => {
    const conference = await findConferenceRow(trx, options.idOrCode);
    if (!conference) throw notFound("conference", options.idOrCode);
    const table = partTables[options.kind];
    const part = await findPartRow(trx, table, options.partId);
    if (!part || part.conference_id !== conference.id) {
      throw notFound(options.kind.replace(/s$/, ""), options.partId);
    }
    if (options.kind === "sessions") {
      const pledges = await countPledgesAtSession(trx, part.id);
      if (pledges > 0) {
        throw new AppError(
          "conflict",
          `${pledges} ledger entries were announced at this session; it stays in the programme`,
          { reason: "session_has_pledges", values: { pledges } },
        );
      }
    }
    await deletePartRow(trx, table, part.id);
    return { ok: true };
  });
}
