import type { Kysely, Transaction, Updateable } from "kysely";
import { AppError } from "../errors.ts";
import type { Database } from "./schema.ts";

type VersionedTable = {
  [T in keyof Database]: Database[T] extends { version: unknown; id: unknown; updated_at: unknown }
    ? T
    : never;
}[keyof Database];

/**
 * Updates one editable record, refusing a stale edit: when the caller sends the version it
 * loaded and the record has moved on, nothing is written and the caller gets 409 with the
 * current version. Every successful update bumps the version by one.
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Kysely<Database> | Transaction<Database>,
  options: {
    table: T;
    id: string;
    expectedVersion: number | undefined;
    changes: Updateable<Database[T]>;
  },
): Promise<void> {
  // Kysely cannot narrow a generic table name, so the builder is typed for one table.
  const table = options.table as "organizations";
  const base = db
    .updateTable(table)
    .set({ ...(options.changes as Updateable<Database["organizations"]>), updated_at: new Date() })
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("id", "=", options.id);
  const guarded =
    options.expectedVersion === undefined
      ? base
      : base.where("version", "=", options.expectedVersion);
  const result = await guarded.executeTakeFirst();
  if (result.numUpdatedRows > 0n) return;
  const current = await db
    .selectFrom(table)
    .select("version")
    .where("id", "=", options.id)
    .executeTakeFirst();
  if (!current) throw new AppError("not_found", `No record with id "${options.id}".`);
  throw new AppError(
    "conflict",
    `Someone else changed this record (now at version ${current.version}, you sent ${options.expectedVersion}); reload it and apply your change again.`,
    { context: { current_version: current.version } },
  );
}
