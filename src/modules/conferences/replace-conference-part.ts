import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { updateVersioned } from "../../platform/db/versioned-update.ts";
import { notFound } from "../../platform/errors.ts";
import { type PartInput, partValues } from "./conference-part-values.ts";
import { findPartRow, type PartKind, partTables } from "./conference-parts.queries.ts";
import { findConferenceRow } from "./conferences.queries.ts";

/** Replaces one part of a conference as a whole, refusing a stale version (409). */
export async function replaceConferencePart<K extends PartKind>(options: {
  db: Kysely<Database>;
  idOrCode: string;
  kind: K;
  partId: string;
  input: PartInput[K];
}): Promise<{ id: string }> {
  return inTransaction(options.db, async (trx) => {
    const conference = await findConferenceRow(trx, options.idOrCode);
    if (!conference) throw notFound("conference", options.idOrCode);
    const table = partTables[options.kind];
    const part = await findPartRow(trx, table, options.partId);
    if (!part || part.conference_id !== conference.id) {
      throw notFound(options.kind.replace(/s$/, ""), options.partId);
    }
    const values = await partValues(trx, conference, options.kind, options.input);
    await updateVersioned(trx, {
      table,
      id: part.id,
      expectedVersion: options.input.version,
      changes: values as never,
    });
    return { id: part.id };
  });
}
