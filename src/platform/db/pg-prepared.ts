import { createHash } from "node:crypto";
import type pg from "pg";
import { errorOf, PREPARABLE, SCHEMA_CHANGE } from "./prepared-statements.ts";

/**
 * SQL texts remembered (a text is prepared when it runs the second time), each with its digest
 * once it has one: hashing a long text on every run cost more than looking it up.
 */
const SEEN_CAPACITY = 2000;
/** Prepared statements one server connection keeps at most; past it, texts run unnamed. */
export const PREPARED_PER_CONNECTION = 300;
const BEGIN = /^\s*(begin|start\s+transaction)\b/i;
const END = /^\s*(commit|end|rollback(?!\s+to\b))\b/i;

/** The pg connection's own record of the named statements it has parsed. */
interface ParsedStatements {
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
}

interface ConnectionState {
  /** Named statements this process has sent on the connection. */
  named: number;
  inTransaction: boolean;
}

type Query = (text: string, values: unknown[]) => Promise<pg.QueryResult>;

/**
 * Prepared statements on a PostgreSQL server. Kysely sends every statement unnamed, so the
 * server parses and plans it each time: for the initiatives list and its roll-up that was
 * 3–4 ms of the server's time a request, more than running them. A SQL text with parameters
 * seen a second time in this process is sent as a named statement instead (its name is its
 * digest): node-postgres parses it once per connection, and the server may keep its plan, as
 * the embedded database's prepared statements do (prepared-statements.ts).
 *
 * PostgreSQL re-plans a prepared statement after DDL by itself but refuses to run one whose
 * result's columns changed ("cached plan must not change result type"). A statement that may
 * change the schema, sent through any connection of this process, moves an epoch that is part
 * of every name, so that later statements are prepared afresh; a refusal caused by another
 * process's DDL moves it too, and the statement is run again unnamed when no transaction is
 * open (inside one, the transaction has failed and its caller sees the error).
 */
export class PgPreparedStatements {
  /** Each text seen: null after its first run, its digest from the second on. */
  private readonly seen = new Map<string, string | null>();
  private readonly connections = new WeakMap<object, ConnectionState>();
  private epoch = 0;

  /** Runs a statement on a pool client, named when it has been seen before. */
  async query(client: pg.PoolClient, query: Query, text: string, values: unknown[]) {
    const state = this.stateOf(client);
    if (values.length === 0) {
      if (BEGIN.test(text)) state.inTransaction = true;
      else if (END.test(text)) state.inTransaction = false;
      else if (SCHEMA_CHANGE.test(text)) this.epoch++;
      return query(text, values);
    }
    const name = this.nameFor(client, state, text);
    if (name === null) return query(text, values);
    try {
      return await client.query({ name, text, values });
    } catch (error) {
      if (!planNoLongerFits(error)) throw error;
      this.epoch++;
      if (state.inTransaction) throw error;
      return query(text, values);
    }
  }

  private stateOf(client: pg.PoolClient): ConnectionState {
    let state = this.connections.get(client);
    if (!state) {
      state = { named: 0, inTransaction: false };
      this.connections.set(client, state);
    }
    return state;
  }

  private nameFor(client: pg.PoolClient, state: ConnectionState, text: string): string | null {
    if (!PREPARABLE.test(text)) return null;
    let digest = this.seen.get(text);
    if (digest === undefined) {
      if (this.seen.size >= SEEN_CAPACITY) this.seen.clear();
      this.seen.set(text, null);
      return null;
    }
    if (digest === null) {
      digest = createHash("sha1").update(text).digest("base64url");
      this.seen.set(text, digest);
    }
    const name = `esca_${this.epoch}_${digest}`;
    if (knownTo(client, name)) return name;
    if (state.named >= PREPARED_PER_CONNECTION) return null;
    state.named++;
    return name;
  }
}

/**
 * Whether node-postgres has parsed (or sent) this named statement on the connection: its
 * connection's own records, not a documented API (guarded by test/shortcuts/pg-named-statements.test.ts).
 * Without them every name counts as new, and past PREPARED_PER_CONNECTION statements run unnamed.
 */
export function knownTo(client: pg.PoolClient, name: string): boolean {
  const records = (client as unknown as { connection?: Partial<ParsedStatements> }).connection;
  return (
    records?.parsedStatements?.[name] !== undefined ||
    records?.submittedNamedStatements?.[name] !== undefined
  );
}

/** The server's refusal to run a prepared statement whose result's columns changed. */
function planNoLongerFits(error: unknown): boolean {
  const { code, message } = errorOf(error);
  return code === "0A000" && /cached plan must not change result type/.test(message ?? "");
}
