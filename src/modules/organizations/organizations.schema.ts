import { z } from "zod";
import {
  countryCodeSchema,
  csvListSchema,
  paginationQuerySchema,
  sortSchema,
  versionInputSchema,
} from "../../contracts/common.ts";
import { organizationKindSchema } from "../../contracts/enums.ts";

// The answers are shared with the web: src/contracts/organizations.ts.
export {
  type Organization,
  organizationListSchema,
  organizationSchema,
} from "../../contracts/organizations.ts";

const name = z.string().trim().min(1).max(300);

export const createOrganizationSchema = z
  .object({
    code: z
      .string()
      .regex(
        /^[A-Z0-9][A-Z0-9-]{0,31}$/,
        "must be 1–32 capital letters, digits or dashes, e.g. IDB",
      ),
    kind: organizationKindSchema,
    name: z.object({ es: name, en: name }),
    acronym: z.string().trim().min(1).max(40).nullable().optional(),
    country: countryCodeSchema.nullable().optional(),
    iati_org_id: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9][\w.:-]{2,99}$/,
        "must be an IATI organisation identifier such as XM-DAC-46012",
      )
      .nullable()
      .optional(),
    group_of_friends: z.boolean().optional(),
    website: z.url().max(500).nullable().optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.kind === "member_state" && !value.country) {
      ctx.addIssue({
        code: "custom",
        path: ["country"],
        message: "is required for a member state",
        params: { rule: "required" },
      });
    }
  });
export type CreateOrganizationInput = z.infer<typeof createOrganizationSchema>;

export const updateOrganizationSchema = z
  .object({
    version: versionInputSchema.optional(),
    name: z.object({ es: name, en: name }).partial().optional(),
    acronym: z.string().trim().min(1).max(40).nullable().optional(),
    iati_org_id: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][\w.:-]{2,99}$/, "must be an IATI organisation identifier")
      .nullable()
      .optional(),
    group_of_friends: z.boolean().optional(),
    website: z.url().max(500).nullable().optional(),
  })
  .strict();
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationSchema>;

export const organizationSortFields = ["code", "name_en", "name_es", "kind"] as const;

export const listOrganizationsQuerySchema = paginationQuerySchema.extend({
  kind: csvListSchema(organizationKindSchema).optional(),
  country: csvListSchema(countryCodeSchema).optional(),
  group_of_friends: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  q: z.string().trim().min(1).max(100).optional(),
  sort: sortSchema(organizationSortFields).prefault("code"),
});
export type ListOrganizationsQuery = z.infer<typeof listOrganizationsQuerySchema>;

export const organizationIdParams = z.object({ id: z.string().min(1).max(64) });
