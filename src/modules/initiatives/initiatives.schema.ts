import { z } from "zod";
import {
  csvListSchema,
  isoDateSchema,
  listOf,
  paginationQuerySchema,
  sortSchema,
  timestampSchema,
  uuidSchema,
} from "../../contracts/common.ts";
import { initiativeStatusSchema, memberStateSchema } from "../../contracts/enums.ts";
import { moneySchema } from "../../contracts/money.ts";
import { roleSchema } from "../../contracts/roles.ts";
import { rateBasisSchema } from "../exchange-rates/index.ts";

const names = z.object({ es: z.string(), en: z.string() });

/** The fields of an initiative that can be marked illustrative on their own. */
export const initiativeFields = [
  "code",
  "title",
  "summary",
  "line_of_action",
  "lead_country",
  "countries",
  "executing_agency",
  "sectors",
  "budget",
  "start_date",
  "end_date",
  "status",
  "targets",
] as const;
export const initiativeFieldSchema = z.enum(initiativeFields);
export type InitiativeField = z.infer<typeof initiativeFieldSchema>;
const optionalNames = z.object({ es: z.string().nullable(), en: z.string().nullable() });
const reference = z.object({ id: uuidSchema, code: z.string(), name: names });
const measurement = z.object({ value: z.string(), year: z.number().int() });

export const initiativeSchema = z
  .object({
    id: uuidSchema,
    code: z.string(),
    title: optionalNames,
    summary: optionalNames,
    component: reference,
    line_of_action: reference.nullable(),
    lead_country: z.string(),
    countries: z.array(z.string()).meta({ description: "Participating countries, lead included" }),
    executing_agency: reference.nullable(),
    sectors: z.array(z.object({ code: z.string(), percentage: z.string() })),
    budget: moneySchema,
    budget_value_date: isoDateSchema,
    budget_usd: moneySchema,
    budget_fx: z.object({
      rate: z.string().meta({ description: "USD per unit applied", example: "1.4385" }),
      date: isoDateSchema.meta({ description: "The date of the rate applied" }),
      basis: rateBasisSchema
        .nullable()
        .meta({ description: "What the applied rate is; null for a budget in USD" }),
    }),
    start_date: isoDateSchema.nullable(),
    end_date: isoDateSchema.nullable(),
    targets: z.array(
      z.object({
        indicator: reference.extend({ unit: z.string() }),
        baseline: measurement.nullable(),
        target: measurement,
      }),
    ),
    status: initiativeStatusSchema,
    published_at: timestampSchema.nullable(),
    illustrative: z
      .boolean()
      .meta({ description: "The record as a whole was made up (demo data), not published" }),
    illustrative_fields: z.array(initiativeFieldSchema).meta({
      description:
        "The fields made up in an otherwise sourced record, e.g. a published title with an illustrative budget",
    }),
    source: z.string().nullable(),
    version: z.number().int(),
    created_at: timestampSchema,
    updated_at: timestampSchema,
  })
  .meta({ id: "Initiative" });
export type Initiative = z.infer<typeof initiativeSchema>;

export const transitionSchema = z
  .object({
    id: uuidSchema,
    from: initiativeStatusSchema.nullable(),
    to: initiativeStatusSchema,
    actor: z.string().nullable().meta({
      description:
        "Who moved it (a person's e-mail, or the platform's label). Only the secretariat and the initiative's own country see it; everyone else gets null and the organization and role.",
    }),
    actor_kind: z.enum(["user", "system"]),
    actor_organization: z
      .object({ code: z.string(), name: names })
      .nullable()
      .meta({ description: "The organization of the person who moved it; null for the platform" }),
    actor_role: roleSchema.nullable(),
    reason: z.string().nullable(),
    funding_override_reason: z.string().nullable(),
    at: timestampSchema.meta({ description: "When the step was entered" }),
    effective_on: isoDateSchema.meta({
      description:
        "When the step took effect: the day it was entered, unless history was entered afterwards",
    }),
  })
  .meta({ id: "InitiativeTransition" });
export type Transition = z.infer<typeof transitionSchema>;

export const transitionResultSchema = z.object({
  initiative: initiativeSchema,
  transition: transitionSchema,
});
export const transitionHistorySchema = z.object({ data: z.array(transitionSchema) });

export const initiativeSortFields = [
  "code",
  "title_en",
  "title_es",
  "budget_usd",
  "start_date",
  "status",
  "updated_at",
] as const;

export const listInitiativesQuerySchema = paginationQuerySchema.extend({
  component: csvListSchema(z.string().trim().min(1).max(64))
    .optional()
    .meta({ description: "Component ids or codes, e.g. A,B" }),
  country: csvListSchema(memberStateSchema)
    .optional()
    .meta({ description: "Lead or participating member states, e.g. GT,HN" }),
  status: csvListSchema(initiativeStatusSchema).optional(),
  partner: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .meta({ description: "Initiatives with a support flow from this partner (id or code)" }),
  illustrative: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  q: z.string().trim().min(1).max(100).optional(),
  sort: sortSchema(initiativeSortFields).prefault("code"),
});
export type ListInitiativesQuery = z.infer<typeof listInitiativesQuerySchema>;

export const initiativeListSchema = listOf(initiativeSchema);
export const initiativeIdParams = z.object({ id: z.string().min(1).max(64) });
