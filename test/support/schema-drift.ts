import { fileURLToPath } from "node:url";
import { type Kysely, sql } from "kysely";
import ts from "typescript";
import type { Database } from "../../src/platform/db/schema.ts";

/**
 * Reads the two descriptions of the database — src/platform/db/schema.ts as the TypeScript
 * compiler sees it, and a migrated database's information_schema — and lists where they
 * differ, each difference naming its table and column.
 */

/** What a column's value is to TypeScript, or to the database once decoded (type-parsers.ts). */
type ValueKind =
  | "string"
  | "number"
  | "bigint"
  | "boolean"
  | "Date"
  | "array"
  | "object"
  | "unknown";

export interface DeclaredColumn {
  kinds: ValueKind[];
  /** Null for `unknown` (JSON), which cannot say whether null is read. */
  nullable: boolean | null;
  /** The members of a union of string literals, sorted; null when any string is allowed. */
  values: string[] | null;
}

export interface DatabaseColumn {
  dataType: string;
  nullable: boolean;
  /** The values a single-column CHECK (column in (…)) allows, sorted; null without one. */
  values: string[] | null;
}

type Tables<Column> = Map<string, Map<string, Column>>;

export const schemaPath = fileURLToPath(
  new URL("../../src/platform/db/schema.ts", import.meta.url),
);

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2023.d.ts"],
  types: [],
  strict: true,
  exactOptionalPropertyTypes: true,
  allowImportingTsExtensions: true,
  noEmit: true,
  skipLibCheck: true,
};

/**
 * The tables of schema.ts's `Database` interface with each column's selected type (the first
 * argument of ColumnType / Generated). `source` replaces the file's text, to show what a drift
 * looks like; its imports resolve as the real file's do.
 */
export function readDeclaredSchema(source?: string): Tables<DeclaredColumn> {
  const host = ts.createCompilerHost(compilerOptions);
  if (source !== undefined) {
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, ...rest) =>
      fileName === schemaPath
        ? ts.createSourceFile(fileName, source, languageVersion)
        : getSourceFile(fileName, languageVersion, ...rest);
  }
  const program = ts.createProgram({ rootNames: [schemaPath], options: compilerOptions, host });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(schemaPath);
  const database = file?.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "Database",
  );
  if (!database) throw new Error(`${schemaPath} declares no interface Database`);
  const tables: Tables<DeclaredColumn> = new Map();
  for (const member of database.members) {
    if (!ts.isPropertySignature(member) || !member.name || !ts.isIdentifier(member.name)) continue;
    const columns = new Map<string, DeclaredColumn>();
    for (const column of checker.getPropertiesOfType(checker.getTypeAtLocation(member))) {
      columns.set(column.name, describe(checker, selectedTypes(checker, column)));
    }
    tables.set(member.name.text, columns);
  }
  return tables;
}

/** The union members a SELECT reads: ColumnType<S, I, U> and Generated<S> read as S. */
function selectedTypes(checker: ts.TypeChecker, column: ts.Symbol): ts.Type[] {
  const members = (type: ts.Type) => (type.isUnion() ? type.types : [type]);
  return members(checker.getTypeOfSymbol(column)).flatMap((type) => {
    const selected = type.getProperty("__select__");
    return selected ? members(checker.getTypeOfSymbol(selected)) : [type];
  });
}

function describe(checker: ts.TypeChecker, types: ts.Type[]): DeclaredColumn {
  const kinds = new Set<ValueKind>();
  const literals: string[] = [];
  let anyString = false;
  let nullable = false;
  for (const type of types) {
    const f = type.flags;
    if (f & ts.TypeFlags.Null) nullable = true;
    else if (f & ts.TypeFlags.StringLiteral) {
      kinds.add("string");
      literals.push((type as ts.StringLiteralType).value);
    } else if (f & ts.TypeFlags.String) {
      kinds.add("string");
      anyString = true;
    } else if (f & ts.TypeFlags.NumberLike) kinds.add("number");
    else if (f & ts.TypeFlags.BigIntLike) kinds.add("bigint");
    else if (f & ts.TypeFlags.BooleanLike) kinds.add("boolean");
    else if (f & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) kinds.add("unknown");
    else if (checker.isArrayType(type)) kinds.add("array");
    else if (type.getSymbol()?.name === "Date") kinds.add("Date");
    else if (f & ts.TypeFlags.Object) kinds.add("object");
    else kinds.add("unknown");
  }
  return {
    kinds: [...kinds].sort(),
    nullable: kinds.has("unknown") ? null : nullable,
    values: anyString || literals.length === 0 ? null : [...new Set(literals)].sort(),
  };
}

/** `(kind = ANY (ARRAY['member_state'::text, 'oas_body'::text]))` → its column and values. */
const listedValues = /^\(+\(?(\w+)\)?(?:::[\w ]+)? = ANY \(+ARRAY\[(.*)\](?:::[\w ]+\[\])?\)+$/;

/** The migrated database's tables, columns, nullability and listed CHECK values. */
export async function readDatabaseSchema(db: Kysely<Database>): Promise<Tables<DatabaseColumn>> {
  const columns = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: "YES" | "NO";
  }>`
    select c.table_name, c.column_name, c.data_type, c.is_nullable
    from information_schema.columns c
    join information_schema.tables t using (table_schema, table_name)
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const checks = await sql<{ table_name: string; column_name: string; check_clause: string }>`
    select u.table_name, u.column_name, c.check_clause
    from information_schema.check_constraints c
    join information_schema.constraint_column_usage u using (constraint_schema, constraint_name)
    where c.constraint_schema = current_schema()
      and (select count(*) from information_schema.constraint_column_usage o
           where o.constraint_schema = c.constraint_schema
             and o.constraint_name = c.constraint_name) = 1`.execute(db);
  const tables: Tables<DatabaseColumn> = new Map();
  for (const row of columns.rows) {
    const table = tables.get(row.table_name) ?? new Map<string, DatabaseColumn>();
    table.set(row.column_name, {
      dataType: row.data_type,
      nullable: row.is_nullable === "YES",
      values: null,
    });
    tables.set(row.table_name, table);
  }
  for (const row of checks.rows) {
    const match = listedValues.exec(row.check_clause);
    const column = tables.get(row.table_name)?.get(row.column_name);
    if (!match || match[1] !== row.column_name || !column) continue;
    const values = [...(match[2] ?? "").matchAll(/'((?:[^']|'')*)'/g)].map((m) =>
      (m[1] ?? "").replaceAll("''", "'"),
    );
    column.values = [...new Set([...(column.values ?? []), ...values])].sort();
  }
  return tables;
}

/** What a database type decodes to (src/platform/db/type-parsers.ts); JSON may hold an object or an array. */
const kindsOf: Record<string, ValueKind[]> = {
  text: ["string"],
  character: ["string"],
  "character varying": ["string"],
  uuid: ["string"],
  date: ["string"],
  numeric: ["string"],
  smallint: ["number"],
  integer: ["number"],
  bigint: ["bigint"],
  boolean: ["boolean"],
  "timestamp with time zone": ["Date"],
  json: ["unknown", "object", "array"],
  jsonb: ["unknown", "object", "array"],
  // pg decodes bytea to a Buffer, PGlite to a Uint8Array: bytes either way.
  bytea: ["object"],
  ARRAY: ["array"],
};

const list = (values: string[]) => values.map((v) => `'${v}'`).join(", ");

/** Every difference between schema.ts and the database, one line each, naming table.column. */
export function compareSchemas(
  declared: Tables<DeclaredColumn>,
  database: Tables<DatabaseColumn>,
): string[] {
  const problems: string[] = [];
  for (const name of database.keys())
    if (!declared.has(name))
      problems.push(`${name}: a table of the database, missing from schema.ts`);
  for (const [name, columns] of declared) {
    const actual = database.get(name);
    if (!actual) {
      problems.push(`${name}: a table of schema.ts, missing from the database`);
      continue;
    }
    for (const column of actual.keys())
      if (!columns.has(column))
        problems.push(`${name}.${column}: a column of the database, missing from schema.ts`);
    for (const [column, type] of columns) {
      const where = `${name}.${column}`;
      const real = actual.get(column);
      if (!real) {
        problems.push(`${where}: a column of schema.ts, missing from the database`);
        continue;
      }
      problems.push(...compareColumn(where, type, real));
    }
  }
  return problems;
}

function compareColumn(where: string, type: DeclaredColumn, real: DatabaseColumn): string[] {
  const problems: string[] = [];
  const expected = kindsOf[real.dataType];
  if (!expected)
    problems.push(`${where}: the database type ${real.dataType} has no TypeScript type here`);
  else if (type.kinds.length !== 1 || !expected.includes(type.kinds[0] as ValueKind))
    problems.push(
      `${where}: schema.ts reads ${type.kinds.join(" | ")}, the database's ${real.dataType} reads ${expected.join(" or ")}`,
    );
  if (type.nullable !== null && type.nullable !== real.nullable)
    problems.push(
      real.nullable
        ? `${where}: the database allows null, schema.ts does not say so`
        : `${where}: schema.ts allows null, the database column is not null`,
    );
  if (type.values && !real.values)
    problems.push(
      `${where}: schema.ts allows only ${list(type.values)}, the database has no CHECK listing them`,
    );
  else if (!type.values && real.values)
    problems.push(
      `${where}: the database allows only ${list(real.values)}, schema.ts types it as any string`,
    );
  else if (type.values && real.values && list(type.values) !== list(real.values))
    problems.push(
      `${where}: schema.ts allows ${list(type.values)}, the database's CHECK allows ${list(real.values)}`,
    );
  return problems;
}
