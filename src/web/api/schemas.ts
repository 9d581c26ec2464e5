import { z } from "zod/mini";
import type { errorResponseSchema as contractErrorResponseSchema } from "../../contracts/common.ts";
import type {
  FlowType,
  InitiativeStatus,
  OrganizationKind,
  RollupDimension,
  SupportKind,
} from "../../contracts/enums.ts";
import type { Role } from "../../contracts/roles.ts";

/**
 * Response shapes the web reads. They use zod/mini, which keeps only what is used (the
 * portal's first load is on a 250 KB budget), so they cannot reuse the contracts' full-zod
 * schemas; the enum values and the error shape are repeated here and the type checks
 * below keep them equal to the contracts'. Objects are not strict: a field the server
 * adds later does not break the portal. Amounts stay decimal strings end to end.
 */
const rollupDimensionSchema = z.enum(["component", "country", "partner", "year", "initiative"]);
const initiativeStatusSchema = z.enum([
  "draft",
  "submitted",
  "endorsed",
  "seeking_funding",
  "in_execution",
  "completed",
  "rejected",
  "cancelled",
]);
const flowTypeSchema = z.enum(["offer", "pledge", "commitment", "disbursement"]);
const supportKindSchema = z.enum(["financial", "technical"]);
const organizationKindSchema = z.enum([
  "member_state",
  "partner_government",
  "international_org",
  "oas_body",
  "sica_body",
  "civil_society",
]);
const roleSchema = z.enum(["focal_point", "partner", "secretariat", "admin"]);

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    reason: z.optional(z.string()),
    values: z.optional(z.record(z.string(), z.unknown())),
    details: z.array(
      z.object({
        path: z.string(),
        message: z.string(),
        rule: z.optional(z.catchall(z.object({ code: z.string() }), z.unknown())),
      }),
    ),
    context: z.optional(z.record(z.string(), z.unknown())),
  }),
});

/** true when A and B are the same type. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails the type check when a copy above drifts from the contracts. */
type ContractCopiesMatch = [
  Same<z.infer<typeof rollupDimensionSchema>, RollupDimension>,
  Same<z.infer<typeof initiativeStatusSchema>, InitiativeStatus>,
  Same<z.infer<typeof flowTypeSchema>, FlowType>,
  Same<z.infer<typeof supportKindSchema>, SupportKind>,
  Same<z.infer<typeof organizationKindSchema>, OrganizationKind>,
  Same<z.infer<typeof roleSchema>, Role>,
  Same<z.infer<typeof errorResponseSchema>, z.infer<typeof contractErrorResponseSchema>>,
] extends true[]
  ? true
  : "an enum or the error shape above differs from src/contracts";
true satisfies ContractCopiesMatch;

const pageSchema = z.object({ total: z.int(), limit: z.int(), offset: z.int() });
const listOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({ data: z.array(item), page: pageSchema });

export const moneySchema = z.object({ amount: z.string(), currency: z.string() });
export type Money = z.infer<typeof moneySchema>;

export const namesSchema = z.object({ es: z.nullable(z.string()), en: z.nullable(z.string()) });
export type Names = z.infer<typeof namesSchema>;

const reference = z.object({ id: z.string(), code: z.string(), name: namesSchema });
export type Reference = z.infer<typeof reference>;

export const fundingMeasuresSchema = z.object({
  budget: z.nullable(z.string()),
  offered: z.string(),
  announced: z.string(),
  committed: z.string(),
  committed_not_allocated: z.string(),
  disbursed: z.string(),
  announced_not_committed: z.nullable(z.string()),
  coverage_pct: z.nullable(z.string()),
  gap: z.nullable(z.string()),
});
export type FundingMeasures = z.infer<typeof fundingMeasuresSchema>;

export const fundingRowSchema = z.extend(fundingMeasuresSchema, {
  key: z.object({
    component: z.optional(z.nullable(reference)),
    country: z.optional(z.nullable(z.string())),
    partner: z.optional(z.nullable(reference)),
    year: z.optional(z.nullable(z.number())),
    initiative: z.optional(
      z.nullable(z.object({ id: z.string(), code: z.string(), title: namesSchema })),
    ),
  }),
  /** Set on the remainder row: support given to no initiative (docs/MEASURES.md). */
  remainder: z.nullable(z.literal("not_allocated_to_initiative")),
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
  line_of_action: z.nullable(reference),
  lead_country: z.string(),
  countries: z.array(z.string()),
  executing_agency: z.nullable(reference),
  sectors: z.array(z.object({ code: z.string(), percentage: z.string() })),
  budget: moneySchema,
  budget_value_date: z.string(),
  budget_usd: moneySchema,
  budget_fx: z.object({
    rate: z.string(),
    date: z.string(),
    /** What the applied rate is; null for a budget in USD. */
    basis: z.optional(z.nullable(z.enum(["daily", "monthly_average", "annual_average", "peg"]))),
  }),
  start_date: z.nullable(z.string()),
  end_date: z.nullable(z.string()),
  targets: z.array(
    z.object({
      indicator: z.extend(reference, { unit: z.string() }),
      baseline: z.nullable(measurement),
      target: measurement,
    }),
  ),
  status: initiativeStatusSchema,
  published_at: z.optional(z.nullable(z.string())),
  illustrative: z.boolean(),
  source: z.nullable(z.string()),
  version: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Initiative = z.infer<typeof initiativeSchema>;
export const initiativeListSchema = listOf(initiativeSchema);
export type InitiativeList = z.infer<typeof initiativeListSchema>;

export const transitionSchema = z.object({
  id: z.string(),
  from: z.nullable(initiativeStatusSchema),
  to: initiativeStatusSchema,
  /** The person's e-mail: only for the secretariat and the initiative's own country. */
  actor: z.nullable(z.string()),
  actor_kind: z.enum(["user", "system"]),
  actor_organization: z.nullable(z.object({ code: z.string(), name: namesSchema })),
  actor_role: z.nullable(roleSchema),
  reason: z.nullable(z.string()),
  funding_override_reason: z.nullable(z.string()),
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
  initiative_id: z.nullable(z.string()),
  component_id: z.string(),
  conference_id: z.nullable(z.string()),
  pledge_id: z.nullable(z.string()),
  commitment_id: z.nullable(z.string()),
  reverses_id: z.nullable(z.string()),
  reversed_by: z.nullable(z.string()),
  description: z.nullable(z.string()),
  value: z.nullable(moneySchema),
  value_usd: z.nullable(moneySchema),
  fx_rate: z.nullable(z.string()),
  fx_date: z.nullable(z.string()),
  value_date: z.string(),
  illustrative: z.boolean(),
  source: z.nullable(z.string()),
  note: z.nullable(z.string()),
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
  acronym: z.nullable(z.string()),
  country: z.nullable(z.string()),
  iati_org_id: z.nullable(z.string()),
  group_of_friends: z.boolean(),
  website: z.nullable(z.string()),
});
export type Organization = z.infer<typeof organizationSchema>;
export const organizationListSchema = listOf(organizationSchema);

export const componentSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: namesSchema,
  description: z.nullable(namesSchema),
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
  source: z.nullable(z.string()),
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
  source: z.nullable(z.string()),
});
export const conferenceListSchema = listOf(conferenceSchema);

export type ApiErrorBody = z.infer<typeof errorResponseSchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  active: z.optional(z.boolean()),
  totp_enabled: z.optional(z.boolean()),
  version: z.optional(z.number()),
  organization: z.object({
    id: z.string(),
    code: z.string(),
    kind: organizationKindSchema,
    country: z.nullable(z.string()),
    name: namesSchema,
  }),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;
export const sessionSchema = z.object({
  user: z.nullable(sessionUserSchema),
  csrf_token: z.nullable(z.string()),
  needs_totp_setup: z.optional(z.boolean()),
});
export const userListSchema = listOf(sessionUserSchema);
export const createdUserSchema = z.object({
  user: sessionUserSchema,
  generated_password: z.nullable(z.string()),
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
  entity_id: z.nullable(z.string()),
  before: z.nullable(z.record(z.string(), z.unknown())),
  after: z.nullable(z.record(z.string(), z.unknown())),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditListSchema = listOf(auditEntrySchema);
export type Session = z.infer<typeof sessionSchema>;
