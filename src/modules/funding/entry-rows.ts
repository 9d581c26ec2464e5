import type { NewSupportFlow } from "../../platform/db/schema.ts";
import { actorLabel, actorUserId, type Principal } from "../accounts/index.ts";
import type { UsdConversion } from "../exchange-rates/index.ts";
import type { FlowRow, LedgerPair } from "./flows.queries.ts";
import { flowFields, type RecordFlowInput, type ReverseFlowInput } from "./flows.schema.ts";
import type { FlowLinks } from "./resolve-flow-links.ts";

/**
 * Every column a ledger entry is written with (the database fills id when not given, seq and
 * recorded_at): one builder per kind of entry, shared by the single and the bulk writers so
 * that both write the same row for the same input.
 */
export type FlowValues = Required<Omit<NewSupportFlow, "id" | "recorded_at">>;

/** An entry written in bulk: its id is drawn beforehand, so each refusal can name its entry. */
export type IdentifiedFlowValues = FlowValues & { id: string };

/** A new entry: the input as given, its settled links, and its USD value. */
export function recordedRow(
  input: RecordFlowInput,
  links: FlowLinks,
  amountMinor: bigint | null,
  usd: UsdConversion | null,
  principal: Principal,
): FlowValues {
  const value = input.value ?? null;
  return {
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
    reverses_id: null,
    conference_id: input.conference_id ?? null,
    conference_session_id: input.conference_session_id ?? null,
    over_commitment_reason: input.over_commitment_reason ?? null,
    finance_type: input.finance_type ?? null,
    illustrative: input.illustrative ?? false,
    illustrative_fields: JSON.stringify(
      flowFields.filter((field) => input.illustrative_fields?.includes(field)),
    ),
    source: input.source ?? null,
    note: input.note ?? null,
    recorded_by: actorLabel(principal),
    recorded_by_user_id: actorUserId(principal),
  };
}

/** The reversal of `original`: its amounts negated at its own rate (see reverseFlow). */
export function reversalRow(
  original: FlowRow,
  input: ReverseFlowInput,
  principal: Principal,
): FlowValues {
  return {
    flow_type: original.flow_type,
    support_kind: original.support_kind,
    partner_id: original.partner_id,
    initiative_id: original.initiative_id,
    component_id: original.component_id,
    description: original.description,
    amount_minor: original.amount_minor === null ? null : -original.amount_minor,
    currency: original.currency,
    value_date: input.value_date ?? original.value_date,
    usd_minor: original.usd_minor === null ? null : -original.usd_minor,
    fx_rate: original.fx_rate,
    fx_date: original.fx_date,
    pledge_id: original.pledge_id,
    commitment_id: original.commitment_id,
    reverses_id: original.id,
    conference_id: original.conference_id,
    conference_session_id: original.conference_session_id,
    over_commitment_reason: input.over_commitment_reason ?? null,
    finance_type: original.finance_type,
    illustrative: original.illustrative,
    illustrative_fields: JSON.stringify(original.illustrative_fields),
    source: original.source,
    note: input.reason,
    recorded_by: actorLabel(principal),
    recorded_by_user_id: actorUserId(principal),
  };
}

/**
 * The (initiative, partner) pair an entry can push over its commitments, or null. Adding a
 * disbursement raises disbursed; removing a commitment (its reversal) lowers committed.
 * Offers, pledges, commitments and disbursement reversals cannot break the invariant, nor
 * can unallocated support.
 */
export function pairAtRisk(row: FlowValues): LedgerPair | null {
  const atRisk = row.reverses_id
    ? row.flow_type === "commitment"
    : row.flow_type === "disbursement";
  return atRisk && row.initiative_id
    ? { initiativeId: row.initiative_id, partnerId: row.partner_id }
    : null;
}
