import { z } from "zod/mini";
import { roles, supportRequestActions, supportRequestStatuses } from "./enum-values.ts";
import { isoDate, listOf, names, optionalNames, reference, timestamp, uuid } from "./shapes.ts";

/**
 * One step of a request's timeline. Who acted is said as the public may read it: the
 * organization and the role, never the person or an address.
 */
export const supportRequestStepSchema = z.object({
  action: z.enum(supportRequestActions),
  organization: z.nullable(reference),
  role: z.nullable(z.enum(roles)),
  note: z.nullable(z.string()),
  at: timestamp,
});
export type SupportRequestStep = z.infer<typeof supportRequestStepSchema>;

/** A member state's request for technical support to the General Secretariat or a body. */
export const supportRequestSchema = z
  .object({
    id: uuid,
    initiative: z.object({ id: uuid, code: z.string(), title: optionalNames }),
    country: z.string(),
    body: reference,
    what: z.string(),
    why: z.string(),
    needed_by: z.nullable(isoDate),
    resolution_symbol: z.string(),
    paragraph: z.int(),
    status: z.enum(supportRequestStatuses),
    flow_id: z.nullable(uuid),
    illustrative: z.boolean(),
    version: z.int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .check(z.meta({ id: "SupportRequest" }));
export type SupportRequest = z.infer<typeof supportRequestSchema>;

export const supportRequestDetailSchema = z
  .object({ ...supportRequestSchema.shape, timeline: z.array(supportRequestStepSchema) })
  .check(z.meta({ id: "SupportRequestDetail" }));
export type SupportRequestDetail = z.infer<typeof supportRequestDetailSchema>;

export const supportRequestListSchema = listOf(supportRequestSchema);

/** What a step may do; `progress` keeps the status and adds a note. */
export const supportRequestStepActions = [
  "acknowledge",
  "accept",
  "decline",
  "progress",
  "complete",
] as const;
export type SupportRequestStepAction = (typeof supportRequestStepActions)[number];

export { names };
