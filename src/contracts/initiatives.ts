import { z } from "zod/mini";
import {
  initiativeFields,
  initiativeStatuses,
  rateBases,
  rateBasisMeta,
  roles,
} from "./enum-values.ts";
import {
  isoDate,
  listOf,
  moneySchema,
  names,
  optionalNames,
  reference,
  timestamp,
  uuid,
} from "./shapes.ts";

const status = z.enum(initiativeStatuses);
const measurement = z.object({ value: z.string(), year: z.int() });

/** An initiative as the API shows it; a draft only to its country and the secretariat. */
export const initiativeSchema = z
  .object({
    id: uuid,
    code: z.string(),
    title: optionalNames,
    summary: optionalNames,
    component: reference,
    line_of_action: z.nullable(reference),
    lead_country: z.string(),
    countries: z
      .array(z.string())
      .check(z.meta({ description: "Participating countries, lead included" })),
    country_shares: z.array(z.object({ country: z.string(), percentage: z.string() })).check(
      z.meta({
        description:
          "Recorded shares of the budget by participating country (IATI recipient-country percentage); a country not listed is regional",
      }),
    ),
    executing_agency: z.nullable(reference),
    sectors: z.array(z.object({ code: z.string(), percentage: z.string() })),
    budget: moneySchema,
    budget_value_date: isoDate,
    budget_usd: moneySchema,
    budget_fx: z.object({
      rate: z.string().check(z.meta({ description: "USD per unit applied", example: "1.4385" })),
      date: isoDate.check(z.meta({ description: "The date of the rate applied" })),
      basis: z
        .nullable(z.enum(rateBases).check(z.meta(rateBasisMeta)))
        .check(z.meta({ description: "What the applied rate is; null for a budget in USD" })),
    }),
    start_date: z.nullable(isoDate),
    end_date: z.nullable(isoDate),
    targets: z.array(
      z.object({
        indicator: z.extend(reference, { unit: z.string() }),
        baseline: z.nullable(measurement),
        target: measurement,
      }),
    ),
    status,
    published_at: z.nullable(timestamp),
    illustrative: z
      .boolean()
      .check(
        z.meta({ description: "The record as a whole was made up (demo data), not published" }),
      ),
    illustrative_fields: z.array(z.enum(initiativeFields)).check(
      z.meta({
        description:
          "The fields made up in an otherwise sourced record, e.g. a published title with an illustrative budget",
      }),
    ),
    source: z.nullable(z.string()),
    version: z.int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .check(z.meta({ id: "Initiative" }));
export type Initiative = z.infer<typeof initiativeSchema>;

const usdFigure = z.string().check(z.meta({ example: "1500000.00" }));

/** An initiative's own row of the funding roll-up (summarizeFunding by initiative), in USD. */
export const initiativeFundingSchema = z
  .object({
    budget: z
      .nullable(usdFigure)
      .check(
        z.meta({ description: "Its USD budget; null when rejected or cancelled (out of play)" }),
      ),
    committed: usdFigure.check(z.meta({ description: "Committed to it, reversals deducted" })),
    disbursed: usdFigure.check(z.meta({ description: "Disbursed to it, reversals deducted" })),
    gap: z
      .nullable(usdFigure)
      .check(z.meta({ description: "max(budget − committed, 0); null without a budget" })),
  })
  .check(
    z.meta({
      id: "InitiativeFunding",
      description: "The initiative's figures from the one funding roll-up (docs/MEASURES.md)",
    }),
  );
export type InitiativeFunding = z.infer<typeof initiativeFundingSchema>;

/** An initiative in a list, with its funding figures beside it. */
// Built from the shape, not extended: an extension would carry the Initiative schema's id too.
export const initiativeListItemSchema = z
  .object({ ...initiativeSchema.def.shape, funding: initiativeFundingSchema })
  .check(z.meta({ id: "InitiativeListItem" }));
export type InitiativeListItem = z.infer<typeof initiativeListItemSchema>;

export const initiativeListSchema = listOf(initiativeListItemSchema);
export type InitiativeList = z.infer<typeof initiativeListSchema>;

/** One step of an initiative's lifecycle, and who took it. */
export const transitionSchema = z
  .object({
    id: uuid,
    from: z.nullable(status),
    to: status,
    actor: z.nullable(z.string()).check(
      z.meta({
        description:
          "Who moved it (a person's e-mail, or the platform's label). Only the secretariat and the initiative's own country see it; everyone else gets null and the organization and role.",
      }),
    ),
    actor_kind: z.enum(["user", "system"]),
    actor_organization: z.nullable(z.object({ code: z.string(), name: names })).check(
      z.meta({
        description: "The organization of the person who moved it; null for the platform",
      }),
    ),
    actor_role: z.nullable(z.enum(roles)),
    reason: z.nullable(z.string()),
    funding_override_reason: z.nullable(z.string()),
    at: timestamp.check(z.meta({ description: "When the step was entered" })),
    effective_on: isoDate.check(
      z.meta({
        description:
          "When the step took effect: the day it was entered, unless history was entered afterwards",
      }),
    ),
  })
  .check(z.meta({ id: "InitiativeTransition" }));
export type Transition = z.infer<typeof transitionSchema>;

export const transitionResultSchema = z.object({
  initiative: initiativeSchema,
  transition: transitionSchema,
});
export const transitionHistorySchema = z.object({ data: z.array(transitionSchema) });
