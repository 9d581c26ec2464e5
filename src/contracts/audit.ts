import { z } from "zod/mini";
import { roles } from "./enum-values.ts";
import { names, pageSchema, timestamp, uuid } from "./shapes.ts";

/** A row as it was before and after the change; secrets are left out by the trigger. */
const rowImage = z.nullable(z.record(z.string(), z.unknown()));

/**
 * Who made a change, in words: a person (signed in, or an operator's command naming one) or
 * the platform itself; their organization and role. `person` goes to the secretariat and
 * administrators only; the public reads the organization and role.
 */
export const auditWhoSchema = z
  .object({
    kind: z.enum(["user", "system"]),
    organization: z.nullable(z.object({ id: uuid, code: z.string(), name: names })),
    role: z.nullable(z.enum(roles)).check(z.meta({ description: "The account's role" })),
    person: z.optional(
      z.object({
        name: z.nullable(z.string()),
        email: z.nullable(z.string()),
        actor: z.string().check(z.meta({ description: "As the trail recorded it" })),
      }),
    ),
  })
  .check(z.meta({ id: "AuditWho" }));
export type AuditWho = z.infer<typeof auditWhoSchema>;

/** One entry of the hash-chained audit trail, as staff read it. */
export const auditEntrySchema = z
  .object({
    seq: z.int().check(z.meta({ description: "Position in the hash chain" })),
    id: uuid,
    at: timestamp,
    actor: z.string(),
    actor_user_id: z.nullable(uuid),
    organization_id: z.nullable(uuid),
    who: auditWhoSchema,
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

/** The ids the entries' images point to (organizations, components…), named. */
const auditRefsSchema = z
  .record(z.string(), z.object({ code: z.string(), name: names }))
  .check(z.meta({ id: "AuditRefs", description: "Each id an image names, by id" }));

export const auditListSchema = z.object({
  data: z.array(auditEntrySchema),
  page: pageSchema,
  refs: auditRefsSchema,
});
export type AuditList = z.infer<typeof auditListSchema>;

/**
 * One change to one record, as its history shows it to any reader: no e-mail, address or
 * request of who made it unless the reader is staff (`who.person`), and of the row only the
 * columns the reader may see (contracts/audit-fields.ts).
 */
export const auditHistoryEntrySchema = z
  .object({
    seq: z.int(),
    id: uuid,
    at: timestamp,
    who: auditWhoSchema,
    action: z.string(),
    entity_type: z.string(),
    entity_id: z.nullable(z.string()),
    before: rowImage,
    after: rowImage,
    hash: z.string(),
  })
  .check(z.meta({ id: "AuditHistoryEntry" }));
export type AuditHistoryEntry = z.infer<typeof auditHistoryEntrySchema>;

export const auditHistorySchema = z.object({
  data: z.array(auditHistoryEntrySchema),
  page: pageSchema,
  refs: auditRefsSchema,
});
export type AuditHistory = z.infer<typeof auditHistorySchema>;

/** What `esca audit verify` finds, asked from the web: the rows checked and the head, or the first bad row. */
export const auditVerdictSchema = z
  .object({
    ok: z.boolean(),
    rows: z.int().check(z.meta({ description: "Rows found intact (before the first bad one)" })),
    head: z.nullable(
      z
        .object({ seq: z.int(), hash: z.string() })
        .check(
          z.meta({ description: "The last intact row: keep its hash elsewhere to detect a cut" }),
        ),
    ),
    first_bad: z.nullable(z.object({ seq: z.int(), id: uuid, reason: z.string() })),
    checked_at: timestamp,
  })
  .check(z.meta({ id: "AuditVerdict" }));
export type AuditVerdict = z.infer<typeof auditVerdictSchema>;
