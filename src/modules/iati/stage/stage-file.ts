import { type IatiFileHeader, readIatiActivities } from "../read/read-iati-stream.ts";
import {
  ActivityStager,
  type PublisherActivity,
  type StagedTotals,
  type StagerSetup,
} from "./activity-stager.ts";
import type { SpentBuffers, StagedBatch } from "./staged-rows.ts";

/**
 * Rows (activities, transactions, budgets) per write: large enough that round trips and
 * per-statement work vanish, small enough that a batch stays a few megabytes. The first batches
 * are smaller (doubling up to it), so that writing starts early while the file is parsed; so
 * are the last ones (see batchLimit), so that little is left to write once the file is read.
 */
const BATCH_ROWS = 20_000;
const FIRST_BATCH_ROWS = 2_000;

/**
 * How many rows the next batch takes: doubling from FIRST_BATCH_ROWS up to BATCH_ROWS, and
 * towards the end of the file at most half of the rows still expected (estimated from the
 * rows per byte so far), so that batches shrink as the file ends. Parsing runs ahead of
 * writing, so the last batch is all that is written after the file's last byte is read: a
 * small one instead of a full one (about a tenth of a second less for 50 MB).
 */
export function batchLimit(state: {
  previous: number;
  rowsSoFar: number;
  bytesRead: number;
  totalBytes: number;
}): number {
  const growing = Math.min(BATCH_ROWS, state.previous * 2);
  if (state.bytesRead === 0 || state.totalBytes <= state.bytesRead) return growing;
  const expected = (state.rowsSoFar / state.bytesRead) * (state.totalBytes - state.bytesRead);
  return Math.max(FIRST_BATCH_ROWS, Math.min(growing, Math.floor(expected / 2)));
}

/** What staging a file yields, in file order; "rows" are ready for insertStagedRows. */
export type StageEvent =
  | { kind: "header"; header: IatiFileHeader }
  | { kind: "publisher"; first: PublisherActivity }
  | { kind: "rows"; batch: StagedBatch }
  | { kind: "end"; totals: StagedTotals };

export interface StageOptions {
  path: string;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** A file being staged: `events` runs it once the database has given what staging needs. */
export interface FileStaging {
  events(setup: StagerSetup): AsyncGenerator<StageEvent>;
  /** Stops staging that will not be read (the import ended before asking for the events). */
  cancel(): Promise<void>;
}

/**
 * Staging in this thread: the file is read as the events are asked for. Cancelling stops the
 * reading, so that an event asked for and still pending settles at once (with an AbortError
 * nobody reads) instead of once the file has been read up to its next activity.
 */
export function stageInThread(options: StageOptions): FileStaging {
  const stop = new AbortController();
  return {
    events: (setup) => stageIatiFile({ ...options, signal: stop.signal }, setup),
    cancel: async () => stop.abort(),
  };
}

/**
 * Streams a file through the guard and the stager. The consumer writes each "rows" event
 * before asking for the next, so at most one batch waits in memory. `spent` is where a
 * consumer on another thread puts the buffers of batches it has written: they are filled again.
 */
export async function* stageIatiFile(
  options: StageOptions & { signal?: AbortSignal },
  setup: StagerSetup,
  spent: SpentBuffers[] = [],
): AsyncGenerator<StageEvent> {
  const stager = new ActivityStager(setup);
  let batchRows = FIRST_BATCH_ROWS;
  let bytesRead = 0;
  let totalBytes = 0;
  let rowsTaken = 0;
  for await (const item of readIatiActivities(options.path, {
    ...(options.signal && { signal: options.signal }),
    onProgress: (read, total) => {
      bytesRead = read;
      totalBytes = total;
      options.onProgress?.(read, total);
    },
  })) {
    if (item.kind === "header") {
      stager.header(item.header);
      yield item;
      continue;
    }
    const first = stager.activity(item.node, item.endLine);
    if (first) yield { kind: "publisher", first };
    if (stager.rowCount >= batchRows) {
      for (let buffers = spent.pop(); buffers; buffers = spent.pop()) stager.recycle(buffers);
      rowsTaken += stager.rowCount;
      yield* take(stager);
      batchRows = batchLimit({ previous: batchRows, rowsSoFar: rowsTaken, bytesRead, totalBytes });
    }
  }
  yield* take(stager);
  yield { kind: "end", totals: stager.totals };
}

function* take(stager: ActivityStager): Generator<StageEvent> {
  const batch = stager.take();
  if (batch) yield { kind: "rows", batch };
}
