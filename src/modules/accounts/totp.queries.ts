import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/**
 * Records `step` as the user's last accepted TOTP step when it comes after the one recorded,
 * in one atomic upsert; false when it does not (the code, or an earlier one, was used).
 */
export async function recordTotpStep(
  db: Kysely<Database>,
  userId: string,
  step: number,
): Promise<boolean> {
  const recorded = await db
    .insertInto("totp_used_steps")
    .values({ user_id: userId, step })
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

/** A new secret for the authenticator app, not in force until confirmed. */
export function setTotpSecret(db: Kysely<Database>, userId: string, secret: string) {
  return db.updateTable("users").set({ totp_secret: secret }).where("id", "=", userId).execute();
}

/** Turns the second factor on with the secret already set. */
export function enableUserTotp(db: Kysely<Database>, userId: string) {
  return db
    .updateTable("users")
    .set({ totp_enabled: true, updated_at: new Date() })
    .where("id", "=", userId)
    .execute();
}

/** Turns the second factor off and forgets its secret. */
export function disableUserTotp(db: Kysely<Database>, userId: string) {
  return db
    .updateTable("users")
    .set({ totp_enabled: false, totp_secret: null, updated_at: new Date() })
    .where("id", "=", userId)
    .execute();
}
