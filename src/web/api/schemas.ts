import { z } from "zod";
import { errorResponseSchema, listOf } from "../../contracts/common.ts";
import {
  flowTypeSchema,
  initiativeStatusSchema,
  organizationKindSchema,
  rollupDimensionSchema,
  supportKindSchema,
} from "../../contracts/enums.ts";
import { roleSchema } from "../../contracts/roles.ts";

/**
 * Response shapes the web reads, built from the shared contracts (enums, list envelope,
 * error shape). Objects are not strict: a field the server adds later does not break the
 * portal. Amounts stay decimal strings end to end.
 */
export const moneySchema = z.object({ amount: z.string(), currency: z.string() });
export type Money = z.infer<typeof moneySchema>;

export const namesSchema = z.object({ es: z.string().nullable(), en: z.string().nullable() });
export type Names = z.infer<typeof namesSchema>;

const reference = z.object({ id: z.string(), code: z.string(), name: namesSchema });
export type Reference = z.infer<typeof reference>;

export const fundingMeasuresSchema = z.object({
  budget: z.string().nullable(),
  offered: z.string(),
  announced: z.string(),
  committed: z.string(),
  disbursed: z.string(),
  announced_not_committed: z.string(),
  coverage_pct: z.string().nullable(),
  gap: z.string().nullable(),
});
export type FundingMeasures = z.infer<typeof fundingMeasuresSchema>;

export const fundingRowSchema = fundingMeasuresSchema.extend({
  key: z.object({
    component: reference.nullable().optional(),
    country: z.string().nullable().optional(),
    partner: reference.nullable().optional(),
    year: z.number().nullable().optional(),
    initiative: z
      .object({ id: z.string(), code: z.string(), title: namesSchema })
      .nullable()
      .optional(),
  }),
});
export type FundingRow = z.infer<typeof fundingRowSchema>;

export const fundingSummarySchema = z.object({
  by: z.array(rollupDimensionSchema),
  currency: z.string(),
  rows: z.array(fundingRowSchema),
  total: fundingMeasuresSchema,
});
export type FundingSummary = z.infer<typeof fundingSummarySchema>;

const measurement = z.object({ value: z.string(), year: z.number() });

export const initiativeSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: namesSchema,
  summary: namesSchema,
  component: reference,
  line_of_action: reference.nullable(),
  lead_country: z.string(),
  countries: z.array(z.string()),
  executing_agency: reference.nullable(),
  sectors: z.array(z.object({ code: z.string(), percentage: z.string() })),
  budget: moneySchema,
  budget_value_date: z.string(),
  budget_usd: moneySchema,
  budget_fx: z.object({ rate: z.string(), date: z.string() }),
  start_date: z.string().nullable(),
  end_date: z.string().nullable(),
  targets: z.array(
    z.object({
      indicator: reference.extend({ unit: z.string() }),
      baseline: measurement.nullable(),
      target: measurement,
    }),
  ),
  status: initiativeStatusSchema,
  published_at: z.string().nullable().optional(),
  illustrative: z.boolean(),
  source: z.string().nullable(),
  version: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Initiative = z.infer<typeof initiativeSchema>;
export const initiativeListSchema = listOf(initiativeSchema);
export type InitiativeList = z.infer<typeof initiativeListSchema>;

export const transitionSchema = z.object({
  id: z.string(),
  from: initiativeStatusSchema.nullable(),
  to: initiativeStatusSchema,
  actor: z.string(),
  reason: z.string().nullable(),
  funding_override_reason: z.string().nullable(),
  at: z.string(),
});
export type Transition = z.infer<typeof transitionSchema>;
export const transitionHistorySchema = z.object({ data: z.array(transitionSchema) });
export const transitionResultSchema = z.object({
  initiative: initiativeSchema,
  transition: transitionSchema,
});

export const flowSchema = z.object({
  id: z.string(),
  seq: z.number(),
  flow_type: flowTypeSchema,
  support_kind: supportKindSchema,
  partner_id: z.string(),
  initiative_id: z.string().nullable(),
  component_id: z.string(),
  conference_id: z.string().nullable(),
  pledge_id: z.string().nullable(),
  commitment_id: z.string().nullable(),
  reverses_id: z.string().nullable(),
  reversed_by: z.string().nullable(),
  description: z.string().nullable(),
  value: moneySchema.nullable(),
  value_usd: moneySchema.nullable(),
  fx_rate: z.string().nullable(),
  fx_date: z.string().nullable(),
  value_date: z.string(),
  illustrative: z.boolean(),
  source: z.string().nullable(),
  note: z.string().nullable(),
  recorded_by: z.string(),
  recorded_at: z.string(),
});
export type Flow = z.infer<typeof flowSchema>;
export const flowListSchema = listOf(flowSchema);

export const organizationSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: organizationKindSchema,
  name: namesSchema,
  acronym: z.string().nullable(),
  country: z.string().nullable(),
  iati_org_id: z.string().nullable(),
  group_of_friends: z.boolean(),
  website: z.string().nullable(),
});
export type Organization = z.infer<typeof organizationSchema>;
export const organizationListSchema = listOf(organizationSchema);

export const componentSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: namesSchema,
  description: namesSchema.nullable(),
  lines_of_action: z.array(reference),
});
export type StrategyComponent = z.infer<typeof componentSchema>;
export const componentListSchema = listOf(componentSchema);

export const observationSchema = z.object({
  id: z.string(),
  indicator: z.object({ id: z.string(), code: z.string() }),
  country: z.string(),
  year: z.number(),
  value: z.string(),
  source: z.string().nullable(),
});
export type Observation = z.infer<typeof observationSchema>;
export const observationListSchema = listOf(observationSchema);

export const conferenceSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: namesSchema,
  city: z.string(),
  country: z.string(),
  start_date: z.string(),
  end_date: z.string(),
  source: z.string().nullable(),
});
export const conferenceListSchema = listOf(conferenceSchema);

export { errorResponseSchema };
export type ApiErrorBody = z.infer<typeof errorResponseSchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  active: z.boolean().optional(),
  totp_enabled: z.boolean().optional(),
  version: z.number().optional(),
  organization: z.object({
    id: z.string(),
    code: z.string(),
    kind: organizationKindSchema,
    country: z.string().nullable(),
    name: namesSchema,
  }),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;
export const sessionSchema = z.object({
  user: sessionUserSchema.nullable(),
  csrf_token: z.string().nullable(),
  needs_totp_setup: z.boolean().optional(),
});
export const userListSchema = listOf(sessionUserSchema);
export const createdUserSchema = z.object({
  user: sessionUserSchema,
  generated_password: z.string().nullable(),
});
export const passwordResetSchema = z.object({ email: z.string(), password: z.string() });
export const okSchema = z.object({ ok: z.boolean() });
export const totpSetupSchema = z.object({ secret: z.string(), otpauth_uri: z.string() });

export const auditEntrySchema = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity_type: z.string(),
  entity_id: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditListSchema = listOf(auditEntrySchema);
export type Session = z.infer<typeof sessionSchema>;
