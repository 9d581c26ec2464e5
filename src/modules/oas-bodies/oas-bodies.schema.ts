import { z } from "zod";
import { versionInputSchema } from "../../contracts/common.ts";
import { oasBodyKinds } from "../../contracts/enum-values.ts";

// The answers are shared with the web: src/contracts/oas-bodies.ts.
export {
  type OasBody,
  type OasBodyEntry,
  type OasBodySupport,
  oasBodyEntrySchema,
  oasBodyListSchema,
} from "../../contracts/oas-bodies.ts";

const mandate = z.string().trim().min(1).max(2000);
const contactRole = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((value) => !value.includes("@"), {
    message: "must name a role, not an e-mail address",
    params: { rule: "not_an_email" },
  });
const code = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/, "must be 1–32 capital letters, digits or dashes, e.g. CICAD");
const codes = z.array(z.string().trim().min(1).max(32)).max(50);

const name = z.string().trim().min(1).max(300);

const profile = {
  parent: code.nullable().optional(),
  body_kind: z.enum(oasBodyKinds),
  mandate: z.object({ es: mandate, en: mandate }).strict(),
  contact_role: z.object({ es: contactRole, en: contactRole }).strict(),
  components: codes.optional(),
  lines_of_action: codes.optional(),
  source: z.string().trim().min(1).max(1000).nullable().optional(),
};

/** A new body: its organization (kind oas_body) and what it does, in one step. */
export const createOasBodySchema = z
  .object({
    code,
    name: z.object({ es: name, en: name }).strict(),
    acronym: z.string().trim().min(1).max(40).nullable().optional(),
    website: z.url().max(500).nullable().optional(),
    ...profile,
  })
  .strict();
export type CreateOasBodyInput = z.infer<typeof createOasBodySchema>;

/** A body's directory entry and its organization's names (the code stays as it is). */
export const updateOasBodySchema = z
  .object({
    version: versionInputSchema.optional(),
    name: z.object({ es: name, en: name }).partial().strict().optional(),
    acronym: z.string().trim().min(1).max(40).nullable().optional(),
    website: z.url().max(500).nullable().optional(),
    body_kind: profile.body_kind.optional(),
    parent: profile.parent,
    mandate: z.object({ es: mandate, en: mandate }).partial().strict().optional(),
    contact_role: z.object({ es: contactRole, en: contactRole }).partial().strict().optional(),
    components: profile.components,
    lines_of_action: profile.lines_of_action,
    source: profile.source,
  })
  .strict();
export type UpdateOasBodyInput = z.infer<typeof updateOasBodySchema>;

/** A profile for an organization that already exists (the demo's bodies). */
export interface OasBodyProfileInput {
  parent?: string | null | undefined;
  body_kind: (typeof oasBodyKinds)[number];
  mandate: { es: string; en: string };
  contact_role: { es: string; en: string };
  components?: string[] | undefined;
  lines_of_action?: string[] | undefined;
  source?: string | null | undefined;
}

export const oasBodyIdParams = z.object({ id: z.string().min(1).max(64) });
