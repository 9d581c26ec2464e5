import { createHash } from "node:crypto";
import { type Kysely, sql, type Transaction } from "kysely";
import { AppError } from "../errors.ts";
import type { Database } from "./schema.ts";

/**
 * ESCA Hub's logical backup: JSON lines that either database loads (embedded PGlite or a
 * PostgreSQL server), so data moves between them in both directions.
 *
 *   {"format":"esca-backup","version":1,"schema":"<latest migration>","created_at":…,"tables":[…]}
 *   {"table":"support_flows","rows":[…up to 1,000 rows as PostgreSQL's to_jsonb…]}
 *   …
 *   {"end":true,"rows":{"support_flows":1234,…},"sequences":{…},"sha256":"<of every line before>"}
 *
 * Rows are written and read as PostgreSQL renders them (`to_jsonb`, `jsonb_populate_recordset`),
 * never parsed into JavaScript numbers, so bigints, numerics and timestamps travel exactly. The
 * dump reads one snapshot (a repeatable-read, read-only transaction); the restore writes in one
 * transaction with triggers off (`session_replication_role = replica`), so the audit trail is
 * restored as it was (same rows, same head hash) and a failed restore leaves nothing behind.
 */
export const BACKUP_FORMAT = "esca-backup";
export const BACKUP_VERSION = 1;
const CHUNK_ROWS = 1000;
const NOT_DUMPED = new Set(["schema_migrations"]);

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  schema: string;
  created_at: string;
  backend: string;
  tables: string[];
}

export interface BackupTrailer {
  end: true;
  rows: Record<string, number>;
  sequences: Record<string, number | null>;
  sha256: string;
}

export interface BackupResult {
  schema: string;
  rows: Record<string, number>;
  sha256: string;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

async function latestMigration(db: Kysely<Database> | Transaction<Database>): Promise<string> {
  const row = await sql<{ version: string | null }>`
    select max(version) as version from schema_migrations`.execute(db);
  const version = row.rows[0]?.version;
  if (!version)
    throw new AppError("conflict", "The database has no schema yet: run `esca migrate` first.");
  return version;
}

async function userTables(db: Kysely<Database> | Transaction<Database>): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = 'public' order by tablename`.execute(
    db,
  );
  return result.rows.map((r) => r.name).filter((name) => !NOT_DUMPED.has(name));
}

async function publicSequences(
  db: Kysely<Database> | Transaction<Database>,
): Promise<Record<string, number | null>> {
  const result = await sql<{ name: string; value: string | null }>`
    select sequencename as name, last_value::text as value from pg_sequences
    where schemaname = 'public' order by sequencename`.execute(db);
  return Object.fromEntries(
    result.rows.map((r) => [r.name, r.value === null ? null : Number(r.value)]),
  );
}

/**
 * Writes a consistent backup of every table, line by line, through `write` (which may wait, so
 * a slow disk holds the dump back instead of filling memory).
 */
export async function writeBackup(
  db: Kysely<Database>,
  backend: string,
  write: (line: string) => Promise<void>,
): Promise<BackupResult> {
  const hash = createHash("sha256");
  const emit = async (line: string) => {
    hash.update(line).update("\n");
    await write(`${line}\n`);
  };
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (trx) => {
      const schema = await latestMigration(trx);
      const tables = await userTables(trx);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        schema,
        created_at: new Date().toISOString(),
        backend,
        tables,
      };
      await emit(JSON.stringify(header));
      const rows: Record<string, number> = {};
      for (const table of tables) {
        rows[table] = 0;
        // A cursor reads the table in chunks within the snapshot: a table of a million rows
        // costs no more memory than one of a thousand. Rows stay PostgreSQL's JSON text.
        await sql`declare backup_rows no scroll cursor for select to_jsonb(t)::text as row from ${sql.table(table)} t`.execute(
          trx,
        );
        for (;;) {
          const chunk = await sql<{
            row: string;
          }>`fetch ${sql.raw(String(CHUNK_ROWS))} from backup_rows`.execute(trx);
          if (chunk.rows.length === 0) break;
          await emit(
            `{"table":${JSON.stringify(table)},"rows":[${chunk.rows.map((r) => r.row).join(",")}]}`,
          );
          rows[table] += chunk.rows.length;
          if (chunk.rows.length < CHUNK_ROWS) break;
        }
        await sql`close backup_rows`.execute(trx);
      }
      const sequences = await publicSequences(trx);
      const sha256 = hash.digest("hex");
      const trailer: BackupTrailer = { end: true, rows, sequences, sha256 };
      await write(`${JSON.stringify(trailer)}\n`);
      return { schema, rows, sha256 };
    });
}

export interface RestoreOptions {
  /** Replace a database that already holds data (otherwise refused). */
  replace?: boolean;
}

const ROWS_LINE = /^\{"table":("(?:[a-z0-9_]+)"),"rows":(.*)\}$/s;

function refuse(message: string): never {
  throw new AppError("validation_failed", message);
}

/**
 * Loads a backup into this database, all or nothing. The database must be migrated to the
 * backup's schema version (the same release); one that holds data is replaced only when asked.
 * Triggers stay off while rows go in, so the audit trail and every derived table come back as
 * they were written; sequences continue where the backup's did.
 */
export async function restoreBackup(
  db: Kysely<Database>,
  lines: AsyncIterable<string>,
  options: RestoreOptions = {},
): Promise<BackupResult> {
  return db.transaction().execute(async (trx) => {
    const target = await latestMigration(trx);
    const tables = await userTables(trx);
    const known = new Set(tables);
    if (!options.replace) {
      const holding: string[] = [];
      for (const table of tables) {
        const any = await sql<{
          one: number;
        }>`select 1 as one from ${sql.table(table)} limit 1`.execute(trx);
        if (any.rows.length > 0) holding.push(table);
      }
      if (holding.length > 0)
        refuse(
          `The database already holds data (${holding.slice(0, 5).join(", ")}${holding.length > 5 ? ", …" : ""}); restore into an empty database, or pass --replace to replace it.`,
        );
    }
    // Triggers off for this transaction only: no audit rows for restored rows, no foreign-key
    // order to respect; the dump was consistent, so the restored set is too.
    await sql`set local session_replication_role = replica`.execute(trx);
    for (const table of tables) await sql`delete from ${sql.table(table)}`.execute(trx);

    const hash = createHash("sha256");
    let header: BackupHeader | undefined;
    let trailer: BackupTrailer | undefined;
    const loaded: Record<string, number> = {};
    const columnsOf = new Map<string, string>();
    let lineNumber = 0;
    for await (const raw of lines) {
      lineNumber++;
      const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
      if (line === "") continue;
      if (trailer) refuse(`Line ${lineNumber}: text after the end of the backup.`);
      if (!header) {
        header = readHeader(line, lineNumber);
        if (header.schema !== target)
          refuse(
            `The backup is of schema version ${header.schema}; this database is at ${target}. Restore it with the ESCA Hub release that wrote it (or migrate that database first, then take a new backup).`,
          );
        hash.update(line).update("\n");
        continue;
      }
      if (line.startsWith('{"end":')) {
        trailer = readTrailer(line, lineNumber);
        continue;
      }
      const match = ROWS_LINE.exec(line);
      if (!match) refuse(`Line ${lineNumber}: not a line of an ESCA Hub backup.`);
      hash.update(line).update("\n");
      const table = JSON.parse(match[1] as string) as string;
      if (!known.has(table))
        refuse(`Line ${lineNumber}: table "${table}" does not exist in this database.`);
      let columns = columnsOf.get(table);
      if (!columns) {
        const result = await sql<{ name: string }>`
          select column_name as name from information_schema.columns
          where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'
          order by ordinal_position`.execute(trx);
        columns = result.rows.map((r) => quote(r.name)).join(", ");
        columnsOf.set(table, columns);
      }
      try {
        const inserted = await sql<{ n: number }>`
          with ins as (
            insert into ${sql.table(table)} (${sql.raw(columns)}) overriding system value
            select ${sql.raw(columns)} from jsonb_populate_recordset(null::${sql.table(table)}, ${match[2]}::jsonb)
            returning 1
          ) select count(*)::int as n from ins`.execute(trx);
        loaded[table] = (loaded[table] ?? 0) + (inserted.rows[0]?.n ?? 0);
      } catch (error) {
        refuse(
          `Line ${lineNumber}: the rows of "${table}" could not be loaded: ${(error as Error).message}`,
        );
      }
    }
    if (!header) refuse("The file is empty: it is not an ESCA Hub backup.");
    if (!trailer)
      refuse("The backup is incomplete (its last line is missing): nothing was restored.");
    const sha256 = hash.digest("hex");
    if (sha256 !== trailer.sha256)
      refuse("The backup's content does not match its checksum: nothing was restored.");
    for (const table of header.tables) {
      if (!known.has(table))
        refuse(`The backup holds table "${table}", which this database does not have.`);
      const expected = trailer.rows[table] ?? 0;
      if ((loaded[table] ?? 0) !== expected)
        refuse(
          `Table "${table}": the backup says ${expected} rows, ${loaded[table] ?? 0} were read: nothing was restored.`,
        );
    }
    for (const [name, value] of Object.entries(trailer.sequences)) {
      if (value === null) await sql`select setval(${quote(name)}, 1, false)`.execute(trx);
      else await sql`select setval(${quote(name)}, ${value}, true)`.execute(trx);
    }
    return { schema: header.schema, rows: loaded, sha256 };
  });
}

function readHeader(line: string, lineNumber: number): BackupHeader {
  let value: Partial<BackupHeader>;
  try {
    value = JSON.parse(line) as Partial<BackupHeader>;
  } catch {
    refuse(`Line ${lineNumber}: not an ESCA Hub backup (the first line is not JSON).`);
  }
  if (value.format !== BACKUP_FORMAT)
    refuse(`Line ${lineNumber}: not an ESCA Hub backup (no "format": "${BACKUP_FORMAT}").`);
  if (value.version !== BACKUP_VERSION)
    refuse(
      `Line ${lineNumber}: backup format version ${String(value.version)} is not one this release reads (${BACKUP_VERSION}).`,
    );
  if (typeof value.schema !== "string" || !Array.isArray(value.tables))
    refuse(`Line ${lineNumber}: the backup's first line names no schema version or tables.`);
  return value as BackupHeader;
}

function readTrailer(line: string, lineNumber: number): BackupTrailer {
  try {
    const value = JSON.parse(line) as BackupTrailer;
    if (value.end === true && typeof value.sha256 === "string" && value.rows && value.sequences)
      return value;
  } catch {
    // refused below
  }
  refuse(`Line ${lineNumber}: the backup's last line is damaged.`);
}
