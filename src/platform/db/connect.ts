import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { CopyText } from "./copy-format.ts";
import { auditHeadVersion, countedVersion, registerDataVersion } from "./data-version.ts";
import { PgPreparedStatements } from "./pg-prepared.ts";
import { PGlitePool } from "./pglite-pool.ts";
import {
  type ReadReplica,
  ReplicaMonitor,
  type ReplicaState,
  readTarget,
  routingPool,
} from "./read-replica.ts";
import type { Database } from "./schema.ts";
import { SET_SESSION_CONTEXT, sessionContextValue } from "./session-context.ts";
import { typeParsers } from "./type-parsers.ts";
import { registerWriteTurns, WriteTurns } from "./write-turns.ts";

/** Write transactions of a process that hold a PostgreSQL connection at once (write-turns.ts). */
const POSTGRES_WRITERS = 2;

export type Backend = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  backend: Backend;
  /** Where the data lives, safe to print (no password). */
  description: string;
  /** Present on the embedded backend: used for backups and test templates. */
  pglite?: PGlite;
  /** Present on PostgreSQL: for connections of their own, outside the pool (the event bus). */
  connectionString?: string;
  /** Present when a read replica is configured (DATABASE_READ_URL): its state, for routing. */
  replica?: ReadReplica;
  close(): Promise<void>;
}

/** A streaming replica anonymous reads may use (read-replica.ts), and how far behind it may be. */
export interface ReplicaOptions {
  url: string;
  maxLagSeconds: number;
  maxConnections?: number;
  /** Told when the replica's state changes (the server logs it). */
  onChange?: (state: ReplicaState) => void;
}

export interface EmbeddedOptions {
  /** Folder for PostgreSQL's files; omitted means in memory. */
  dataDir?: string | undefined;
  /** A tarball from `dumpDataDir`, to start from a prepared state (tests). */
  loadDataDir?: Blob | undefined;
  /**
   * PostgreSQL's shared buffers, e.g. "16MB"; omitted means its default (128MB). Starting
   * clears them: a test's small database starts in a third of the time with 16MB.
   */
  sharedBuffers?: string | undefined;
}

export async function openEmbedded(options: EmbeddedOptions = {}): Promise<DatabaseHandle> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: typeParsers,
    // The contrib extensions the migrations create (search: accents and "did you mean").
    extensions: { unaccent, pg_trgm },
    // A new WAL segment is created by writing its last byte instead of 16 MB of zeros (which
    // guard against a full disk on a server, but cost a tenth of a large import's writing
    // here, where files are not synced anyway: see the README on backups).
    startParams: [
      ...PGlite.defaultStartParams,
      "-c",
      "wal_init_zero=off",
      ...(options.sharedBuffers ? ["-c", `shared_buffers=${options.sharedBuffers}`] : []),
    ],
  });
  const pool = new PGlitePool(pglite);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  registerDataVersion(db, countedVersion(pool));
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

export async function openPostgres(
  url: string,
  maxConnections = 10,
  replicaOptions?: ReplicaOptions,
): Promise<DatabaseHandle> {
  const primary = createPool(url, maxConnections);
  if (!replicaOptions) {
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: withSessionContext(primary.pool) }),
    });
    registerDataVersion(db, auditHeadVersion(db));
    registerWriteTurns(db, new WriteTurns(POSTGRES_WRITERS));
    return {
      db,
      backend: "postgres",
      description: `PostgreSQL at ${redactUrl(url)}`,
      connectionString: url,
      close: () => {
        primary.closing();
        return db.destroy();
      },
    };
  }
  const replica = createPool(replicaOptions.url, replicaOptions.maxConnections ?? maxConnections);
  const monitor = new ReplicaMonitor({
    primary: primary.pool,
    replica: replica.pool,
    maxLagSeconds: replicaOptions.maxLagSeconds,
    ...(replicaOptions.onChange ? { onChange: replicaOptions.onChange } : {}),
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: routingPool(
        withSessionContext(primary.pool),
        withSessionContext(replica.pool),
        monitor,
      ),
    }),
  });
  // The version is read from the server the request's data comes from: one shared reader per
  // target, so a page read from the replica is never cached under the primary's newer head.
  const versions = { primary: auditHeadVersion(db), replica: auditHeadVersion(db) };
  registerDataVersion(db, { read: () => versions[readTarget()].read() });
  registerWriteTurns(db, new WriteTurns(POSTGRES_WRITERS));
  // Serving starts on the primary alone if the replica does not answer yet; a replica of
  // another cluster is a configuration mistake, refused here.
  const first = await monitor.probe();
  if (first.state === "not_a_replica") {
    primary.closing();
    replica.closing();
    await db.destroy();
    throw new Error(first.problem ?? "DATABASE_READ_URL is not a streaming replica");
  }
  monitor.start();
  return {
    db,
    backend: "postgres",
    description: `PostgreSQL at ${redactUrl(url)}, anonymous reads from ${redactUrl(replicaOptions.url)}`,
    connectionString: url,
    replica: monitor,
    close: () => {
      primary.closing();
      replica.closing();
      monitor.stop();
      return db.destroy();
    },
  };
}

function createPool(url: string, max: number): { pool: pg.Pool; closing(): void } {
  const pool = new pg.Pool({
    connectionString: url,
    max,
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
  return {
    pool,
    closing: () => {
      closing = true;
    },
  };
}

/**
 * Every connection handed out carries the borrower's context (session-context.ts) before it
 * sends anything that may write: the context is only read by the audit trail's functions,
 * which run on a write (a trigger) or on `audit_append`. A plain SELECT is sent without it, so
 * a read sends no extra statement; BEGIN is never a plain SELECT, so a transaction always
 * starts with the context set outside it, where a rollback cannot undo it. A connection whose
 * context cannot be set goes back to the pool as broken rather than being used without it.
 */
function withSessionContext(pool: pg.Pool): PostgresPool {
  // The context each connection carries now (set outside any transaction, it lasts until
  // changed): a borrower with the same one (the same request's next statement) skips setting
  // it. A connection new to the pool has none yet.
  const carried = new WeakMap<pg.PoolClient, string>();
  const prepared = new PgPreparedStatements();
  return {
    options: pool.options,
    // Kysely builds a separate client from these to cancel a running query.
    Client: pg.Client,
    async connect(): Promise<PostgresPoolClient> {
      const value = sessionContextValue();
      const client = await pool.connect();
      let broken: Error | undefined;
      const carry = async () => {
        if (carried.get(client) === value) return;
        carried.delete(client);
        try {
          await prepared.query(client, plainQuery(client), SET_SESSION_CONTEXT, [value]);
        } catch (error) {
          broken = error as Error;
          throw error;
        }
        carried.set(client, value);
      };
      return withCopy(client, prepared, carry, () => broken);
    },
    end: () => pool.end(),
  };
}

/**
 * A statement that neither writes nor reads the context: a SELECT not appending to the trail,
 * or a WITH whose parts are all SELECTs (no INSERT, UPDATE, DELETE or MERGE anywhere in it:
 * the funding roll-up is one). A word matched inside a name or a literal only costs a setting.
 */
const PLAIN_SELECT = /^\s*select\b/i;
const READ_ONLY_WITH = /^\s*with\b/i;
const MODIFIES = /\b(?:insert|update|delete|merge)\b/i;
const READS_CONTEXT = /\baudit_append\b/i;
export const needsContext = (text: string) =>
  READS_CONTEXT.test(text) ||
  !(PLAIN_SELECT.test(text) || (READ_ONLY_WITH.test(text) && !MODIFIES.test(text)));

/** The client's own query with a text and its values. */
function plainQuery(client: pg.PoolClient) {
  return (text: string, values: unknown[]) => client.query(text, values);
}

/**
 * A client that sets the borrower's context before the first statement that needs it, takes
 * COPY's rows (copy-rows.ts) as the parameter of `copy … from stdin` and sends them as the
 * COPY data stream, and runs every other statement prepared once it has been seen
 * (pg-prepared.ts).
 */
function withCopy(
  client: pg.PoolClient,
  prepared: PgPreparedStatements,
  carry: () => Promise<void>,
  broken: () => Error | undefined,
): PostgresPoolClient {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const plain = plainQuery(client);
  const send = (args: unknown[]) => {
    const [text, parameters] = args;
    const copy = Array.isArray(parameters) ? parameters[0] : undefined;
    if (typeof text !== "string") return query(...args);
    if (!(copy instanceof CopyText)) {
      if (args.length !== 2 || (parameters !== undefined && !Array.isArray(parameters)))
        return query(...args);
      return prepared.query(client, plain, text, (parameters as unknown[] | undefined) ?? []);
    }
    return new Promise((resolve, reject) => {
      const stream = client.query(copyFrom(text));
      stream.on("error", reject);
      stream.on("finish", () =>
        // COPY FROM inserts: Kysely reports the rows as inserted ones.
        resolve({ command: "INSERT", rowCount: Number(stream.rowCount), rows: [] }),
      );
      stream.end(copy.data);
    });
  };
  return {
    // Kysely reads it to cancel a running query.
    processID: (client as unknown as { processID: number }).processID,
    release: (destroy?: Error | boolean) => client.release(destroy ?? broken()),
    query: (async (...args: unknown[]) => {
      const [text] = args;
      if (typeof text !== "string" || needsContext(text)) await carry();
      return send(args);
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
