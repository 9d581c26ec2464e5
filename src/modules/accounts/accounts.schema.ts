import { z } from "zod";
import { paginationQuerySchema, uuidSchema, versionInputSchema } from "../../contracts/common.ts";
import { languages } from "../../contracts/enum-values.ts";
import { roleSchema } from "../../contracts/roles.ts";
import { tokenScopes } from "../../platform/principal.ts";

// The answers are shared with the web: src/contracts/accounts.ts.
export {
  apiTokenSchema,
  createdTokenSchema,
  createdUserSchema,
  passwordResetSchema,
  recoveryCodeStatusSchema,
  recoveryCodesSchema,
  sessionSchema,
  tokenListSchema,
  totpSetupSchema,
  type User,
  userListSchema,
  userSchema,
} from "../../contracts/accounts.ts";

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "must be an email address");
/** The language of a user's e-mail. */
export const languageInputSchema = z.object({ language: z.enum(languages) }).strict();

const password = z.string().min(1, "is required").max(1024);

export const loginSchema = z
  .object({
    email,
    password,
    totp: z
      .string()
      .regex(/^\d{6}$/, "must be the 6-digit code of your authenticator app")
      .optional(),
    recovery_code: z
      .string()
      .trim()
      .min(1, "is required")
      .max(64)
      .optional()
      .meta({ description: "One of the account's recovery codes, in place of `totp`" }),
  })
  .strict();
export const createUserSchema = z
  .object({
    email,
    name: z.string().trim().min(1).max(200),
    organization: z.string().min(1).max(64).meta({ description: "Organization id or code" }),
    role: roleSchema,
    password: password
      .optional()
      .meta({ description: "Initial password; when omitted one is generated and returned once" }),
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    version: versionInputSchema.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    role: roleSchema.optional(),
    organization: z.string().min(1).max(64).optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const changePasswordSchema = z
  .object({ current_password: password, new_password: password })
  .strict();
export const totpCodeSchema = z
  .object({ code: z.string().regex(/^\d{6}$/, "must be a 6-digit code") })
  .strict();
export const totpDisableSchema = z
  .object({ code: z.string().regex(/^\d{6}$/, "must be a 6-digit code"), password })
  .strict();
export const regenerateRecoveryCodesSchema = z.object({ password }).strict();

export const listUsersQuerySchema = paginationQuerySchema.extend({
  role: roleSchema.optional(),
  organization: z.string().max(64).optional(),
  active: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  q: z.string().trim().min(1).max(100).optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;
export const userIdParams = z.object({ id: z.string().min(1).max(254) });

export const createTokenSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(tokenScopes)).min(1).max(tokenScopes.length),
    expires_in_days: z.number().int().min(1).max(365).default(90),
  })
  .strict();
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const tokenIdParams = z.object({ id: uuidSchema });
