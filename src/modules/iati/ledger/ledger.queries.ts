import { type Kysely, sql } from "kysely";
import { MAX_AMOUNT_USD_MINOR } from "../../../contracts/money.ts";
import type { Database } from "../../../platform/db/schema.ts";

/** The publisher's ledger entries recorded from IATI and not reversed, with their flow type. */
export function findStandingEntries(db: Kysely<Database>, publisherRef: string) {
  return db
    .selectFrom("iati_ledger_entries as e")
    .innerJoin("support_flows as f", "f.id", "e.flow_id")
    .leftJoin("support_flows as r", "r.reverses_id", "f.id")
    .select(["e.flow_id", "e.entry_key", "f.flow_type"])
    .where("e.publisher_ref", "=", publisherRef)
    .where("r.id", "is", null)
    .execute();
}

/**
 * The current publication's transactions that may be ledger entries: linked, of type 12, 2, 3
 * or 4, positive, and with a USD value within the bound on one amount; in a stable order.
 */
export function findLedgerTransactions(db: Kysely<Database>, publisherRef: string) {
  return (
    db
      .selectFrom("iati_transactions as t")
      .innerJoin("iati_activities as a", "a.id", "t.activity_id")
      .innerJoin("iati_publications as p", "p.id", "a.publication_id")
      .select([
        "a.iati_identifier",
        "a.initiative_id",
        "t.ref",
        "t.line",
        "t.type_code",
        "t.transaction_date",
        "t.value_date",
        "t.amount_minor",
        "t.currency",
        "t.finance_type",
      ])
      .where("p.publisher_ref", "=", publisherRef)
      .where("p.state", "=", "current")
      .where("a.initiative_id", "is not", null)
      .where("t.type_code", "in", [12, 2, 3, 4])
      .where("t.amount_minor", ">", 0n)
      .where("t.usd_minor", "is not", null)
      // Staging keeps such values without a USD value; this also holds for rows staged before.
      .where("t.usd_minor", "<=", MAX_AMOUNT_USD_MINOR)
      .orderBy(sql`a.iati_identifier, t.seq`)
      .execute()
  );
}

/** Which flows an import recorded, under their entry keys: a thousand rows per statement. */
export async function insertLedgerEntries(
  db: Kysely<Database>,
  entries: Array<{ flow_id: string; publisher_ref: string; entry_key: string }>,
): Promise<void> {
  for (let at = 0; at < entries.length; at += 1000)
    await db
      .insertInto("iati_ledger_entries")
      .values(entries.slice(at, at + 1000))
      .execute();
}
