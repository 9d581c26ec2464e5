/**
 * COPY's text format, apart from the query builder so that the IATI staging worker (which
 * builds rows) loads nothing else.
 */

/**
 * Rows in PostgreSQL's COPY text format (one line per row, fields separated by tabs, `\N` for
 * null; see copyField), as text or as its UTF-8 bytes, travelling to the driver as the one
 * parameter of a `copy … from stdin` statement. Both pools recognise it (pglite-pool.ts,
 * connect.ts): the embedded database reads it as a blob, PostgreSQL as the COPY data stream.
 * Either way it runs on the connection that carries the caller's transaction.
 */
export class CopyText {
  constructor(readonly data: string | Uint8Array<ArrayBuffer>) {}
}

const encoder = new TextEncoder();

/**
 * COPY lines gathered as UTF-8 bytes: each appended piece is encoded at once, so that many
 * rows cost one growing buffer rather than many strings kept alive until they are written,
 * and the bytes can move to another thread without a copy (take() hands over its own buffer).
 * A buffer given back once its rows are written (recycle) is filled again: a large import then
 * allocates a few buffers instead of one per batch, which would otherwise pile up as external
 * memory that V8 collects garbage for, on both threads.
 */
export class CopyBuffer {
  private bytes: Uint8Array<ArrayBuffer>;
  private used = 0;
  private readonly spare: ArrayBuffer[] = [];

  constructor(private readonly initialBytes = 1 << 20) {
    this.bytes = new Uint8Array(initialBytes);
  }

  get byteLength(): number {
    return this.used;
  }

  /** Appends text made of whole lines (copyField fields, tabs, a newline after each row). */
  append(text: string) {
    // A UTF-16 code unit never takes more than three bytes in UTF-8.
    const needed = this.used + text.length * 3;
    if (needed > this.bytes.length) {
      const grown = new Uint8Array(Math.max(needed, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    this.used += encoder.encodeInto(text, this.bytes.subarray(this.used)).written;
  }

  /**
   * The bytes appended since the last take, in a buffer of their own (this one's, which goes
   * with them); starts anew in a recycled buffer, or a new one.
   */
  take(): Uint8Array<ArrayBuffer> {
    const taken = this.bytes.subarray(0, this.used);
    const spare = this.spare.pop();
    this.bytes = spare ? new Uint8Array(spare) : new Uint8Array(this.initialBytes);
    this.used = 0;
    return taken;
  }

  /** A buffer that take() handed over, its rows written: filled again by a later take. */
  recycle(buffer: ArrayBuffer) {
    if (this.spare.length < MAX_SPARE && buffer.byteLength > 0) this.spare.push(buffer);
  }
}

/** Buffers kept for reuse per CopyBuffer: as many as batches are in flight at once. */
const MAX_SPARE = 3;

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
