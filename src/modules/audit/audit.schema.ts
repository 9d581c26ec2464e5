import { z } from "zod";
import {
  csvListSchema,
  isoDateSchema,
  isoInstantSchema,
  paginationQuerySchema,
  uuidSchema,
} from "../../contracts/common.ts";

// The answers are shared with the web: src/contracts/audit.ts.
export {
  type AuditEntry,
  type AuditHistory,
  type AuditHistoryEntry,
  type AuditList,
  type AuditVerdict,
  type AuditWho,
  auditEntrySchema,
  auditHistorySchema,
  auditListSchema,
  auditVerdictSchema,
} from "../../contracts/audit.ts";

/** insert/update/delete/truncate come from the triggers; anything else is an event. */
export const auditActionSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,47}$/, "must be an action name such as update or login_failed");

/** A calendar date means midnight UTC at its start. */
const instantSchema = z
  .union([isoInstantSchema, isoDateSchema])
  .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value));

export const listAuditQuerySchema = paginationQuerySchema.extend({
  entity_type: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,62}$/, "must be a table name such as initiatives")
    .optional(),
  entity_id: z.string().min(1).max(200).optional(),
  actor: z.string().min(1).max(254).optional(),
  organization_id: uuidSchema.optional().meta({ description: "The acting user's organization" }),
  actor_user_id: uuidSchema.optional().meta({ description: "The acting user" }),
  action: csvListSchema(auditActionSchema).optional(),
  from: instantSchema.optional().meta({ description: "From this instant (inclusive)" }),
  to: instantSchema.optional().meta({ description: "Before this instant (exclusive)" }),
});
export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;

export const auditHistoryParams = z.object({
  entity_type: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, "must be a table name"),
  entity_id: z.string().min(1).max(200),
});

export const auditHistoryQuerySchema = paginationQuerySchema;
export type AuditHistoryQuery = z.infer<typeof auditHistoryQuerySchema>;
