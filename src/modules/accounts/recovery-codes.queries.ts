import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/** Replaces a user's recovery codes with a new set (by their hashes), in one transaction. */
export async function replaceRecoveryCodes(
  db: Kysely<Database>,
  userId: string,
  hashes: string[],
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("totp_recovery_codes").where("user_id", "=", userId).execute();
    await tx
      .insertInto("totp_recovery_codes")
      .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
      .execute();
  });
}

/**
 * Marks the unused code with this hash as used, in one atomic update: of two sign-ins
 * bringing the same code at once, exactly one gets it. False when there is no such code
 * (wrong, or used before).
 */
export async function spendRecoveryCode(
  db: Kysely<Database>,
  userId: string,
  hash: string,
): Promise<boolean> {
  const used = await db
    .updateTable("totp_recovery_codes")
    .set({ used_at: new Date() })
    .where("user_id", "=", userId)
    .where("code_hash", "=", hash)
    .where("used_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return used !== undefined;
}

/** How many of a user's codes are left, out of how many, made when. */
export async function countRecoveryCodes(db: Kysely<Database>, userId: string) {
  const row = await db
    .selectFrom("totp_recovery_codes")
    .where("user_id", "=", userId)
    .select((eb) => [
      eb.fn.countAll<string>().as("total"),
      eb.fn.count<string>("id").filterWhere("used_at", "is", null).as("remaining"),
      eb.fn.max("created_at").as("generated_at"),
    ])
    .executeTakeFirstOrThrow();
  return {
    total: Number(row.total),
    remaining: Number(row.remaining),
    generatedAt: row.generated_at ? new Date(row.generated_at) : null,
  };
}

/** Forgets a user's recovery codes (the second factor was turned off). */
export function deleteRecoveryCodes(db: Kysely<Database>, userId: string) {
  return db.deleteFrom("totp_recovery_codes").where("user_id", "=", userId).execute();
}
