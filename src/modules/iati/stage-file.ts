import {
  ActivityStager,
  type PublisherActivity,
  type StagedTotals,
  type StagerSetup,
} from "./activity-stager.ts";
import { type IatiFileHeader, readIatiActivities } from "./read-iati-stream.ts";
import type { StagedBatch } from "./staged-rows.ts";

/**
 * Rows (activities, transactions, budgets) per write: large enough that round trips and
 * per-statement work vanish, small enough that a batch stays a few megabytes. The first batches
 * are smaller (doubling up to it), so that writing starts early while the file is parsed.
 */
const BATCH_ROWS = 20_000;
const FIRST_BATCH_ROWS = 2_000;

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

/** Staging in this thread: the file is read as the events are asked for. */
export function stageInThread(options: StageOptions): FileStaging {
  return { events: (setup) => stageIatiFile(options, setup), cancel: async () => undefined };
}

/**
 * Streams a file through the guard and the stager. The consumer writes each "rows" event
 * before asking for the next, so at most one batch waits in memory.
 */
export async function* stageIatiFile(
  options: StageOptions,
  setup: StagerSetup,
): AsyncGenerator<StageEvent> {
  const stager = new ActivityStager(setup);
  let batchRows = FIRST_BATCH_ROWS;
  for await (const item of readIatiActivities(options.path, {
    ...(options.onProgress && { onProgress: options.onProgress }),
  })) {
    if (item.kind === "header") {
      stager.header(item.header);
      yield item;
      continue;
    }
    const first = stager.activity(item.node, item.endLine);
    if (first) yield { kind: "publisher", first };
    if (stager.rowCount >= batchRows) {
      yield* take(stager);
      batchRows = Math.min(BATCH_ROWS, batchRows * 2);
    }
  }
  yield* take(stager);
  yield { kind: "end", totals: stager.totals };
}

function* take(stager: ActivityStager): Generator<StageEvent> {
  const batch = stager.take();
  if (batch) yield { kind: "rows", batch };
}
