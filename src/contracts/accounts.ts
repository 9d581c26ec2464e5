import { z } from "zod/mini";
import { languages, roles } from "./enum-values.ts";
import { listOf, names, timestamp, uuid } from "./shapes.ts";

/** Accounts' answers (sign-in, users, API tokens), read by the web as the server sends them. */

export const userSchema = z
  .object({
    id: uuid,
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    active: z.boolean(),
    totp_enabled: z.boolean(),
    language: z.enum(languages).check(z.meta({ description: "The language of the user's e-mail" })),
    organization: z.object({
      id: z.string(),
      code: z.string(),
      kind: z.string(),
      country: z.nullable(z.string()),
      name: names,
    }),
    version: z.int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .check(z.meta({ id: "User" }));
export type User = z.infer<typeof userSchema>;

/** Who is signed in: `user` null for the public; the CSRF token every write sends. */
export const sessionSchema = z.object({
  user: z.nullable(userSchema),
  csrf_token: z.nullable(z.string()),
  needs_totp_setup: z.boolean(),
});
export type Session = z.infer<typeof sessionSchema>;

export const userListSchema = listOf(userSchema);

/** A new user, with the password generated when none was given (shown this once). */
export const createdUserSchema = z.object({
  user: userSchema,
  generated_password: z
    .nullable(z.string())
    .check(z.meta({ description: "Shown once when no password was given" })),
});

/** A password set by the secretariat, shown this once. */
export const passwordResetSchema = z.object({ email: z.string(), password: z.string() });

export const totpSetupSchema = z.object({ secret: z.string(), otpauth_uri: z.string() });

/** A new set of recovery codes, in clear this once: only their hashes are kept. */
export const recoveryCodesSchema = z
  .object({
    recovery_codes: z
      .array(z.string())
      .check(z.meta({ description: "Shown once; each signs in once in place of a TOTP code" })),
  })
  .check(z.meta({ id: "RecoveryCodes" }));

/** How many of the signed-in user's recovery codes are left. */
export const recoveryCodeStatusSchema = z
  .object({
    totp_enabled: z.boolean(),
    total: z.int(),
    remaining: z.int(),
    generated_at: z.nullable(timestamp),
  })
  .check(z.meta({ id: "RecoveryCodeStatus" }));

const apiToken = z.object({
  id: uuid,
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  created_at: timestamp,
  expires_at: timestamp,
  last_used_at: z.nullable(timestamp),
  revoked_at: z.nullable(timestamp),
});
// The meta is a check in zod/mini, which z.extend keeps: the created token extends the bare shape.
export const apiTokenSchema = apiToken.check(z.meta({ id: "ApiToken" }));
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createdTokenSchema = z.extend(apiToken, {
  token: z.string().check(z.meta({ description: "Shown once; only its hash is kept" })),
});
export const tokenListSchema = z.object({ data: z.array(apiTokenSchema) });
