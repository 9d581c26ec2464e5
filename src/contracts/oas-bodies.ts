import { z } from "zod/mini";
import { oasBodyKinds } from "./enum-values.ts";
import { listOf, moneySchema, names, reference, timestamp, uuid } from "./shapes.ts";

/**
 * An OAS organ, agency or entity as the public directory shows it (AG/RES. 2626 ¶8): what it
 * does, what of the strategy it can support, whom to address (a role, never a person), and
 * what it has given: the roll-up's measures for it as a partner and the requests it completed.
 */
export const oasBodySchema = z
  .object({
    id: uuid,
    code: z.string(),
    name: names,
    acronym: z.nullable(z.string()),
    kind: z.literal("oas_body"),
    /** Organ, specialized organization, General Secretariat unit or entity (¶8). */
    body_kind: z.enum(oasBodyKinds),
    website: z.nullable(z.string()),
    parent: z.nullable(reference),
    mandate: names,
    contact_role: names,
    components: z.array(reference),
    lines_of_action: z.array(reference),
    source: z.nullable(z.string()),
    version: z.int(),
    updated_at: timestamp,
  })
  .check(z.meta({ id: "OasBody" }));
export type OasBody = z.infer<typeof oasBodySchema>;

/** What a body has given, in USD from the one roll-up, and the support requests it answered. */
export const oasBodySupportSchema = z.object({
  offered: moneySchema,
  announced: moneySchema,
  committed: moneySchema,
  disbursed: moneySchema,
  technical_flows: z.int(),
  requests_completed: z.int(),
  requests_open: z.int(),
});
export type OasBodySupport = z.infer<typeof oasBodySupportSchema>;

export const oasBodyEntrySchema = z
  .object({ ...oasBodySchema.shape, support: oasBodySupportSchema })
  .check(z.meta({ id: "OasBodyEntry" }));
export type OasBodyEntry = z.infer<typeof oasBodyEntrySchema>;

export const oasBodyListSchema = listOf(oasBodyEntrySchema);
