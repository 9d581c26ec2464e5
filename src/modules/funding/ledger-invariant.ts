import type { Kysely } from "kysely";
import { formatMinorUnits } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";
import { holdsAuditChainLock } from "../../platform/db/transaction.ts";
import { AppError } from "../../platform/errors.ts";
import { atEntry } from "./entry-errors.ts";
import { findFirstOverCommitment, lockInitiativePartners } from "./flow-batches.queries.ts";
import { type LedgerPair, lockInitiativePartner, sumInitiativePartner } from "./flows.queries.ts";

/**
 * The ledger's invariant: per (initiative, partner), disbursed USD ≤ committed USD, net of
 * reversals, unless the entry that breaks it records an over_commitment_reason and its writer
 * may override (the secretariat, the platform, or a partner's request the secretariat approved).
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
 *
 * In a transaction inTransaction opened, the pair's lock is not taken: that transaction took
 * the audit chain's lock first, which every ledger writer's transaction takes (a writer of
 * its own by inTransaction, any other at its insert, through the audit trigger), so no other
 * writer can add to the pair before this one ends — the pair's lock would be a second,
 * uncontended turnstile. In a caller's own transaction it is taken as before.
 */
export async function writeWithinCommitments<T>(
  trx: Kysely<Database>,
  entry: EntryAtRisk,
  write: () => Promise<T>,
): Promise<T> {
  if (!entry.pair) return write();
  if (!holdsAuditChainLock(trx)) await lockInitiativePartner(trx, entry.pair);
  const result = await write();
  const { committed, disbursed } = await sumInitiativePartner(trx, entry.pair);
  if (disbursed > committed && !excused(entry)) throw overCommitment(committed, disbursed, entry);
  return result;
}

/**
 * An entry that may push its pair over its commitments. `mayOverride` says whether its
 * writer may excuse that with `overrideReason` (the secretariat, the platform, an approved
 * over-disbursement request); a partner may not, and is told what is left and how to ask.
 */
export interface EntryAtRisk {
  pair: LedgerPair | null;
  overrideReason: string | null | undefined;
  mayOverride: boolean;
  /** The entry's own US cents (0 for a reversal): what was left before it is committed − (disbursed − this). */
  usdMinor: bigint;
}

const excused = (entry: EntryAtRisk) => entry.mayOverride && !!entry.overrideReason?.trim();

/**
 * writeWithinCommitments for many entries written together, in their order: every pair at
 * risk is locked before `write`, and afterwards each entry without a reason is checked
 * against its pair's totals as they stood right after it (running sums in seq order), so the
 * outcome — and the entry refused, with the same totals — is that of writing them one by one.
 * The pairs' locks are skipped as in writeWithinCommitments when the chain's lock is held.
 */
export async function writeAllWithinCommitments<T>(
  trx: Kysely<Database>,
  entries: ReadonlyArray<EntryAtRisk & { id: string }>,
  write: () => Promise<T>,
): Promise<T> {
  const atRisk = entries.filter((entry) => entry.pair !== null);
  if (!holdsAuditChainLock(trx))
    await lockInitiativePartners(
      trx,
      atRisk.map((entry) => entry.pair as LedgerPair),
    );
  const result = await write();
  const unexcused = atRisk.filter((entry) => !excused(entry));
  const over = await findFirstOverCommitment(
    trx,
    unexcused.map((entry) => entry.id),
  );
  if (over) {
    const index = entries.findIndex((entry) => entry.id === over.id);
    const entry = entries[index] as EntryAtRisk;
    throw atEntry(index, overCommitment(over.committed, over.disbursed, entry));
  }
  return result;
}

/** Where a partner asks the secretariat for an override (overDisbursementRoutes). */
export const OVERRIDE_REQUEST_ROUTE = "/api/over-disbursement-requests";

/** US cents as people read them in English: 90000000n → "USD 900,000.00". */
export function usdText(minor: bigint): string {
  const [whole = "0", fraction] = formatMinorUnits(minor, "USD").split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `USD ${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/**
 * The refusal names the figures as structured values (decimal strings in USD) for clients to
 * format in their reader's language, and in its English message formatted.
 *
 * Worked example: 1,000.00 committed, 900.00 disbursed, a partner adds 150.00 → disbursed
 * 1,050.00; left before it = 1,000.00 − (1,050.00 − 150.00) = 100.00.
 */
function overCommitment(committed: bigint, disbursed: bigint, entry: EntryAtRisk): AppError {
  const leftMinor = committed - (disbursed - entry.usdMinor);
  const left = leftMinor > 0n ? leftMinor : 0n;
  const values = {
    committed_usd: formatMinorUnits(committed, "USD"),
    disbursed_usd: formatMinorUnits(disbursed, "USD"),
    left_usd: formatMinorUnits(left, "USD"),
    currency: "USD",
  };
  const amounts = `${usdText(disbursed)} disbursed against ${usdText(committed)} committed`;
  if (entry.mayOverride) {
    const message = `This would leave ${amounts} (net of reversals) by this partner to this initiative; give a reason for exceeding the commitment to record an override.`;
    return new AppError("over_commitment", message, {
      details: [
        {
          path: "over_commitment_reason",
          message: `is required: ${amounts}`,
          rule: { code: "over_commitment_reason_required", ...values },
        },
      ],
      reason: "over_commitment",
      values,
      context: values,
    });
  }
  const message = `Only ${usdText(left)} is left on this partner's commitments to this initiative (${amounts} with this disbursement, net of reversals). Record an amended commitment, or ask the secretariat for an override: POST ${OVERRIDE_REQUEST_ROUTE}.`;
  return new AppError("over_commitment", message, {
    details: [
      {
        path: "value.amount",
        message: `is more than the ${usdText(left)} left on the commitment`,
        rule: { code: "over_commitment_left", ...values },
      },
    ],
    reason: "override_required",
    values: { ...values, request_route: OVERRIDE_REQUEST_ROUTE },
    context: { ...values, request_route: OVERRIDE_REQUEST_ROUTE },
  });
}
