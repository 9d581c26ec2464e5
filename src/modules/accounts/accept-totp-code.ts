import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { recordTotpStep } from "./totp.queries.ts";
import { totpStep } from "./totp.ts";

/**
 * True when the code is right and not used before (RFC 6238 §5.2): its step must come after
 * the last one this user had accepted. Recording the step and checking it are one atomic
 * upsert, so of two requests bringing the same code at once exactly one is accepted. Used
 * alike by sign-in, turning TOTP on and turning it off.
 */
export async function acceptTotpCode(options: {
  db: Kysely<Database>;
  userId: string;
  secret: string;
  email: string;
  code: string;
}): Promise<boolean> {
  const step = totpStep(options.secret, options.email, options.code);
  if (step === null) return false;
  return recordTotpStep(options.db, options.userId, step);
}
