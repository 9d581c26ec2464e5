import { z } from "zod/mini";
import { organizationKinds } from "./enum-values.ts";
import { listOf, names, timestamp, uuid } from "./shapes.ts";

/** A member state, partner, OAS or SICA body, as everyone may read it. */
export const organizationSchema = z
  .object({
    id: uuid,
    code: z.string(),
    kind: z.enum(organizationKinds),
    name: names,
    acronym: z.nullable(z.string()),
    country: z.nullable(z.string()),
    iati_org_id: z.nullable(z.string()),
    group_of_friends: z.boolean(),
    website: z.nullable(z.string()),
    version: z.int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .check(z.meta({ id: "Organization" }));
export type Organization = z.infer<typeof organizationSchema>;

export const organizationListSchema = listOf(organizationSchema);
