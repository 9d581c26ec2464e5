import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { CopyText } from "./copy-format.ts";
import { PGlitePool } from "./pglite-pool.ts";
import type { Database } from "./schema.ts";
import { SET_SESSION_CONTEXT, sessionContextValue } from "./session-context.ts";
import { typeParsers } from "./type-parsers.ts";

export type Backend = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  backend: Backend;
  /** Where the data lives, safe to print (no password). */
  description: string;
  /** Present on the embedded backend: used for backups and test templates. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder for PostgreSQL's files; omitted means in memory. */
  dataDir?: string | undefined;
  /** A tarball from `dumpDataDir`, to start from a prepared state (tests). */
  loadDataDir?: Blob | undefined;
}

export async function openEmbedded(options: EmbeddedOptions = {}): Promise<DatabaseHandle> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: typeParsers,
    // A new WAL segment is created by writing its last byte instead of 16 MB of zeros (which
    // guard against a full disk on a server, but cost a tenth of a large import's writing
    // here, where files are not synced anyway: see the README on backups).
    startParams: [...PGlite.defaultStartParams, "-c", "wal_init_zero=off"],
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }),
  });
  return {
    db,
    backend: "pglite",
    description: options.dataDir
      ? `embedded PGlite in ${options.dataDir}`
      : "embedded PGlite in memory",
    pglite,
    close: () => db.destroy(),
  };
}

export async function openPostgres(url: string, maxConnections = 10): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server ends (a restart, an administrator, a dropped database)
  // leaves the pool, which opens a new one when next asked: it is reported, never fatal. While
  // the pool closes, its connections ending is expected and says nothing.
  let closing = false;
  pool.on("error", (error: Error & { code?: string }) => {
    if (closing) return;
    process.stderr.write(
      `ESCA Hub: an idle database connection was closed by the server (${error.code ?? "no code"}): ${error.message}\n`,
    );
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: withSessionContext(pool) }),
  });
  return {
    db,
    backend: "postgres",
    description: `PostgreSQL at ${redactUrl(url)}`,
    close: () => {
      closing = true;
      return db.destroy();
    },
  };
}

/**
 * Every connection handed out carries the borrower's context (session-context.ts), set
 * before Kysely's first statement on it; a connection that cannot take it goes back to the
 * pool as broken rather than being used without it, or leaking its slot.
 */
function withSessionContext(pool: pg.Pool): PostgresPool {
  return {
    options: pool.options,
    // Kysely builds a separate client from these to cancel a running query.
    Client: pg.Client,
    async connect(): Promise<PostgresPoolClient> {
      const value = sessionContextValue();
      const client = await pool.connect();
      try {
        await client.query(SET_SESSION_CONTEXT, [value]);
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      return withCopy(client);
    },
    end: () => pool.end(),
  };
}

/**
 * A client that also takes COPY's rows (copy-rows.ts) as the parameter of `copy … from stdin`
 * and sends them as the COPY data stream; every other query goes through unchanged.
 */
function withCopy(client: pg.PoolClient): PostgresPoolClient {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  return {
    // Kysely reads it to cancel a running query.
    processID: (client as unknown as { processID: number }).processID,
    release: (destroy?: Error | boolean) => client.release(destroy),
    query: ((...args: unknown[]) => {
      const [text, parameters] = args;
      const copy = Array.isArray(parameters) ? parameters[0] : undefined;
      if (typeof text !== "string" || !(copy instanceof CopyText)) return query(...args);
      return new Promise((resolve, reject) => {
        const stream = client.query(copyFrom(text));
        stream.on("error", reject);
        stream.on("finish", () =>
          // COPY FROM inserts: Kysely reports the rows as inserted ones.
          resolve({ command: "INSERT", rowCount: Number(stream.rowCount), rows: [] }),
        );
        stream.end(copy.data);
      });
    }) as PostgresPoolClient["query"],
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "****";
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
