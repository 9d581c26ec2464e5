import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode, type ErrorDetail } from "../../platform/errors.ts";
import type { StagerSetup } from "./activity-stager.ts";
import type { FileStaging, StageEvent, StageOptions } from "./stage-file.ts";
import type { FromWorker, ToWorker } from "./stage-worker.ts";

/**
 * Staging in a worker thread: the file is read, checked, parsed and turned into rows there
 * while this thread writes the previous batch, so parsing and writing overlap (on the embedded
 * database both would otherwise take turns on one thread). Same events in the same order; the
 * worker starts loading at once, begins the file when given the setup, stays at most
 * ROWS_AHEAD batches ahead, and stops when the import does.
 */
export function stageInWorker(options: StageOptions): FileStaging {
  const worker = new Worker(new URL("./stage-worker.mjs", import.meta.url), {
    workerData: { path: options.path },
  });
  const queue: FromWorker[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on("message", (message: FromWorker) => {
    queue.push(message);
    notify();
  });
  worker.on("error", (error) => {
    failure ??= error;
    notify();
  });
  worker.on("exit", (code) => {
    failure ??= new Error(`the IATI staging worker stopped early (exit code ${code})`);
    notify();
  });
  const send = (message: ToWorker) => worker.postMessage(message);

  async function* events(setup: StagerSetup): AsyncGenerator<StageEvent> {
    try {
      send({ kind: "setup", setup });
      for (;;) {
        while (queue.length === 0 && !failure)
          await new Promise<void>((resolve) => (wake = resolve));
        const message = queue.shift();
        if (!message) throw failure;
        if (message.kind === "progress") {
          options.onProgress?.(message.bytesRead, message.totalBytes);
          continue;
        }
        if (message.kind === "failed") throw revive(message.error);
        yield message;
        if (message.kind === "rows") send({ kind: "written" });
        if (message.kind === "end") return;
      }
    } finally {
      await worker.terminate();
    }
  }
  return { events, cancel: async () => void (await worker.terminate()) };
}

/** A refusal keeps its code and details across the thread boundary; anything else is a bug. */
function revive(error: { message: string; code?: string; details?: unknown }): Error {
  if (!error.code) return new Error(error.message);
  return new AppError(error.code as ErrorCode, error.message, {
    details: (error.details ?? []) as ErrorDetail[],
  });
}
