import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode, type ErrorDetail } from "../../platform/errors.ts";
import { workerBundle } from "../../platform/worker-bundle.ts";
import type { StagerSetup } from "./activity-stager.ts";
import type { FileStaging, StageEvent, StageOptions } from "./stage-file.ts";
import type { FromWorker, ToWorker } from "./stage-worker.ts";

/**
 * Staging in a worker thread: the file is read, checked, parsed and turned into rows there
 * while this thread writes the previous batch, so parsing and writing overlap (on the embedded
 * database both would otherwise take turns on one thread). Same events in the same order; the
 * worker starts loading at once, begins the file when given the setup, stays at most
 * ROWS_AHEAD batches ahead, and stops when the import does. It runs the worker's code bundled
 * as plain JavaScript (worker-bundle.ts), or through tsx when no bundle can be made.
 */
export function stageInWorker(options: StageOptions): FileStaging {
  const queue: FromWorker[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const listen = (worker: Worker) => {
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
  };
  const started = workerBundle(fileURLToPath(new URL("./stage-worker.ts", import.meta.url))).then(
    (bundle) => {
      const worker = new Worker(bundle ?? new URL("./stage-worker.mjs", import.meta.url), {
        workerData: { path: options.path },
        // Parsing makes short-lived objects by the million: a larger young generation lets
        // most die there instead of being copied and promoted (~0.1 s less on 50 MB).
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
      });
      listen(worker);
      return worker;
    },
  );
  const send = async (message: ToWorker) => (await started).postMessage(message);

  async function* events(setup: StagerSetup): AsyncGenerator<StageEvent> {
    try {
      await send({ kind: "setup", setup });
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
        if (message.kind === "rows") await send({ kind: "written" });
        if (message.kind === "end") return;
      }
    } finally {
      await (await started).terminate();
    }
  }
  return { events, cancel: async () => void (await (await started).terminate()) };
}

/** A refusal keeps its code and details across the thread boundary; anything else is a bug. */
function revive(error: { message: string; code?: string; details?: unknown }): Error {
  if (!error.code) return new Error(error.message);
  return new AppError(error.code as ErrorCode, error.message, {
    details: (error.details ?? []) as ErrorDetail[],
  });
}
