import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { AppError } from "../errors.ts";

/**
 * PGlite allows one process per data folder; a second one can corrupt it. The process that
 * opens the folder writes `esca.lock` beside the database files with its pid, its command
 * and, for a server, the address other commands can reach it at.
 */
const lockInfoSchema = z.object({
  pid: z.number().int(),
  command: z.string(),
  startedAt: z.string(),
  url: z.string().optional(),
});
export type DataDirLockInfo = z.infer<typeof lockInfoSchema>;

export interface DataDirLock {
  info: DataDirLockInfo;
  /** A server sets the address once it listens, so CLI commands can go through it. */
  setUrl(url: string): void;
  release(): void;
}

export const lockPath = (dataDir: string) => join(dataDir, "esca.lock");

/** The live holder of the folder, or null when it is free (a stale lock counts as free). */
export function readDataDirLock(dataDir: string): DataDirLockInfo | null {
  let text: string;
  try {
    text = readFileSync(lockPath(dataDir), "utf8");
  } catch {
    return null;
  }
  const parsed = lockInfoSchema.safeParse(safeJson(text));
  if (!parsed.success) return null;
  return isAlive(parsed.data.pid) ? parsed.data : null;
}

export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = lockPath(dataDir);
  const info: DataDirLockInfo = { pid: process.pid, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      return makeLock(path, info);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readDataDirLock(dataDir);
      if (holder && holder.pid !== process.pid) throw inUseError(dataDir, holder);
      // The previous holder died without cleaning up: the lock is stale.
      rmSync(path, { force: true });
    }
  }
  throw new AppError("data_dir_in_use", `Could not lock the data folder ${dataDir}.`);
}

export function inUseError(dataDir: string, holder: DataDirLockInfo): AppError {
  const where = holder.url ? `, serving ${holder.url}` : "";
  return new AppError(
    "data_dir_in_use",
    `The data folder ${dataDir} is in use by process ${holder.pid} ("esca ${holder.command}"${where}, since ${holder.startedAt}); stop that process first, or use its API.`,
    { context: { holder } },
  );
}

function makeLock(path: string, info: DataDirLockInfo): DataDirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      const current = safeJson(readFileSync(path, "utf8")) as { pid?: number } | null;
      if (current?.pid === process.pid) rmSync(path, { force: true });
    } catch {
      // Already gone.
    }
    process.off("exit", release);
  };
  process.on("exit", release);
  return {
    info,
    setUrl(url) {
      info.url = url;
      const fd = openSync(path, "w");
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
    },
    release,
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
