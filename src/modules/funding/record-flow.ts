import type { Kysely } from "kysely";
import { toMinorUnits } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { notFound } from "../../platform/errors.ts";
import { actorLabel, actorUserId, assertAllowed, type Principal } from "../accounts/index.ts";
import { convertToUsd } from "../exchange-rates/index.ts";
import { findFlowRow, insertFlowRow, toFlow } from "./flows.queries.ts";
import type { Flow, RecordFlowInput } from "./flows.schema.ts";
import { canRecordFlow } from "./funding.policy.ts";
import { writeWithinCommitments } from "./ledger-invariant.ts";
import { resolveFlowLinks } from "./resolve-flow-links.ts";

/**
 * Appends one entry to the funding ledger. The amount is kept as given and converted to US
 * cents once, here, with the rate of its value date; that USD value and the rate used are
 * stored with the entry, so later rate edits never change history.
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
  return inTransaction(options.db, async (trx) => {
    const links = await resolveFlowLinks(trx, input);
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
          })
        : null;
    const pair =
      input.flow_type === "disbursement" && links.initiativeId
        ? { initiativeId: links.initiativeId, partnerId: input.partner_id }
        : null;
    const { id } = await writeWithinCommitments(trx, pair, input.over_commitment_reason, () =>
      insertFlowRow(trx, {
        flow_type: input.flow_type,
        support_kind: input.support_kind,
        partner_id: input.partner_id,
        initiative_id: links.initiativeId,
        component_id: links.componentId,
        description: input.description ?? null,
        amount_minor: amountMinor,
        currency: value?.currency ?? null,
        value_date: input.value_date,
        usd_minor: usd?.usdMinor ?? null,
        fx_rate: usd?.rate ?? null,
        fx_date: usd?.rateDate ?? null,
        pledge_id: input.pledge_id ?? null,
        commitment_id: input.commitment_id ?? null,
        conference_id: input.conference_id ?? null,
        over_commitment_reason: input.over_commitment_reason ?? null,
        illustrative: input.illustrative ?? false,
        source: input.source ?? null,
        note: input.note ?? null,
        recorded_by: actorLabel(principal),
        recorded_by_user_id: actorUserId(principal),
      }),
    );
    const row = await findFlowRow(trx, id);
    if (!row) throw notFound("flow", id);
    return toFlow(row);
  });
}
