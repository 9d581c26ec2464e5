import type { IatiProblem } from "../read/iati-activity.ts";
import type { IatiStreamItem } from "../read/read-iati-stream.ts";
import { detached } from "../read/xml-node.ts";
import { type LoadedSchema, loadSchema, validateDocument } from "./schema-validate.ts";

/**
 * Characters of the file per xmllint run. A run costs about 70 ms of its own (a worker, the
 * WebAssembly module, the schema) plus about 30 ms per MB, and holds a few copies of its batch:
 * at 8 MB the runs take about a fifth of the time, and a 40 MB file peaks some 40 MB above a
 * 5 MB one (the whole file in one run: 130 MB above).
 */
const BATCH_CHARS = 8 * 1024 * 1024;

/**
 * Validates an activity file against the official schema while the reader streams it: the text
 * the guard has accepted is cut into batches of whole activities, and one batch is validated
 * (in xmllint's worker) while the next is read. Memory follows a batch, not the file.
 *
 * The first batch is the file's beginning as it is, closed with `</iati-activities>`. Each later
 * one is its own document: the root's start tag as published (namespaces included), a newline,
 * the batch's text, and `</iati-activities>` unless it is the file's end. Its errors move back to
 * the file's lines; those on the copied start tag are dropped (the first batch reported them).
 * Lines are counted as libxml2 counts them (line feeds), so each error keeps the line the whole
 * file would give it. The file is split only between two <iati-activity> elements with no other
 * element between them: every batch's root then starts with an activity as the file's does, and
 * the root's content model sees nothing the whole file would not show it.
 */
export class SchemaBatches {
  /** Read at the first batch, so that the guard speaks first about a broken file. */
  private schema: LoadedSchema | null = null;
  private readonly problems: IatiProblem[] = [];
  /** Accepted text not yet validated, from `start` (an offset in the file's text) on `startLine`. */
  private pieces: string[] = [];
  private pieceChars = 0;
  private start = 0;
  private startLine = 1;
  private rootTagEnd = 0;
  private rootTag = "";
  private runs = 0;
  private running: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly schemaDir: string,
    private readonly batchChars = BATCH_CHARS,
  ) {}

  /** xmllint runs started so far. */
  get batchCount(): number {
    return this.runs;
  }

  /** The reader's `onText`. */
  readonly append = (text: string) => {
    this.pieces.push(text);
    this.pieceChars += text.length;
  };

  /** Each item the reader yields; once a batch is full, waits for the one before it. */
  async take(item: IatiStreamItem): Promise<void> {
    if (item.kind === "header") this.rootTagEnd = item.rootTagEnd;
    else if (item.splitBefore !== null && item.splitBefore - this.start >= this.batchChars) {
      await this.settle();
      this.validate(item.splitBefore, false);
    }
  }

  /** Validates the rest of the file; the schema's problems, at the file's lines. */
  async finish(): Promise<IatiProblem[]> {
    await this.settle();
    this.validate(this.start + this.pieceChars, true);
    await this.settle();
    return this.problems;
  }

  /** Waits for the batch being validated, if any; its outcome no longer matters. */
  async abandon(): Promise<void> {
    await this.running;
  }

  private async settle() {
    await this.running;
    if (this.failure) throw this.failure.error;
  }

  /** Starts validating the text up to `end`; a failure waits for the next settle. */
  private validate(end: number, last: boolean) {
    this.schema ??= loadSchema(this.schemaDir, "activities");
    const first = this.start === 0;
    const pieces = this.cut(end);
    if (first && !last) this.rootTag = rootStartTag(pieces, this.rootTagEnd);
    // Lines 1…prefixLines of a later batch hold the copied start tag; its text starts on the next.
    const prefixLines = first ? 0 : lineFeeds(this.rootTag) + 1;
    const shift = this.startLine - prefixLines - 1;
    // A string, not UTF-8 bytes: its copies live in V8's heaps, which hand memory back, where
    // one buffer of this size per run left the process's resident memory tens of MB higher.
    const document = [
      first ? "" : `${this.rootTag}\n`,
      ...pieces,
      last ? "" : "</iati-activities>",
    ].join("");
    this.runs++;
    this.running = validateDocument(this.schema, document).then(
      (problems) => {
        for (const problem of problems)
          if (problem.line === 0) this.problems.push(problem);
          else if (problem.line > prefixLines)
            this.problems.push({ ...problem, line: problem.line + shift });
      },
      (error: unknown) => {
        this.failure = { error };
      },
    );
    this.start = end;
    for (const piece of pieces) this.startLine += lineFeeds(piece);
  }

  /** The buffered pieces up to `end`; the rest stays buffered. */
  private cut(end: number): string[] {
    const taken: string[] = [];
    let wanted = end - this.start;
    while (wanted > 0) {
      const piece = this.pieces.shift();
      if (piece === undefined) break;
      if (piece.length > wanted) this.pieces.unshift(piece.slice(wanted));
      taken.push(piece.slice(0, wanted));
      wanted -= piece.length;
    }
    this.pieceChars -= end - this.start;
    return taken;
  }
}

/** The root's start tag, which ends at `end` in the first batch. */
function rootStartTag(pieces: string[], end: number): string {
  let head = "";
  for (const piece of pieces) {
    if (head.length >= end) break;
    head += piece;
  }
  // The tag holds no other "<" (attribute values cannot). Kept for the whole file: detached.
  return detached(head.slice(head.lastIndexOf("<", end - 1), end));
}

/** libxml2 counts lines by line feeds alone (a lone carriage return starts none). */
function lineFeeds(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
  return count;
}
