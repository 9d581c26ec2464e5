import type { Kysely } from "kysely";
import type { PracticeDetail } from "../../contracts/practices.ts";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import type { Principal } from "../../platform/principal.ts";
import { getPractice } from "./find-practices.ts";
import { replacePracticeParts } from "./practices.queries.ts";
import type { PracticeInput } from "./practices.schema.ts";
import { resolvePracticeInput } from "./resolve-practice-input.ts";

/** The secretariat writes a practice; it starts as a draft, seen by the secretariat only. */
export async function createPractice(options: {
  db: Kysely<Database>;
  input: PracticeInput;
  principal: Principal;
  illustrative?: boolean;
}): Promise<PracticeDetail> {
  return inTransaction(options.db, async (trx) => {
    const { values, parts } = await resolvePracticeInput(trx, options.input);
    const row = await trx
      .insertInto("practices")
      .values({ ...values, illustrative: options.illustrative ?? false })
      .returning("id")
      .executeTakeFirstOrThrow();
    await replacePracticeParts(trx, row.id, parts);
    return getPractice({ db: trx, idOrSlug: row.id, viewer: options.principal });
  });
}
