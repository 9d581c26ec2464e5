import type { PGlite, Results } from "@electric-sql/pglite";

/** Prepared statements kept per embedded database before the least recently used is dropped. */
export const PREPARED_CAPACITY = 500;
/** SQL texts remembered as seen once (a text is prepared when it has run twice). */
const SEEN_CAPACITY = 2000;
/** Names are unique in the process, so two pools on one PGlite never take the same one. */
let lastName = 0;

/** What PREPARE accepts and ESCA Hub sends with parameters: a query, never COPY or DDL. */
export const PREPARABLE = /^\s*(select|insert|update|delete|with|values|merge)\b/i;
/** A statement after which prepared plans may no longer fit (a result's columns changed). */
export const SCHEMA_CHANGE = /\b(create|alter|drop|discard|deallocate|import)\b/i;
const HARMLESS =
  /^\s*(insert|update|delete|savepoint|release|lock|notify|listen|unlisten|set|reset|truncate|analyze|vacuum|checkpoint)\b/i;

interface Prepared {
  name: string;
  /** The parameters' type OIDs, as PostgreSQL inferred them (what PGlite's Describe reads). */
  types: number[];
}

type Serializer = (value: unknown) => unknown;

const caches = new WeakMap<PGlite, PreparedStatements>();

/**
 * A statement without parameters that may change what a prepared statement reads or returns:
 * anything but a plain data change or session command (migration scripts start with comments).
 * PostgreSQL re-plans a prepared statement after DDL by itself, but refuses to run one whose
 * result's columns changed (`select *` after ADD COLUMN: "cached plan must not change result
 * type"), so the cache is emptied after these.
 */
export function mayChangeSchema(sql: string): boolean {
  return !HARMLESS.test(sql) || SCHEMA_CHANGE.test(sql);
}

/**
 * A value as a SQL literal PostgreSQL reads exactly as the text PGlite would bind: single
 * quotes, a quote doubled; a backslash makes it an E'' literal with backslashes doubled, so
 * standard_conforming_strings does not matter.
 */
export function textLiteral(text: string): string {
  const quoted = text.replaceAll("'", "''");
  return text.includes("\\") ? `E'${quoted.replaceAll("\\", "\\\\")}'` : `'${quoted}'`;
}

export const errorOf = (error: unknown) =>
  (typeof error === "object" && error !== null ? error : {}) as {
    code?: string;
    message?: string;
  };

/**
 * The embedded database's prepared statements. PGlite runs a statement with parameters as
 * parse, describe, bind, describe, execute — a parse and plan each time, most of a small
 * statement's cost. A SQL text that has run successfully twice is PREPAREd, and from then on
 * runs as `execute esca_N('…', NULL, …)`: each value is the very text PGlite's serializer for
 * the parameter's type would bind (its own `serializers`), written as a literal, which
 * PostgreSQL converts with the type's input function as it converts a bound text parameter;
 * rows are parsed by the same parsers. A value whose text cannot be a literal (NUL, binary)
 * takes the normal path. Inside a transaction PREPARE runs under a savepoint, so that even
 * an unexpected failure leaves the caller's transaction as it was.
 */
export class PreparedStatements {
  /** The one cache of an embedded database, whichever pools use it. */
  static of(pglite: PGlite): PreparedStatements {
    let statements = caches.get(pglite);
    if (!statements) {
      statements = new PreparedStatements(pglite);
      caches.set(pglite, statements);
    }
    return statements;
  }

  private readonly prepared = new Map<string, Prepared>();
  private readonly seen = new Set<string>();
  /** Texts PREPARE refused: they always take the normal path. */
  private readonly refused = new Set<string>();
  /** A schema change in the open transaction: its rollback may undo what plans were made for. */
  private changedInTransaction = false;

  constructor(
    private readonly pglite: PGlite,
    private readonly capacity = PREPARED_CAPACITY,
  ) {}

  /** The statement run as its prepared form, or undefined when it must take the normal path. */
  async execute(
    sql: string,
    parameters: readonly unknown[],
    inTransaction: boolean,
  ): Promise<Results | undefined> {
    const statement = this.prepared.get(sql);
    if (!statement || statement.types.length !== parameters.length) return undefined;
    const literals = this.literals(statement.types, parameters);
    if (literals === undefined) return undefined;
    // Least recently used last out: a hit moves to the end.
    this.prepared.delete(sql);
    this.prepared.set(sql, statement);
    try {
      const results = await this.pglite.exec(`execute ${statement.name}(${literals})`);
      return results[results.length - 1];
    } catch (error) {
      const { code, message } = errorOf(error);
      const stale =
        code === "26000" || (code === "0A000" && message?.includes("cached plan") === true);
      if (stale) await this.forgetAll(inTransaction);
      // Nothing ran: outside a transaction the normal path answers as if never prepared.
      if (stale && !inTransaction) return undefined;
      // The error as the normal path reports it: its statement and parameters, no position
      // (a position would point into the EXECUTE's text).
      const reported = error as { query?: string; params?: unknown; position?: string | undefined };
      if (typeof error === "object" && error !== null && "query" in error) {
        reported.query = sql;
        reported.params = parameters;
        reported.position = undefined;
      }
      throw error;
    }
  }

  /** After the normal path ran `sql` successfully: prepared the second time it does. */
  async ranNormally(sql: string, inTransaction: boolean): Promise<void> {
    if (this.refused.has(sql) || this.prepared.has(sql) || !PREPARABLE.test(sql)) return;
    if (!this.seen.has(sql)) {
      if (this.seen.size >= SEEN_CAPACITY) this.seen.clear();
      this.seen.add(sql);
      return;
    }
    if (!this.serializers()) return;
    this.seen.delete(sql);
    const name = `esca_${++lastName}`;
    const evicted = this.prepared.size >= this.capacity ? this.prepared.keys().next().value : null;
    const dropped = evicted === null || evicted === undefined ? null : this.prepared.get(evicted);
    const steps = [
      dropped ? `deallocate ${dropped.name}` : "",
      `prepare ${name} as ${sql}`,
      `select parameter_types::oid[] as types from pg_prepared_statements where name = '${name}'`,
    ].filter(Boolean);
    try {
      const results = inTransaction
        ? await this.underSavepoint(steps)
        : await this.pglite.exec(steps.join(";\n"));
      const found = results.find((result) => result.command === "SELECT")?.rows[0];
      const types = found as { types?: number[] } | undefined;
      if (!Array.isArray(types?.types)) throw new Error(`no parameter types for ${name}`);
      if (evicted !== null && evicted !== undefined) this.prepared.delete(evicted);
      this.prepared.set(sql, { name, types: types.types });
    } catch {
      // Never the caller's failure: the text keeps the normal path. An evicted statement may
      // be gone already; forget it too (a name is never used again).
      this.refused.add(sql);
      if (evicted !== null && evicted !== undefined) this.prepared.delete(evicted);
    }
  }

  /** After a statement without parameters ran (or failed outside a transaction). */
  async afterPlainStatement(sql: string, inTransaction: boolean): Promise<void> {
    if (!mayChangeSchema(sql)) return;
    if (inTransaction) this.changedInTransaction = true;
    await this.forgetAll(inTransaction);
  }

  /** After COMMIT or ROLLBACK: a rolled back schema change empties the cache again. */
  async afterTransaction(rolledBack: boolean): Promise<void> {
    const changed = this.changedInTransaction;
    this.changedInTransaction = false;
    if (rolledBack && changed) await this.forgetAll(false);
  }

  /** Every prepared statement dropped (DEALLOCATE is not undone by a rollback). */
  private async forgetAll(inTransaction: boolean): Promise<void> {
    if (this.prepared.size === 0) return;
    const names = [...this.prepared.values()].map((statement) => statement.name);
    this.prepared.clear();
    this.seen.clear();
    const steps = names.map((name) => `deallocate ${name}`);
    try {
      if (inTransaction) await this.underSavepoint(steps);
      else await this.pglite.exec(steps.join(";\n"));
    } catch {
      // A transaction already failed keeps them until its end; names are never used again.
    }
  }

  private async underSavepoint(steps: string[]): Promise<Results[]> {
    try {
      return await this.pglite.exec(
        ["savepoint esca_prepare", ...steps, "release savepoint esca_prepare"].join(";\n"),
      );
    } catch (error) {
      await this.pglite.exec("rollback to savepoint esca_prepare; release savepoint esca_prepare");
      throw error;
    }
  }

  private serializers(): Record<number, Serializer> | undefined {
    const serializers = (this.pglite as { serializers?: Record<number, Serializer> }).serializers;
    return typeof serializers === "object" && serializers !== null ? serializers : undefined;
  }

  /**
   * The parameters as EXECUTE's argument list, each the text PGlite's query() would bind
   * (base.ts: the serializer of the parameter's type, else toString(); null and undefined as
   * NULL), or undefined when one cannot be written as a literal.
   */
  private literals(types: number[], parameters: readonly unknown[]): string | undefined {
    const serializers = this.serializers();
    if (!serializers) return undefined;
    const literals: string[] = [];
    for (const [i, value] of parameters.entries()) {
      if (value === null || value === undefined) {
        literals.push("NULL");
        continue;
      }
      const serialize = serializers[types[i] ?? 0];
      let text: unknown;
      try {
        text = serialize ? serialize(value) : (value as { toString(): unknown }).toString();
      } catch {
        return undefined; // the normal path throws the same error
      }
      // Bound as binary (a view), or a NUL that would end the statement's text: normal path.
      if (typeof text !== "string" || text.includes("\0")) return undefined;
      literals.push(textLiteral(text));
    }
    return literals.join(", ");
  }
}
