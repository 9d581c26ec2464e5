import type { Kysely } from "kysely";
import type { FinanceType } from "../../../contracts/finance-types.ts";
import { formatMinorUnits } from "../../../contracts/money.ts";
import type { Database } from "../../../platform/db/schema.ts";
import { inTransaction } from "../../../platform/db/transaction.ts";
import { type Principal, systemPrincipal } from "../../accounts/index.ts";
import { recordFlows, reverseFlows } from "../../funding/index.ts";
import { ledgerFlowType } from "../read/iati-activity.ts";
import {
  findLedgerTransactions,
  findStandingEntries,
  insertLedgerEntries,
} from "./ledger.queries.ts";

export interface LedgerSync {
  recorded: number;
  reversed: number;
}

interface Wanted {
  key: string;
  flowType: "pledge" | "commitment" | "disbursement";
  initiativeId: string;
  amount: string;
  currency: string;
  valueDate: string;
  financeType: FinanceType | null;
  note: string;
}

/**
 * Brings the ledger in line with a publisher's current publication (an import's staging rows
 * count once they are current): each linked transaction of type 12, 2, 3 or 4 with a positive
 * value and a USD value within the bound on one amount (MAX_AMOUNT_USD) is one entry, with the
 * transaction's finance type (its own, else its activity's default). Entries recorded
 * from an earlier file that the new one no longer has (or has differently) are reversed;
 * what is new is recorded. Running it twice changes nothing, so a re-import is a no-op.
 *
 * Partners publish their own figures: imported disbursements carry an over-commitment
 * reason saying so, as the ledger's invariant may not hold for what another system reports.
 *
 * All in one transaction and a fixed number of statements (reverseFlows, recordFlows): the
 * same ledger as reversing, then recording, entry by entry in the order below.
 */
export async function syncIatiLedger(options: {
  db: Kysely<Database>;
  publisherRef: string;
  partnerId: string | null;
  principal: Principal;
}): Promise<LedgerSync> {
  const { publisherRef, principal } = options;
  return inTransaction(options.db, async (db) => {
    const wanted = options.partnerId ? await wantedEntries(db, publisherRef) : [];
    const current = await findStandingEntries(db, publisherRef);
    const wantedKeys = new Set(wanted.map((w) => w.key));
    const currentKeys = new Set(current.map((c) => c.entry_key));
    const reason = `As published in IATI by ${publisherRef}`;
    // Disbursements go first, so that reversing a commitment does not leave them uncovered.
    const stale = current
      .filter((c) => !wantedKeys.has(c.entry_key))
      .sort(
        (a, b) => Number(b.flow_type === "disbursement") - Number(a.flow_type === "disbursement"),
      );
    await reverseFlows({
      db,
      entries: stale.map((entry) => ({
        flowId: entry.flow_id,
        input: {
          reason: `Superseded by a newer IATI publication of ${publisherRef}`,
          over_commitment_reason: reason,
        },
      })),
      principal,
    });
    const order = { pledge: 0, commitment: 1, disbursement: 2 };
    const fresh = wanted
      .filter((w) => !currentKeys.has(w.key))
      .sort((a, b) => order[a.flowType] - order[b.flowType]);
    const flows = await recordFlows({
      db,
      entries: fresh.map((entry) => ({
        flow_type: entry.flowType,
        support_kind: "financial",
        partner_id: options.partnerId ?? "",
        initiative_id: entry.initiativeId,
        value: { amount: entry.amount, currency: entry.currency },
        value_date: entry.valueDate,
        finance_type: entry.financeType,
        source: `IATI publication of ${publisherRef}`,
        note: entry.note,
        ...(entry.flowType === "disbursement" && { over_commitment_reason: reason }),
      })),
      principal,
      // The initiatives come from the platform's activity links, not from the importer.
      linkedBy: systemPrincipal("iati-activity-links"),
      // Their over-commitment reason states the publication, not a partner's own claim.
      overridesBy: systemPrincipal("iati-publication"),
    });
    // Which entries this import recorded.
    const recorded = flows.map((flow, i) => ({
      flow_id: flow.id,
      publisher_ref: publisherRef,
      entry_key: fresh[i]?.key ?? "",
    }));
    await insertLedgerEntries(db, recorded);
    return { recorded: fresh.length, reversed: stale.length };
  });
}

async function wantedEntries(db: Kysely<Database>, publisherRef: string): Promise<Wanted[]> {
  const rows = await findLedgerTransactions(db, publisherRef);
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const base = [
      row.iati_identifier,
      row.initiative_id,
      row.ref ?? "",
      row.type_code,
      row.transaction_date,
      row.value_date,
      row.amount_minor,
      row.currency,
      // A finance type joined the key later: an entry without one keeps the key it had, one
      // whose finance type changes (or is newly stated) is reversed and recorded again.
      ...(row.finance_type === null ? [] : [`finance-type:${row.finance_type}`]),
    ].join("|");
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    return {
      key: `${base}#${occurrence}`,
      flowType: ledgerFlowType[row.type_code] ?? "disbursement",
      initiativeId: row.initiative_id ?? "",
      amount: formatMinorUnits(row.amount_minor, row.currency),
      currency: row.currency,
      valueDate: row.value_date,
      financeType: row.finance_type,
      note: `IATI activity ${row.iati_identifier}, transaction ${row.ref ?? `at line ${row.line}`} (type ${row.type_code})`,
    };
  });
}
