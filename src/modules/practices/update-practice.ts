import type { Kysely } from "kysely";
import type { PracticeDetail } from "../../contracts/practices.ts";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { updateVersioned } from "../../platform/db/versioned-update.ts";
import { notFound } from "../../platform/errors.ts";
import type { Principal } from "../../platform/principal.ts";
import { getPractice } from "./find-practices.ts";
import { lockPracticeRow, replacePracticeParts } from "./practices.queries.ts";
import type { UpdatePracticeInput } from "./practices.schema.ts";
import { resolvePracticeInput } from "./resolve-practice-input.ts";

/**
 * The secretariat edits a practice, draft or published, as a whole: the lists sent replace
 * the lists held. A stale version is refused (409) and nothing is written.
 */
export async function updatePractice(options: {
  db: Kysely<Database>;
  idOrSlug: string;
  input: UpdatePracticeInput;
  principal: Principal;
}): Promise<PracticeDetail> {
  return inTransaction(options.db, async (trx) => {
    const row = await lockPracticeRow(trx, options.idOrSlug);
    if (!row) throw notFound("practice", options.idOrSlug);
    const { values, parts } = await resolvePracticeInput(trx, options.input);
    await updateVersioned(trx, {
      table: "practices",
      id: row.id,
      expectedVersion: options.input.version,
      changes: values,
    });
    await replacePracticeParts(trx, row.id, parts);
    return getPractice({ db: trx, idOrSlug: row.id, viewer: options.principal });
  });
}
