import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { invalidField } from "../../platform/errors.ts";
import { findIndicatorRow } from "../indicators/index.ts";
import { findOrganizationRow } from "../organizations/index.ts";
import { type ComponentRow, findComponentRow, findLineOfActionRow } from "../strategy/index.ts";
import type { TargetInput } from "./initiative-input.schema.ts";
import type { TargetRow } from "./initiative-parts.queries.ts";

/**
 * Turns the ids or codes an initiative refers to into rows, refusing what does not exist
 * with an error that names the field it came from.
 */
export async function resolveComponent(db: Kysely<Database>, ref: string): Promise<ComponentRow> {
  const component = await findComponentRow(db, ref);
  if (!component)
    throw invalidField("component", `no strategy component "${ref}"`, {
      code: "unknown_component",
      value: ref,
    });
  return component;
}

/** A line of action is part of one component: BA belongs to B and nowhere else. */
export async function resolveLineOfAction(
  db: Kysely<Database>,
  ref: string | null,
  component: ComponentRow,
): Promise<string | null> {
  if (ref === null) return null;
  const line = await findLineOfActionRow(db, ref);
  if (!line)
    throw invalidField("line_of_action", `no line of action "${ref}"`, {
      code: "unknown_line_of_action",
      value: ref,
    });
  if (line.component_id !== component.id) {
    throw invalidField(
      "line_of_action",
      `line ${line.code} belongs to component ${line.component_code}, not ${component.code}`,
      {
        code: "line_not_in_component",
        line: line.code,
        owner: line.component_code,
        component: component.code,
      },
    );
  }
  return line.id;
}

export async function resolveExecutingAgency(
  db: Kysely<Database>,
  id: string | null,
): Promise<string | null> {
  if (id === null) return null;
  const agency = await findOrganizationRow(db, id);
  if (!agency)
    throw invalidField("executing_agency_id", `no organization with id "${id}"`, {
      code: "unknown_organization",
      value: id,
    });
  return agency.id;
}

export async function resolveTargets(
  db: Kysely<Database>,
  targets: TargetInput[],
): Promise<TargetRow[]> {
  const rows: TargetRow[] = [];
  for (const [index, target] of targets.entries()) {
    const path = `targets.${index}.indicator`;
    const indicator = await findIndicatorRow(db, target.indicator);
    if (!indicator)
      throw invalidField(path, `no indicator "${target.indicator}"`, {
        code: "unknown_indicator",
        value: target.indicator,
      });
    if (rows.some((row) => row.indicator_id === indicator.id)) {
      throw invalidField(path, `indicator ${indicator.code} has a target already`, {
        code: "target_repeated",
        indicator: indicator.code,
      });
    }
    rows.push({
      indicator_id: indicator.id,
      baseline_value: target.baseline?.value ?? null,
      baseline_year: target.baseline?.year ?? null,
      target_value: target.target.value,
      target_year: target.target.year,
    });
  }
  return rows;
}

/** The lead country always takes part: ["HN"] led by GT → ["GT", "HN"]. */
export function withLeadCountry(lead: string, countries: readonly string[]): string[] {
  return [...new Set([lead, ...countries])].sort();
}
