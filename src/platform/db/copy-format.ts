/**
 * COPY's text format, apart from the query builder so that the IATI staging worker (which
 * builds rows) loads nothing else.
 */

/**
 * Rows in PostgreSQL's COPY text format (one line per row, fields separated by tabs, `\N` for
 * null; see copyField), travelling to the driver as the one parameter of a `copy … from stdin`
 * statement. Both pools recognise it (pglite-pool.ts, connect.ts): the embedded database reads
 * it as a blob, PostgreSQL as the COPY data stream. Either way it runs on the connection that
 * carries the caller's transaction.
 */
export class CopyText {
  constructor(readonly text: string) {}
}

/** `copy table (columns) from stdin`, as the pools expect it. */
export const COPY_FROM_STDIN = / from stdin$/;

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const escapeCharacter = (character: string) => ESCAPES[character] ?? character;

/**
 * One field in COPY's text format: null is `\N`; a backslash, tab, newline or carriage return
 * is escaped, so that a value can never end its field or its row.
 */
export function copyField(value: string | number | bigint | null): string {
  if (value === null) return "\\N";
  if (typeof value !== "string") return String(value);
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, escapeCharacter) : value;
}
