import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
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
  const recorded = await options.db
    .insertInto("totp_used_steps")
    .values({ user_id: options.userId, step })
    .onConflict((oc) =>
      oc
        .column("user_id")
        .doUpdateSet((eb) => ({ step: eb.ref("excluded.step") }))
        .whereRef("totp_used_steps.step", "<", "excluded.step"),
    )
    .returning("user_id")
    .executeTakeFirst();
  return recorded !== undefined;
}
