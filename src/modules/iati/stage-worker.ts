import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "../../platform/errors.ts";
import type { StagerSetup } from "./activity-stager.ts";
import { type StageEvent, stageIatiFile } from "./stage-file.ts";

/** Batches staged ahead of the one being written: bounds the memory a fast parser can take. */
const ROWS_AHEAD = 2;

/** What the importing thread says: the setup once, then "written" after each "rows". */
export type ToWorker = { kind: "setup"; setup: StagerSetup } | { kind: "written" };

/** What the worker says, in file order. */
export type FromWorker =
  | StageEvent
  | { kind: "progress"; bytesRead: number; totalBytes: number }
  | { kind: "failed"; error: { message: string; code?: string; details?: unknown } };

const port = parentPort;
if (port) {
  const path = (workerData as { path: string }).path;
  const post = (message: FromWorker) =>
    // A batch's bytes move to the importing thread instead of being copied.
    port.postMessage(
      message,
      message.kind === "rows" ? Object.values(message.batch).map((bytes) => bytes.buffer) : [],
    );
  let gotSetup: (setup: StagerSetup) => void = () => undefined;
  const setup = new Promise<StagerSetup>((resolve) => (gotSetup = resolve));
  let credits = ROWS_AHEAD;
  let written: (() => void) | null = null;
  port.on("message", (message: ToWorker) => {
    if (message.kind === "setup") return gotSetup(message.setup);
    credits++;
    written?.();
    written = null;
  });
  try {
    // The code is loaded by now; the file waits for what the database says.
    const events = stageIatiFile(
      {
        path,
        onProgress: (bytesRead, totalBytes) => post({ kind: "progress", bytesRead, totalBytes }),
      },
      await setup,
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
  port.unref();
}
