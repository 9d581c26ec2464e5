import { parentPort } from "node:worker_threads";
import { AppError } from "../../../platform/errors.ts";
import { youngGenerationCollector } from "../../../platform/exposed-gc.ts";
import type { StagerSetup } from "./activity-stager.ts";
import { type StageEvent, stageIatiFile } from "./stage-file.ts";
import type { SpentBuffers } from "./staged-rows.ts";

/** Batches staged ahead of the one being written: bounds the memory a fast parser can take. */
const ROWS_AHEAD = 2;

/**
 * What the importing thread says: a file to stage (one at a time), then "written" after each
 * "rows". A worker stages file after file, so a kept worker runs code already compiled.
 */
export type ToWorker =
  | { kind: "stage"; path: string; setup: StagerSetup }
  | { kind: "written"; spent: SpentBuffers };

/** What the worker says, in file order; "end" or "failed" ends a file. */
export type FromWorker =
  | StageEvent
  | { kind: "progress"; bytesRead: number; totalBytes: number }
  | { kind: "failed"; error: { message: string; code?: string; details?: unknown } };

const port = parentPort;
if (port) {
  const post = (message: FromWorker) =>
    // A batch's bytes move to the importing thread instead of being copied.
    port.postMessage(
      message,
      message.kind === "rows" ? Object.values(message.batch).map((bytes) => bytes.buffer) : [],
    );
  const files: Array<{ path: string; setup: StagerSetup }> = [];
  let nextFile: (() => void) | null = null;
  let credits = ROWS_AHEAD;
  /** The buffers of batches written, back from the importing thread to be filled again. */
  let spent: SpentBuffers[] = [];
  let written: (() => void) | null = null;
  port.on("message", (message: ToWorker) => {
    if (message.kind === "stage") {
      files.push(message);
      nextFile?.();
      nextFile = null;
      return;
    }
    spent.push(message.spent);
    credits++;
    written?.();
    written = null;
  });

  async function stage(path: string, setup: StagerSetup) {
    credits = ROWS_AHEAD;
    spent = [];
    try {
      const events = stageIatiFile(
        {
          path,
          onProgress: (bytesRead, totalBytes) => post({ kind: "progress", bytesRead, totalBytes }),
        },
        setup,
        spent,
      );
      for await (const event of events) {
        if (event.kind === "rows") {
          while (credits === 0) await new Promise<void>((resolve) => (written = resolve));
          credits--;
        }
        post(event);
      }
    } catch (error) {
      post({
        kind: "failed",
        error:
          error instanceof AppError
            ? { message: error.message, code: error.code, details: error.details }
            : { message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
      });
    }
  }

  // A kept thread waits with what its last file left: collected at once, it waits in a few
  // megabytes instead of the hundred or more a large file's garbage holds until the next one.
  // One young-generation collection (what gc({ type: "major" }) did on Node 20, where these
  // figures were measured): a full collection (a bare gc()) also drops the shapes of the
  // parser's objects while none is alive and the compiled code built on them; after six files
  // so collected, parsing ran three times slower for good. Null without an exposed gc(): the
  // thread then waits with its garbage until V8 collects it.
  const collect = youngGenerationCollector();
  for (;;) {
    const file = files.shift();
    if (file) {
      await stage(file.path, file.setup);
      if (files.length === 0) collect?.();
    } else await new Promise<void>((resolve) => (nextFile = resolve));
  }
}
