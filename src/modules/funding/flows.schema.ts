import { z } from "zod";
import {
  csvListSchema,
  isoDateSchema,
  paginationQuerySchema,
  sortSchema,
  uuidSchema,
} from "../../contracts/common.ts";
import { flowFields } from "../../contracts/enum-values.ts";
import { financeTypeSchema, flowTypeSchema, supportKindSchema } from "../../contracts/enums.ts";
import { moneyInputSchema } from "../../contracts/money.ts";

// The answers are shared with the web: src/contracts/flows.ts.
export { type Flow, flowListSchema, flowSchema } from "../../contracts/flows.ts";

const text = (max: number) => z.string().trim().min(1).max(max);

/** The parts of an entry that can be marked illustrative on their own. */
export const flowFieldSchema = z.enum(flowFields);
export type FlowField = z.infer<typeof flowFieldSchema>;
export { flowFields };

/** Entries are amounts given or promised, so zero or negative is refused (reversals negate). */
const positiveMoneySchema = moneyInputSchema.refine((value) => /[1-9]/.test(value.amount), {
  path: ["amount"],
  message: "must be greater than zero",
  params: { rule: "positive_amount" },
});

export const recordFlowSchema = z
  .object({
    flow_type: flowTypeSchema,
    support_kind: supportKindSchema,
    partner_id: uuidSchema,
    initiative_id: uuidSchema.nullable().optional(),
    component_id: uuidSchema.nullable().optional(),
    value: positiveMoneySchema.nullable().optional(),
    description: text(5000).nullable().optional(),
    value_date: isoDateSchema,
    pledge_id: uuidSchema.nullable().optional(),
    commitment_id: uuidSchema.nullable().optional(),
    conference_id: uuidSchema
      .nullable()
      .optional()
      .meta({ description: "The conference a pledge was announced at (pledges only)" }),
    conference_session_id: uuidSchema
      .nullable()
      .optional()
      .meta({ description: "The session of conference_id it was announced at (pledges only)" }),
    source: text(500).nullable().optional(),
    note: text(2000).nullable().optional(),
    illustrative: z.boolean().optional(),
    illustrative_fields: z
      .array(flowFieldSchema)
      .max(flowFields.length)
      .optional()
      .meta({ description: "The parts made up in an otherwise sourced entry" }),
    over_commitment_reason: text(2000).nullable().optional(),
    finance_type: financeTypeSchema.nullable().optional().meta({
      description:
        "IATI FinanceType code, e.g. 110 standard grant, 421 standard loan; leave it out where the source does not say",
    }),
  })
  .strict()
  .superRefine((value, ctx) => {
    const issue = (path: string, rule: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message, params: { rule } });
    if (value.support_kind === "financial" && !value.value)
      issue("value", "required", "is required for financial support");
    if (value.support_kind === "technical" && !value.description)
      issue("description", "required", "is required for technical support (what is provided)");
    if (value.pledge_id && value.flow_type !== "commitment")
      issue("pledge_id", "pledge_only_commitment", "only a commitment can reference a pledge");
    if (value.commitment_id && value.flow_type !== "disbursement")
      issue(
        "commitment_id",
        "commitment_only_disbursement",
        "only a disbursement can reference a commitment",
      );
    // An announcement is made at a conference; commitments and disbursements follow from it.
    if (value.conference_id && value.flow_type !== "pledge")
      issue("conference_id", "pledge_only", "only a pledge is announced at a conference");
    if (value.conference_session_id && value.flow_type !== "pledge")
      issue("conference_session_id", "pledge_only", "only a pledge is announced at a session");
    else if (value.conference_session_id && !value.conference_id)
      issue("conference_id", "required", "is required with conference_session_id");
    if (value.over_commitment_reason && value.flow_type !== "disbursement")
      issue("over_commitment_reason", "only_disbursement", "only applies to a disbursement");
  });
export type RecordFlowInput = z.infer<typeof recordFlowSchema>;

export const reverseFlowSchema = z
  .object({
    reason: text(2000).meta({ description: "Why the entry is reversed; kept as the note" }),
    value_date: isoDateSchema
      .optional()
      .meta({ description: "Defaults to the reversed entry's value date, so it nets in its year" }),
    over_commitment_reason: text(2000)
      .optional()
      .meta({ description: "Needed when reversing a commitment leaves disbursed > committed" }),
  })
  .strict();
export type ReverseFlowInput = z.infer<typeof reverseFlowSchema>;

export const flowSortFields = ["value_date", "recorded_at", "value_usd", "flow_type"] as const;

export const listFlowsQuerySchema = paginationQuerySchema.extend({
  flow_type: csvListSchema(flowTypeSchema).optional(),
  support_kind: csvListSchema(supportKindSchema).optional(),
  partner_id: csvListSchema(uuidSchema).optional(),
  initiative_id: csvListSchema(uuidSchema).optional(),
  component_id: csvListSchema(uuidSchema).optional(),
  finance_type: csvListSchema(financeTypeSchema).optional(),
  conference_id: csvListSchema(uuidSchema).optional(),
  year: csvListSchema(z.coerce.number().int().min(1900).max(2200)).optional(),
  from: isoDateSchema.optional().meta({ description: "value_date on or after" }),
  to: isoDateSchema.optional().meta({ description: "value_date on or before" }),
  include_reversals: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .default(true)
    .meta({ description: "Reversal rows are listed by default so that sums net out" }),
  sort: sortSchema(flowSortFields).prefault("value_date"),
  linkable_to: z
    .union([uuidSchema, z.literal("none")])
    .optional()
    .meta({
      description:
        "Only the pledges and commitments a new entry for this initiative (none: for no initiative) may build on — standing (not reversed, not a reversal); commitments of that initiative, pledges of it or of no initiative — each with what is left on it (remaining, remaining_usd)",
    }),
});
export type ListFlowsQuery = z.infer<typeof listFlowsQuerySchema>;

export const flowIdParams = z.object({ id: uuidSchema });
