import type { Kysely } from "kysely";
import { formatMinorUnits } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { atEntry } from "./entry-errors.ts";
import { findFirstOverCommitment, lockInitiativePartners } from "./flow-batches.queries.ts";
import { type LedgerPair, lockInitiativePartner, sumInitiativePartner } from "./flows.queries.ts";

/**
 * The ledger's invariant: per (initiative, partner), disbursed USD ≤ committed USD, net of
 * reversals, unless the entry that breaks it records an over_commitment_reason.
 *
 * `write` runs after the pair's lock is taken and the totals are read after it, inside the
 * same transaction, so that concurrent writers are checked one after the other and a refused
 * entry is rolled back with its transaction.
 *
 * Worked example: a commitment of 1,000.00 USD and ten disbursements of 100.00 USD arriving
 * together. They take the lock in turn; the tenth brings disbursed to 1,000.00 (equal is
 * allowed); the eleventh would make 1,100.00 > 1,000.00 and is refused with over_commitment.
 * Reversing the commitment afterwards would leave 1,000.00 disbursed against 0.00 committed,
 * so that reversal needs an override reason too.
 *
 * `pair` is null for entries that cannot break the invariant (offers, pledges, commitments,
 * disbursement reversals) or that have no initiative (unallocated support).
 */
export async function writeWithinCommitments<T>(
  trx: Kysely<Database>,
  pair: LedgerPair | null,
  overrideReason: string | null | undefined,
  write: () => Promise<T>,
): Promise<T> {
  if (!pair) return write();
  await lockInitiativePartner(trx, pair);
  const result = await write();
  const { committed, disbursed } = await sumInitiativePartner(trx, pair);
  if (disbursed > committed && !overrideReason?.trim()) throw overCommitment(committed, disbursed);
  return result;
}

/**
 * writeWithinCommitments for many entries written together, in their order: every pair at
 * risk is locked before `write`, and afterwards each entry without a reason is checked
 * against its pair's totals as they stood right after it (running sums in seq order), so the
 * outcome — and the entry refused, with the same totals — is that of writing them one by one.
 */
export async function writeAllWithinCommitments<T>(
  trx: Kysely<Database>,
  entries: ReadonlyArray<{
    id: string;
    pair: LedgerPair | null;
    overrideReason: string | null | undefined;
  }>,
  write: () => Promise<T>,
): Promise<T> {
  const atRisk = entries.filter((entry) => entry.pair !== null);
  await lockInitiativePartners(
    trx,
    atRisk.map((entry) => entry.pair as LedgerPair),
  );
  const result = await write();
  const unexcused = atRisk.filter((entry) => !entry.overrideReason?.trim());
  const over = await findFirstOverCommitment(
    trx,
    unexcused.map((entry) => entry.id),
  );
  if (over) {
    const index = entries.findIndex((entry) => entry.id === over.id);
    throw atEntry(index, overCommitment(over.committed, over.disbursed));
  }
  return result;
}

function overCommitment(committed: bigint, disbursed: bigint): AppError {
  const amounts = `${formatMinorUnits(disbursed, "USD")} USD disbursed against ${formatMinorUnits(committed, "USD")} USD committed`;
  const message = `This would leave ${amounts} (net of reversals) by this partner to this initiative; give over_commitment_reason to record an override.`;
  return new AppError("over_commitment", message, {
    details: [{ path: "over_commitment_reason", message: `is required: ${amounts}` }],
    context: {
      committed_usd: formatMinorUnits(committed, "USD"),
      disbursed_usd: formatMinorUnits(disbursed, "USD"),
    },
  });
}
