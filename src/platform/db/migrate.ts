import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Kysely, sql } from "kysely";
import { AppError } from "../errors.ts";
import type { Database } from "./schema.ts";

const migrationsDir = fileURLToPath(new URL("../migrations/", import.meta.url));
/** Serializes migrators across several app instances sharing one PostgreSQL database. */
const MIGRATION_LOCK_KEY = 727_2626;

export interface Migration {
  version: string;
  name: string;
  up: string;
  down: string;
  checksum: string;
}

/** Migrations are `YYYYMMDDHHMMSS_name.sql` files with `-- migrate:up` / `-- migrate:down`. */
export function loadMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{14}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), "utf8");
      const [, rest = ""] = text.split("-- migrate:up");
      const [up = "", down = ""] = rest.split("-- migrate:down");
      if (!up.trim())
        throw new AppError("internal", `Migration ${file} has no "-- migrate:up" section.`);
      return {
        version: file.slice(0, 14),
        name: file.slice(15, -4),
        up,
        down,
        checksum: createHash("sha256").update(text).digest("hex"),
      };
    });
}

export interface MigrateResult {
  applied: string[];
  current: string | null;
}

/** Applies pending migrations in one transaction: all of them, or none. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrateResult> {
  const migrations = loadMigrations();
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await sql`create table if not exists schema_migrations (
      version text primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`.execute(trx);
    const done = await trx.selectFrom("schema_migrations").selectAll().execute();
    const doneByVersion = new Map(done.map((row) => [row.version, row]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const previous = doneByVersion.get(migration.version);
      if (previous) {
        if (previous.checksum !== migration.checksum) {
          throw new AppError(
            "conflict",
            `Migration ${migration.version}_${migration.name} was changed after it was applied; add a new migration instead.`,
          );
        }
        continue;
      }
      await sql.raw(migration.up).execute(trx);
      await trx
        .insertInto("schema_migrations")
        .values({ version: migration.version, name: migration.name, checksum: migration.checksum })
        .execute();
      applied.push(`${migration.version}_${migration.name}`);
    }
    const last = migrations[migrations.length - 1];
    return { applied, current: last ? `${last.version}_${last.name}` : null };
  });
}

/** Reverts the newest applied migration (operators' escape hatch; never run at start). */
export async function migrateDown(db: Kysely<Database>): Promise<string | null> {
  const migrations = loadMigrations();
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    const last = await trx
      .selectFrom("schema_migrations")
      .select(["version", "name"])
      .orderBy("version", "desc")
      .executeTakeFirst();
    if (!last) return null;
    const migration = migrations.find((m) => m.version === last.version);
    if (!migration?.down.trim()) {
      throw new AppError(
        "unprocessable",
        `Migration ${last.version}_${last.name} cannot be reverted.`,
      );
    }
    await sql.raw(migration.down).execute(trx);
    await trx.deleteFrom("schema_migrations").where("version", "=", last.version).execute();
    return `${last.version}_${last.name}`;
  });
}
