import type { Kysely, Selectable } from "kysely";
import { toMinorUnits } from "../../contracts/money.ts";
import type { Database, InitiativesTable } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { updateVersioned } from "../../platform/db/versioned-update.ts";
import { invalidField, notFound } from "../../platform/errors.ts";
import { assertAllowed, type Principal } from "../accounts/index.ts";
import { findComponentRow, findLineOfActionRow } from "../strategy/index.ts";
import { lockVisibleInitiative } from "./find-initiatives.ts";
import { fieldsJson } from "./illustrative-fields.ts";
import { valueBudget } from "./initiative-budget.ts";
import type { UpdateInitiativeInput } from "./initiative-input.schema.ts";
import {
  countryListOf,
  replaceCountries,
  replaceSectors,
  replaceTargets,
  sharesOf,
} from "./initiative-parts.queries.ts";
import { assertCurrentVersion } from "./initiative-version.ts";
import { canEditInitiative } from "./initiatives.policy.ts";
import type { Initiative } from "./initiatives.schema.ts";
import {
  resolveComponent,
  resolveExecutingAgency,
  resolveLineOfAction,
  resolveTargets,
  withLeadCountry,
} from "./resolve-initiative-refs.ts";
import { loadInitiative } from "./to-initiative.ts";

type InitiativeRow = Selectable<InitiativesTable>;

/**
 * Changes what was sent and keeps the rest; lists (countries, sectors, targets) are replaced
 * whole. Rules that span fields are checked on the record as it will be: a title in at least
 * one language, a line of action of the (new) component, an end not before the start.
 */
export async function updateInitiative(options: {
  db: Kysely<Database>;
  idOrCode: string;
  input: UpdateInitiativeInput;
  principal: Principal;
}): Promise<Initiative> {
  const { db, input } = options;
  return inTransaction(db, async (trx) => {
    const existing = await lockVisibleInitiative(trx, options.idOrCode, options.principal);
    assertAllowed(canEditInitiative(options.principal, existing, input.lead_country));
    assertCurrentVersion(existing.version, input.version);

    const title = {
      es: input.title?.es !== undefined ? input.title.es : existing.title_es,
      en: input.title?.en !== undefined ? input.title.en : existing.title_en,
    };
    if (!title.es && !title.en)
      throw invalidField("title", "needs a text in at least one language: Spanish or English", {
        code: "one_language",
      });
    checkDates(existing, input);

    const placement = await placeInStrategy(trx, existing, input);
    const executingAgencyId =
      input.executing_agency_id !== undefined
        ? await resolveExecutingAgency(trx, input.executing_agency_id)
        : existing.executing_agency_id;
    const revalue = input.budget !== undefined || input.budget_value_date !== undefined;
    const budget = revalue
      ? await valueBudget(
          trx,
          input.budget
            ? {
                amountMinor: toMinorUnits(input.budget.amount, input.budget.currency),
                currency: input.budget.currency,
              }
            : { amountMinor: existing.budget_amount_minor, currency: existing.budget_currency },
          input.budget_value_date ?? existing.budget_value_date,
        )
      : {};

    const countriesChange =
      input.countries !== undefined ||
      input.lead_country !== undefined ||
      input.country_shares !== undefined;
    if (countriesChange) {
      const lead = input.lead_country ?? existing.lead_country;
      const countries = input.countries ?? (await countryListOf(trx, existing.id));
      const shares = input.country_shares && sharesOf(input.country_shares);
      await replaceCountries(trx, existing.id, withLeadCountry(lead, countries), shares);
    }
    if (input.sectors !== undefined) await replaceSectors(trx, existing.id, input.sectors);
    if (input.targets !== undefined)
      await replaceTargets(trx, existing.id, await resolveTargets(trx, input.targets));

    await updateVersioned(trx, {
      table: "initiatives",
      id: existing.id,
      expectedVersion: input.version,
      changes: {
        title_es: title.es,
        title_en: title.en,
        ...(input.summary?.es !== undefined && { summary_es: input.summary.es }),
        ...(input.summary?.en !== undefined && { summary_en: input.summary.en }),
        ...placement,
        ...(input.lead_country !== undefined && { lead_country: input.lead_country }),
        executing_agency_id: executingAgencyId,
        ...budget,
        ...(input.start_date !== undefined && { start_date: input.start_date }),
        ...(input.end_date !== undefined && { end_date: input.end_date }),
        ...(input.illustrative !== undefined && { illustrative: input.illustrative }),
        ...(input.illustrative_fields !== undefined && {
          illustrative_fields: fieldsJson(input.illustrative_fields),
        }),
        ...(input.source !== undefined && { source: input.source }),
      },
    });
    return loadInitiative(trx, existing.id);
  });
}

/** One date may be sent alone: it must still fit the other, stored one. */
function checkDates(existing: InitiativeRow, input: UpdateInitiativeInput) {
  const start = input.start_date !== undefined ? input.start_date : existing.start_date;
  const end = input.end_date !== undefined ? input.end_date : existing.end_date;
  if (start && end && end < start) {
    const field = input.end_date !== undefined ? "end_date" : "start_date";
    throw invalidField(field, `the initiative would end (${end}) before it starts (${start})`, {
      code: "end_before_start",
    });
  }
}

/** The component and line as they will be: the line must belong to the component it ends under. */
async function placeInStrategy(
  db: Kysely<Database>,
  existing: InitiativeRow,
  input: UpdateInitiativeInput,
): Promise<{ component_id?: string; line_of_action_id?: string | null }> {
  if (input.component === undefined && input.line_of_action === undefined) return {};
  const component =
    input.component !== undefined
      ? await resolveComponent(db, input.component)
      : await findComponentRow(db, existing.component_id);
  if (!component) throw notFound("strategy component", existing.component_id);
  if (input.line_of_action !== undefined) {
    const lineId = await resolveLineOfAction(db, input.line_of_action, component);
    return { component_id: component.id, line_of_action_id: lineId };
  }
  if (existing.line_of_action_id) {
    const line = await findLineOfActionRow(db, existing.line_of_action_id);
    if (line && line.component_id !== component.id) {
      throw invalidField(
        "line_of_action",
        `the current line ${line.code} belongs to component ${line.component_code}; send a line of component ${component.code}, or null`,
        {
          code: "line_not_in_component",
          line: line.code,
          owner: line.component_code,
          component: component.code,
        },
      );
    }
  }
  return { component_id: component.id };
}
