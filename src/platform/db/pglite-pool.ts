import type { PGlite } from "@electric-sql/pglite";
import type { PostgresPool, PostgresPoolClient } from "kysely";
import { COPY_FROM_STDIN, CopyText } from "./copy-format.ts";
import { SET_SESSION_CONTEXT, sessionContextValue } from "./session-context.ts";

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
      // COPY's rows (copy-rows.ts) reach the embedded server as the blob it reads from.
      const copy = parameters[0];
      if (copy instanceof CopyText) {
        const result = await this.pglite.query(
          sql.replace(COPY_FROM_STDIN, " from '/dev/blob'"),
          [],
          {
            blob: new Blob([copy.data]),
          },
        );
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
