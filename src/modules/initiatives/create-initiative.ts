import type { Kysely } from "kysely";
import { toMinorUnits } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { actorLabel, actorUserId, assertAllowed, type Principal } from "../accounts/index.ts";
import { fieldsJson } from "./illustrative-fields.ts";
import { todayUtc, valueBudget } from "./initiative-budget.ts";
import type { CreateInitiativeInput } from "./initiative-input.schema.ts";
import {
  replaceCountries,
  replaceSectors,
  replaceTargets,
  sharesOf,
} from "./initiative-parts.queries.ts";
import { canCreateInitiative } from "./initiatives.policy.ts";
import { insertInitiativeRow } from "./initiatives.queries.ts";
import type { Initiative } from "./initiatives.schema.ts";
import {
  resolveComponent,
  resolveExecutingAgency,
  resolveLineOfAction,
  resolveTargets,
  withLeadCountry,
} from "./resolve-initiative-refs.ts";
import { loadInitiative } from "./to-initiative.ts";
import { insertTransition } from "./transitions.queries.ts";

/**
 * Records a new initiative as a draft, with the first entry of its history (none → draft).
 * Everything is written in one transaction: a refused initiative leaves nothing behind.
 */
export async function createInitiative(options: {
  db: Kysely<Database>;
  input: CreateInitiativeInput;
  principal: Principal;
  /** When the draft was begun, for history entered afterwards (the demo); default: today. */
  effectiveOn?: string;
}): Promise<Initiative> {
  const { db, input } = options;
  assertAllowed(canCreateInitiative(options.principal, input.lead_country));
  return inTransaction(db, async (trx) => {
    const component = await resolveComponent(trx, input.component);
    const lineOfActionId = await resolveLineOfAction(trx, input.line_of_action ?? null, component);
    const executingAgencyId = await resolveExecutingAgency(trx, input.executing_agency_id ?? null);
    const targets = await resolveTargets(trx, input.targets ?? []);
    const budget = await valueBudget(
      trx,
      {
        amountMinor: toMinorUnits(input.budget.amount, input.budget.currency),
        currency: input.budget.currency,
      },
      input.budget_value_date ?? input.start_date ?? todayUtc(),
    );
    const id = await insertInitiativeRow(trx, {
      code: input.code,
      title_es: input.title.es ?? null,
      title_en: input.title.en ?? null,
      summary_es: input.summary?.es ?? null,
      summary_en: input.summary?.en ?? null,
      component_id: component.id,
      line_of_action_id: lineOfActionId,
      lead_country: input.lead_country,
      executing_agency_id: executingAgencyId,
      ...budget,
      start_date: input.start_date ?? null,
      end_date: input.end_date ?? null,
      status: "draft",
      illustrative: input.illustrative ?? false,
      illustrative_fields: fieldsJson(input.illustrative_fields ?? []),
      source: input.source ?? null,
    });
    await replaceCountries(
      trx,
      id,
      withLeadCountry(input.lead_country, input.countries ?? []),
      sharesOf(input.country_shares ?? []),
    );
    await replaceSectors(trx, id, input.sectors ?? []);
    await replaceTargets(trx, id, targets);
    await insertTransition(trx, {
      initiative_id: id,
      from_status: null,
      to_status: "draft",
      actor: actorLabel(options.principal),
      actor_user_id: actorUserId(options.principal),
      effective_on: options.effectiveOn ?? null,
    });
    return loadInitiative(trx, id);
  });
}
