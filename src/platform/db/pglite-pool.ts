import type { PGlite } from "@electric-sql/pglite";
import type { PostgresPool, PostgresPoolClient } from "kysely";
import { COPY_FROM_STDIN, CopyText } from "./copy-format.ts";
import { SET_SESSION_CONTEXT, sessionContextValue } from "./session-context.ts";

/** The part of PGlite's in-memory (Emscripten) file system that COPY's rows are put in. */
interface MemoryFiles {
  writeFile(path: string, data: Uint8Array, options: { canOwn: boolean }): void;
  unlink(path: string): void;
}

const encoder = new TextEncoder();
let copies = 0;
/** COPYs sent to an embedded database in this process, by the way their rows went. */
const copyRoutes = { memoryFile: 0, blob: 0 };

/**
 * How many COPYs this process has sent to an embedded database as a file in its memory
 * (`memoryFile`, the fast way) and through PGlite's /dev/blob (`blob`, the fallback when a
 * PGlite version no longer exposes its file system). A test counts them, so that an upgrade
 * which silently takes the fallback is seen.
 */
export function pgliteCopyRoutes(): { memoryFile: number; blob: number } {
  return { ...copyRoutes };
}

/**
 * PGlite's file system, when this version exposes it (`mod.FS`, not a documented API): a COPY
 * from a file in its memory reads the rows in whole blocks, where PGlite's /dev/blob copies
 * them byte by byte through JavaScript (a tenth of a large import's writing). Without it,
 * rows go through /dev/blob.
 */
function memoryFiles(pglite: PGlite): MemoryFiles | null {
  const files = (pglite as unknown as { mod?: { FS?: Partial<MemoryFiles> } }).mod?.FS;
  return typeof files?.writeFile === "function" && typeof files.unlink === "function"
    ? (files as MemoryFiles)
    : null;
}

/**
 * Kysely's PostgresDialect talks to a `pg`-style pool. PGlite is a single connection, so
 * this pool hands that connection to one borrower at a time: a transaction holds it from
 * BEGIN to COMMIT and no other request's statements can interleave with it.
 */
export class PGlitePool implements PostgresPool {
  readonly options = {};
  private queue: Array<() => void> = [];
  private busy = false;

  constructor(private readonly pglite: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    const context = sessionContextValue();
    if (this.busy) {
      await new Promise<void>((resolve) => this.queue.push(resolve));
    }
    this.busy = true;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next();
      else this.busy = false;
    };
    // The one connection is shared by every borrower: each takes it with its own context.
    try {
      await this.pglite.query(SET_SESSION_CONTEXT, [context]);
    } catch (error) {
      release();
      throw error;
    }
    const query = async (sql: string, parameters: readonly unknown[] = []) => {
      // COPY's rows (copy-rows.ts) reach the embedded server as a file in its memory (the
      // root of its file system; the data folder is mounted elsewhere), or as its blob.
      const copy = parameters[0];
      if (copy instanceof CopyText) {
        const files = memoryFiles(this.pglite);
        let result: { affectedRows?: number };
        if (files) {
          copyRoutes.memoryFile++;
          const path = `/tmp/esca-copy-${++copies}.tsv`;
          // The file takes the bytes as they are (no copy): the caller is done with them.
          files.writeFile(
            path,
            typeof copy.data === "string" ? encoder.encode(copy.data) : copy.data,
            { canOwn: true },
          );
          try {
            result = await this.pglite.query(sql.replace(COPY_FROM_STDIN, ` from '${path}'`));
          } finally {
            files.unlink(path);
          }
        } else {
          copyRoutes.blob++;
          result = await this.pglite.query(sql.replace(COPY_FROM_STDIN, " from '/dev/blob'"), [], {
            blob: new Blob([copy.data]),
          });
        }
        return { command: "INSERT" as const, rowCount: result.affectedRows ?? 0, rows: [] };
      }
      // Like `pg`, a statement without parameters goes through the simple query
      // protocol, so migration scripts with several statements run as one call.
      if (parameters.length === 0) {
        const results = await this.pglite.exec(sql);
        const last = results[results.length - 1];
        return {
          command: (last?.command ?? "SELECT") as "SELECT",
          rowCount: last?.affectedRows ?? last?.rows.length ?? 0,
          rows: last?.rows ?? [],
        };
      }
      const result = await this.pglite.query(sql, parameters as unknown[]);
      return {
        command: (result.command ?? "SELECT") as "SELECT",
        rowCount: result.affectedRows ?? result.rows.length,
        rows: result.rows,
      };
    };
    return {
      // Kysely's cursor overload (streaming) is not used with PGlite.
      query: query as PostgresPoolClient["query"],
      release,
    };
  }

  async end(): Promise<void> {
    await this.pglite.close();
  }
}
