import { z } from "zod";
import {
  csvListSchema,
  isoDateSchema,
  isoInstantSchema,
  listOf,
  paginationQuerySchema,
  timestampSchema,
  uuidSchema,
} from "../../contracts/common.ts";

/** insert/update/delete/truncate come from the triggers; anything else is an event. */
export const auditActionSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,47}$/, "must be an action name such as update or login_failed");

/** A row as it was before and after the change; secrets are left out by the trigger. */
const rowImageSchema = z.record(z.string(), z.unknown()).nullable();

export const auditEntrySchema = z
  .object({
    seq: z.number().int().meta({ description: "Position in the hash chain" }),
    id: uuidSchema,
    at: timestampSchema,
    actor: z.string(),
    actor_user_id: uuidSchema.nullable(),
    organization_id: uuidSchema.nullable(),
    action: z.string(),
    entity_type: z.string(),
    entity_id: z
      .string()
      .nullable()
      .meta({ description: "The row's id, or its key values joined by ':' (EUR:2011-06-22)" }),
    before: rowImageSchema,
    after: rowImageSchema.meta({ description: "The row after the change, or an event's details" }),
    request_id: z.string().nullable(),
    client_address: z.string().nullable(),
    prev_hash: z.string().nullable(),
    hash: z.string().meta({ description: "sha256(prev_hash || canonical JSON of the row)" }),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

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

export const auditListSchema = listOf(auditEntrySchema);
export type AuditList = z.infer<typeof auditListSchema>;
