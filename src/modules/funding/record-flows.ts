import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { toMinorUnits } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { assertAllowed, type Principal } from "../accounts/index.ts";
import { forEntry } from "./entry-errors.ts";
import { type IdentifiedFlowValues, pairAtRisk, recordedRow } from "./entry-rows.ts";
import { findFlowRowsByIds, insertFlowRows } from "./flow-batches.queries.ts";
import { publishFlowsRecorded } from "./flow-events.ts";
import { toFlow } from "./flows.queries.ts";
import type { Flow, RecordFlowInput } from "./flows.schema.ts";
import { canOverrideCommitment, canRecordFlow } from "./funding.policy.ts";
import { writeAllWithinCommitments } from "./ledger-invariant.ts";
import { assertOwnReasonAllowed } from "./override-reason.ts";
import { findLinkedRecords, settleFlowLinks } from "./resolve-flow-links.ts";
import { loadUsdConverter } from "./usd-converter.ts";

/**
 * recordFlow for many entries at once, all or nothing, with a fixed number of statements:
 * the records they point at, the rates of their value dates, the insert (FLOWS_PER_STATEMENT
 * rows per statement) and the over-commitment check are each one statement for all entries.
 *
 * The result is the ledger recordFlow would leave called once per entry in the given order
 * (their seq follows it), with the same rows, USD values, audit rows and refusals: the
 * permission per partner, each entry's links and rate are checked before anything is
 * written, the invariant after, each refusal naming its entry (`entries.3: …`). When several
 * entries are wrong, the one named may differ from the first recordFlow would have stopped at.
 */
export async function recordFlows(options: {
  db: Kysely<Database>;
  entries: readonly RecordFlowInput[];
  principal: Principal;
  /**
   * Who chose the records the entries point at, when not the principal: an initiative or
   * entry they may not read is refused as missing. The IATI ledger sync records under the
   * importer's name what the platform's activity links chose, so it passes the system.
   */
  linkedBy?: Principal;
  /**
   * Who vouches for the entries' over_commitment_reason, when not the principal: the IATI
   * sync passes the system, as its reason states the partner's own publication, not a claim
   * typed by the partner. A partner's own reason is refused (see assertOwnReasonAllowed).
   */
  overridesBy?: Principal;
}): Promise<Flow[]> {
  const { entries, principal } = options;
  if (!entries.length) return [];
  const partners = new Set<string>();
  for (const [index, input] of entries.entries()) {
    if (partners.has(input.partner_id)) continue;
    partners.add(input.partner_id);
    await forEntry(index, () => assertAllowed(canRecordFlow(principal, input.partner_id)));
  }
  const vouching = options.overridesBy ?? principal;
  for (const [index, input] of entries.entries())
    await forEntry(index, () => assertOwnReasonAllowed(input, vouching));
  return inTransaction(options.db, async (trx) => {
    const records = await findLinkedRecords(trx, entries, options.linkedBy ?? principal);
    const toUsd = await loadUsdConverter(
      trx,
      entries.flatMap((input) =>
        input.value ? [{ currency: input.value.currency, valueDate: input.value_date }] : [],
      ),
    );
    const rows: IdentifiedFlowValues[] = [];
    for (const [index, input] of entries.entries()) {
      rows.push(
        await forEntry(index, async () => {
          const links = settleFlowLinks(input, records);
          const value = input.value ?? null;
          const amountMinor = value ? toMinorUnits(value.amount, value.currency) : null;
          const usd =
            value && amountMinor !== null
              ? await toUsd(amountMinor, value.currency, input.value_date)
              : null;
          return { id: randomUUID(), ...recordedRow(input, links, amountMinor, usd, principal) };
        }),
      );
    }
    return writeEntryRows(trx, rows, canOverrideCommitment(vouching).allowed);
  });
}

/**
 * Writes checked entry rows in input order, keeping the ledger within commitments (the pairs
 * at risk are checked after the insert, in the same transaction), and returns them as flows.
 */
export async function writeEntryRows(
  trx: Kysely<Database>,
  rows: IdentifiedFlowValues[],
  /** Whether the rows' over_commitment_reason may excuse them (checked by the caller). */
  mayOverride: boolean,
): Promise<Flow[]> {
  await writeAllWithinCommitments(
    trx,
    rows.map((row) => ({
      id: row.id,
      pair: pairAtRisk(row),
      overrideReason: row.over_commitment_reason,
      mayOverride,
      usdMinor: row.reverses_id ? 0n : (row.usd_minor ?? 0n),
    })),
    () => insertFlowRows(trx, rows),
  );
  await publishFlowsRecorded(trx, rows);
  const written = new Map(
    (
      await findFlowRowsByIds(
        trx,
        rows.map((row) => row.id),
      )
    ).map((row) => [row.id, toFlow(row)]),
  );
  return rows.map((row) => written.get(row.id) as Flow);
}
