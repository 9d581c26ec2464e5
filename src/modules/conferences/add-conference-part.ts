import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { notFound } from "../../platform/errors.ts";
import { type PartInput, partValues } from "./conference-part-values.ts";
import { insertPartRow, type PartKind, partTables } from "./conference-parts.queries.ts";
import { findConferenceRow } from "./conferences.queries.ts";

/** Adds a session, delegation, document or preparatory contribution to a conference. */
export async function addConferencePart<K extends PartKind>(options: {
  db: Kysely<Database>;
  idOrCode: string;
  kind: K;
  input: PartInput[K];
}): Promise<{ id: string }> {
  return inTransaction(options.db, async (trx) => {
    const conference = await findConferenceRow(trx, options.idOrCode);
    if (!conference) throw notFound("conference", options.idOrCode);
    const values = await partValues(trx, conference, options.kind, options.input);
    return insertPartRow(trx, partTables[options.kind], {
      ...values,
      conference_id: conference.id,
    });
  });
}
