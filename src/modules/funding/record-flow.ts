import type { Kysely } from "kysely";
import { toMinorUnits } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { assertAllowed, type Principal } from "../accounts/index.ts";
import { convertToUsd } from "../exchange-rates/index.ts";
import { recordedRow } from "./entry-rows.ts";
import type { Flow, RecordFlowInput } from "./flows.schema.ts";
import { canOverrideCommitment, canRecordFlow } from "./funding.policy.ts";
import { assertOwnReasonAllowed } from "./override-reason.ts";
import { resolveFlowLinks } from "./resolve-flow-links.ts";
import { writeEntry } from "./write-entry.ts";

/**
 * Appends one entry to the funding ledger. The amount is kept as given and converted to US
 * cents once, here, with the rate of its value date; that USD value and the rate used are
 * stored with the entry, so later rate edits never change history.
 *
 * A partner's disbursement may not go beyond its commitments (net of reversals): the refusal
 * says what is left and where to ask the secretariat for an override. Only the secretariat
 * (or the platform) gives an over_commitment_reason itself.
 *
 * Worked example: 1,234.56 EUR valued 2011-06-22, rate 1.4385 USD/EUR on that date →
 * amount_minor 123456, currency EUR, usd_minor 177591 (1,775.91 USD), fx_rate 1.4385.
 */
export async function recordFlow(options: {
  db: Kysely<Database>;
  input: RecordFlowInput;
  principal: Principal;
}): Promise<Flow> {
  const { input, principal } = options;
  assertAllowed(canRecordFlow(principal, input.partner_id));
  assertOwnReasonAllowed(input, principal);
  return inTransaction(options.db, async (trx) => {
    const links = await resolveFlowLinks(trx, input, principal);
    const value = input.value ?? null;
    const amountMinor = value ? toMinorUnits(value.amount, value.currency) : null;
    const usd =
      value && amountMinor !== null
        ? await convertToUsd({
            db: trx,
            amountMinor,
            currency: value.currency,
            valueDate: input.value_date,
            path: "value.amount",
            ratePath: "value.currency",
          })
        : null;
    const values = recordedRow(input, links, amountMinor, usd, principal);
    return writeEntry(trx, values, {
      overrideReason: values.over_commitment_reason,
      mayOverride: canOverrideCommitment(principal).allowed,
      usdMinor: values.usd_minor ?? 0n,
    });
  });
}
