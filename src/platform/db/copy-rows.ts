import { CompiledQuery, type Kysely } from "kysely";
import { CopyText } from "./copy-format.ts";

/**
 * Appends rows to a table with COPY: several times faster than an INSERT of the same rows on
 * the embedded database (no parameters to decode, no plan), and the triggers and constraints
 * of the table apply as for an insert. `lines` holds whole lines built with copyField, as text
 * or UTF-8 bytes (CopyBuffer).
 */
export async function copyRows<DB>(
  db: Kysely<DB>,
  table: string,
  columns: readonly string[],
  lines: string | Uint8Array<ArrayBuffer>,
): Promise<void> {
  if (lines.length === 0) return;
  const name = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
  await db.executeQuery(
    CompiledQuery.raw(`copy ${name(table)} (${columns.map(name).join(", ")}) from stdin`, [
      new CopyText(lines),
    ]),
  );
}
