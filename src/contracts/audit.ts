import { z } from "zod/mini";
import { listOf, timestamp, uuid } from "./shapes.ts";

/** A row as it was before and after the change; secrets are left out by the trigger. */
const rowImage = z.nullable(z.record(z.string(), z.unknown()));

/** One entry of the hash-chained audit trail, as staff read it. */
export const auditEntrySchema = z
  .object({
    seq: z.int().check(z.meta({ description: "Position in the hash chain" })),
    id: uuid,
    at: timestamp,
    actor: z.string(),
    actor_user_id: z.nullable(uuid),
    organization_id: z.nullable(uuid),
    action: z.string(),
    entity_type: z.string(),
    entity_id: z
      .nullable(z.string())
      .check(
        z.meta({ description: "The row's id, or its key values joined by ':' (EUR:2011-06-22)" }),
      ),
    before: rowImage,
    after: rowImage.check(
      z.meta({ description: "The row after the change, or an event's details" }),
    ),
    request_id: z.nullable(z.string()),
    client_address: z.nullable(z.string()),
    prev_hash: z.nullable(z.string()),
    hash: z
      .string()
      .check(z.meta({ description: "sha256(prev_hash || canonical JSON of the row)" })),
  })
  .check(z.meta({ id: "AuditEntry" }));
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListSchema = listOf(auditEntrySchema);
export type AuditList = z.infer<typeof auditListSchema>;
