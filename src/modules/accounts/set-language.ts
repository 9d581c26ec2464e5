import type { Kysely } from "kysely";
import type { Language } from "../../contracts/enum-values.ts";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import type { User } from "./accounts.schema.ts";
import { updateLanguage } from "./recipients.queries.ts";
import { findUserRecord, toUser } from "./users.queries.ts";

/** Sets the language a user reads ESCA Hub's e-mail in (digests); the web app follows it too. */
export async function setLanguage(options: {
  db: Kysely<Database>;
  userId: string;
  language: Language;
}): Promise<User> {
  await updateLanguage(options.db, options.userId, options.language);
  const record = await findUserRecord(options.db, options.userId);
  if (!record) throw new AppError("not_found", "No such user.");
  return toUser(record);
}
