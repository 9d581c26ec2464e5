import { setImmediate as onNextTurn } from "node:timers";
import type { PGlite, Results } from "@electric-sql/pglite";
import type { PostgresPool, PostgresPoolClient } from "kysely";
import { currentContext } from "../request-context.ts";
import { COPY_FROM_STDIN, CopyText } from "./copy-format.ts";
import { PreparedStatements } from "./prepared-statements.ts";
import { SET_SESSION_CONTEXT, sessionContextValue } from "./session-context.ts";

/** The part of PGlite's in-memory (Emscripten) file system that COPY's rows are put in. */
interface MemoryFiles {
  writeFile(path: string, data: Uint8Array, options: { canOwn: boolean }): void;
  unlink(path: string): void;
}

const encoder = new TextEncoder();
const WROTE_IN_TRANSACTION = "select pg_current_xact_id_if_assigned() is not null as wrote";

/**
 * What a statement is to the data version: a transaction's start or end, a plain read
 * (SELECT, or WITH without INSERT, UPDATE, DELETE or MERGE; ESCA Hub's SELECTs never call a
 * function that writes), or anything else.
 */
function statementKind(sql: string): "begin" | "commit" | "rollback" | "select" | "other" {
  const [, first, second] = /^\s*([a-z]+)\s*([a-z]*)/i.exec(sql) ?? [];
  const head = first?.toLowerCase();
  if (head === "begin" || head === "start") return "begin";
  if (head === "commit" || head === "end") return "commit";
  // ROLLBACK TO SAVEPOINT ends no transaction.
  if ((head === "rollback" || head === "abort") && second?.toLowerCase() !== "to")
    return "rollback";
  if (head === "select" || (head === undefined && /^\s*\(/.test(sql))) return "select";
  // A WITH query writes only through a data-modifying statement among its parts.
  if (head === "with" && !/\b(insert|update|delete|merge)\b/i.test(sql)) return "select";
  return "other";
}
let copies = 0;
/** Read-only borrowers served in a row before a waiting writer gets its turn. */
const READS_IN_A_ROW = 8;
/** How long borrowers may keep the connection one after another in one turn of the event loop. */
const TURN_MS = 10;
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
 *
 * A statement with parameters that has run successfully twice is PREPAREd and from then on
 * runs as EXECUTE with its values as literals, the very texts PGlite would bind
 * (prepared-statements.ts): parsing and planning were most of a small statement's cost. At
 * most 500 are kept (the least recently used is DEALLOCATEd); a statement without
 * parameters that may change the schema (DDL, a migration script), and the rollback of a
 * transaction that ran one, empty the cache, since PostgreSQL re-plans a prepared statement
 * by itself but refuses one whose result's columns changed. COPY never is prepared, and the
 * data version below looks at the statement as the caller wrote it.
 */
export class PGlitePool implements PostgresPool {
  readonly options = {};
  /** Borrowers waiting for the connection: those of read-only requests, and the others. */
  private readonly waiting = { reads: [] as Array<() => void>, others: [] as Array<() => void> };
  /** Reads handed the connection in a row while others waited (at most READS_IN_A_ROW). */
  private readsInARow = 0;
  private busy = false;
  /** When this turn of the event loop first handed out the connection; null: not yet. */
  private turnStarted: number | null = null;
  /**
   * How many times data was committed through this pool: advanced after each COMMIT of a
   * transaction that wrote (it was given a transaction id) and after each statement outside a
   * transaction that is not a plain SELECT, before its caller hears of it. The embedded
   * database has one process (the data folder's lock) and one connection, so this is every
   * write: the data version public reads are cached by (data-version.ts).
   */
  commits = 0;
  /** The context the connection carries now: set again only when a borrower's differs. */
  private carried: string | null = null;

  /** Statements run often, prepared once (prepared-statements.ts); shared by pools of a PGlite. */
  private readonly statements: PreparedStatements;

  constructor(private readonly pglite: PGlite) {
    this.statements = PreparedStatements.of(pglite);
  }

  /**
   * Who borrows the connection next. A read-only request's statement goes before queued
   * writers' (a write transaction holds the connection from BEGIN to COMMIT, and 50 writers
   * queued in front of a public read made it wait for all of them); after READS_IN_A_ROW
   * reads in a row another borrower goes, so a crowd of readers cannot starve writers.
   */
  private next(): (() => void) | undefined {
    const { reads, others } = this.waiting;
    if (reads.length > 0 && (others.length === 0 || this.readsInARow < READS_IN_A_ROW)) {
      this.readsInARow++;
      return reads.shift();
    }
    this.readsInARow = 0;
    return others.shift();
  }

  /**
   * Borrowers share the connection for at most TURN_MS of one turn of the event loop. A
   * borrower's statements run in one chain of promise callbacks (PGlite computes in this
   * thread), so borrowers handed the connection one after another at once would all run in
   * one drain of the microtask queue: with 50 writers, hundreds of statements (half a second
   * and more) with no socket read, timer or reply written in between, and every request,
   * however cheap, waiting that long. Once the turn's TURN_MS are spent, the next borrower is
   * handed the connection on the next turn (setImmediate), after the sockets that became
   * readable meanwhile have been read; a borrower arriving in a spent turn waits in line.
   */
  private turnSpent(): boolean {
    if (this.turnStarted === null) {
      this.turnStarted = performance.now();
      // Node's own, which a test faking the global timers does not stop.
      onNextTurn(() => {
        this.turnStarted = null;
        this.handOver();
      });
      return false;
    }
    return performance.now() - this.turnStarted >= TURN_MS;
  }

  /** Hands the connection to the next borrower waiting, if it is free and the turn not spent. */
  private handOver(): void {
    if (this.busy) return;
    const { reads, others } = this.waiting;
    if (reads.length === 0 && others.length === 0) return;
    if (this.turnSpent()) return;
    const next = this.next();
    if (!next) return;
    this.busy = true;
    next();
  }

  async connect(): Promise<PostgresPoolClient> {
    const context = sessionContextValue();
    if (this.busy || this.turnSpent()) {
      const line = currentContext()?.readsOnly ? this.waiting.reads : this.waiting.others;
      await new Promise<void>((resolve) => line.push(resolve));
    }
    this.busy = true;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.busy = false;
      this.handOver();
    };
    // The one connection is shared by every borrower: each takes it with its own context. The
    // setting is made outside any transaction, so it lasts until changed: a borrower with the
    // context the connection already carries (the same request's next statement) skips it.
    try {
      if (context !== this.carried) {
        this.carried = null;
        await this.pglite.query(SET_SESSION_CONTEXT, [context]);
        this.carried = context;
      }
    } catch (error) {
      release();
      throw error;
    }
    let inTransaction = false;
    const query = async (sql: string, parameters: readonly unknown[] = []) => {
      const statement = statementKind(sql);
      if (statement === "begin") inTransaction = true;
      else if (statement === "commit" || statement === "rollback") inTransaction = false;
      if (statement === "commit") {
        // The simple protocol: one call, where a query with no parameters takes five.
        const [wrote] = await this.pglite.exec(WROTE_IN_TRANSACTION);
        const result = await run(sql, parameters);
        if ((wrote?.rows[0] as { wrote?: boolean } | undefined)?.wrote) this.commits++;
        await this.statements.afterTransaction(false);
        return result;
      }
      if (statement === "rollback") {
        try {
          return await run(sql, parameters);
        } finally {
          await this.statements.afterTransaction(true);
        }
      }
      if (inTransaction || statement !== "other") return run(sql, parameters);
      try {
        return await run(sql, parameters);
      } finally {
        // A failed statement may still have committed part of a script (migrations).
        this.commits++;
      }
    };
    const run = async (sql: string, parameters: readonly unknown[]) => {
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
        const plain = statementKind(sql) === "other";
        let results: Results[];
        try {
          results = await this.pglite.exec(sql);
        } catch (error) {
          // Outside a transaction a failed script may have done part of its work.
          if (plain && !inTransaction) await this.statements.afterPlainStatement(sql, false);
          throw error;
        }
        if (plain) await this.statements.afterPlainStatement(sql, inTransaction);
        const last = results[results.length - 1];
        return {
          command: (last?.command ?? "SELECT") as "SELECT",
          rowCount: last?.affectedRows ?? last?.rows.length ?? 0,
          rows: last?.rows ?? [],
        };
      }
      const prepared = await this.statements.execute(sql, parameters, inTransaction);
      const result = prepared ?? (await this.pglite.query(sql, parameters as unknown[]));
      if (!prepared) await this.statements.ranNormally(sql, inTransaction);
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
