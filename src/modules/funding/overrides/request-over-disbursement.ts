import type { Kysely } from "kysely";
import { formatMinorUnits, toMinorUnits } from "../../../contracts/money.ts";
import type { Database } from "../../../platform/db/schema.ts";
import { inTransaction } from "../../../platform/db/transaction.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import { actorLabel, actorUserId, assertAllowed, type Principal } from "../../accounts/index.ts";
import { convertToUsd } from "../../exchange-rates/index.ts";
import { sumInitiativePartner } from "../flows.queries.ts";
import { canRequestOverride } from "../funding.policy.ts";
import { usdText } from "../ledger-invariant.ts";
import { resolveFlowLinks } from "../resolve-flow-links.ts";
import { disbursementOf } from "./disbursement-of.ts";
import { findRequestRow, insertRequest, toRequest } from "./override-requests.queries.ts";
import type {
  OverDisbursementRequest,
  RequestOverDisbursementInput,
} from "./override-requests.schema.ts";

/**
 * A partner asks the secretariat to let one disbursement go beyond its commitments. The
 * disbursement is checked as recordFlow would check it (the initiative it may read, the
 * commitment of the same pair, a rate on its value date); one that fits within what is left
 * is refused, as the partner records it directly. Nothing reaches the ledger until approved.
 *
 * Worked example: 1,000.00 USD committed, 900.00 disbursed, a request for 150.00 → 100.00 is
 * left, 150.00 > 100.00, so the request is kept, status "requested".
 */
export async function requestOverDisbursement(options: {
  db: Kysely<Database>;
  input: RequestOverDisbursementInput;
  principal: Principal;
}): Promise<OverDisbursementRequest> {
  const { input, principal } = options;
  assertAllowed(canRequestOverride(principal, input.partner_id));
  return inTransaction(options.db, async (trx) => {
    const amountMinor = toMinorUnits(input.value.amount, input.value.currency);
    const flow = disbursementOf({
      ...input,
      amount_minor: amountMinor,
      currency: input.value.currency,
      commitment_id: input.commitment_id ?? null,
    });
    await resolveFlowLinks(trx, flow, principal);
    const usd = await convertToUsd({
      db: trx,
      amountMinor,
      currency: input.value.currency,
      valueDate: input.value_date,
      path: "value.amount",
    });
    const pair = { initiativeId: input.initiative_id, partnerId: input.partner_id };
    const { committed, disbursed } = await sumInitiativePartner(trx, pair);
    const left = committed > disbursed ? committed - disbursed : 0n;
    if (usd.usdMinor <= left) throw withinCommitment(left);
    const id = await insertRequest(trx, {
      partner_id: input.partner_id,
      initiative_id: input.initiative_id,
      commitment_id: input.commitment_id ?? null,
      amount_minor: amountMinor,
      currency: input.value.currency,
      value_date: input.value_date,
      reason: input.reason,
      requested_by: actorLabel(principal),
      requested_by_user_id: actorUserId(principal),
    });
    const row = await findRequestRow(trx, id);
    if (!row) throw notFound("over-disbursement request", id);
    return toRequest(row);
  });
}

function withinCommitment(left: bigint): AppError {
  const values = { left_usd: formatMinorUnits(left, "USD"), currency: "USD" };
  return new AppError(
    "unprocessable",
    `value.amount: this disbursement fits within the ${usdText(left)} left on the commitment; record it directly.`,
    {
      details: [
        {
          path: "value.amount",
          message: `fits within the ${usdText(left)} left; record it directly`,
          rule: { code: "within_commitment", ...values },
        },
      ],
      reason: "within_commitment",
      values,
    },
  );
}
