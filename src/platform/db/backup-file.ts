import { once } from "node:events";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";
import type { Kysely } from "kysely";
import { AppError } from "../errors.ts";
import { type BackupResult, type RestoreOptions, restoreBackup, writeBackup } from "./backup.ts";
import type { Database } from "./schema.ts";

const gzipped = (path: string) => path.endsWith(".gz");

/**
 * Writes a backup to FILE (gzip when it ends in .gz) through a temporary name beside it, renamed
 * into place once complete: a backup interrupted half-way never stands where a good one was.
 */
export async function backupToFile(
  db: Kysely<Database>,
  backend: string,
  path: string,
): Promise<BackupResult> {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  const file = createWriteStream(partial);
  const out: Writable = gzipped(path) ? createGzip() : file;
  if (out !== file) (out as ReturnType<typeof createGzip>).pipe(file);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, "drain");
  };
  try {
    const result = await writeBackup(db, backend, write);
    const closed = once(file, "close");
    out.end();
    await closed;
    renameSync(partial, path);
    return result;
  } catch (error) {
    out.destroy();
    file.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Restores a backup FILE (gzip when it ends in .gz) into the database, all or nothing. */
export async function restoreFromFile(
  db: Kysely<Database>,
  path: string,
  options: RestoreOptions = {},
): Promise<BackupResult> {
  if (!existsSync(path)) throw new AppError("validation_failed", `No such file: ${path}`);
  const file = createReadStream(path);
  const input: Readable = gzipped(path) ? file.pipe(createGunzip()) : file;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  // The iterator must exist before the first line is read: readline drops the lines it reads
  // while nobody iterates, and the restore first waits for its transaction's connection.
  const iterator = lines[Symbol.asyncIterator]();
  try {
    return await restoreBackup(db, { [Symbol.asyncIterator]: () => iterator }, options);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = (error as Error).message ?? String(error);
    if (/incorrect header check|unexpected end of file/i.test(message))
      throw new AppError("validation_failed", `${path} is not a readable gzip file: ${message}`);
    if (/permission denied to set parameter/i.test(message))
      throw new AppError(
        "forbidden",
        "Restoring needs a database role that may set session_replication_role (a superuser, or GRANT SET ON PARAMETER session_replication_role TO the role).",
      );
    throw error;
  } finally {
    lines.close();
    file.destroy();
  }
}

/** The name a scheduled backup takes: esca-YYYYMMDDTHHMMSSZ.jsonl.gz (UTC, sorts by time). */
export function scheduledBackupName(at: Date): string {
  return `esca-${at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")}.jsonl.gz`;
}

/** Removes scheduled backups in DIR older than KEEP days (never the newest one); names them. */
export function pruneBackups(dir: string, keepDays: number, now = new Date()): string[] {
  if (!existsSync(dir)) return [];
  const ours = readdirSync(dir)
    .filter((name) => /^esca-\d{8}T\d{6}Z\.jsonl\.gz$/.test(name))
    .sort();
  const cutoff = now.getTime() - keepDays * 86_400_000;
  const removed: string[] = [];
  for (const name of ours.slice(0, -1)) {
    const path = join(dir, name);
    if (statSync(path).mtimeMs < cutoff) {
      rmSync(path, { force: true });
      removed.push(name);
    }
  }
  return removed;
}
