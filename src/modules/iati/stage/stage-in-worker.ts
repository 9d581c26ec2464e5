import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode, type ErrorDetail } from "../../../platform/errors.ts";
import { workerBundle } from "../../../platform/worker-bundle.ts";
import type { StagerSetup } from "./activity-stager.ts";
import type { FileStaging, StageEvent, StageOptions } from "./stage-file.ts";
import type { FromWorker, ToWorker } from "./stage-worker.ts";
import { spentBuffers } from "./staged-rows.ts";
import { warmUpDocument } from "./warm-up-document.ts";

/** What one file's staging has heard from its thread and not yet read. */
interface Job {
  queue: FromWorker[];
  failure: Error | null;
  /** Set when the import stopped reading: the events end at once, whatever is queued. */
  cancelled: boolean;
  wake: (() => void) | null;
}

/** Ends the wait for the job's next message, if one is pending. */
function wakeUp(job: Job) {
  job.wake?.();
  job.wake = null;
}

/** A staging worker thread and the file it is staging now, if any. */
interface StagingThread {
  worker: Worker;
  job: Job | null;
}

/**
 * The thread that staged the last file to its end and waits for the next one (at most one):
 * its code is loaded and compiled, so the next file is staged at full speed from its first
 * byte instead of paying the JIT's warm-up again (a fifth of a 50 MB import). It does not keep
 * the process alive.
 */
let kept: StagingThread | null = null;

/** The kept thread's id, or null when none waits (tests look at it). */
export const keptStagingThreadId = (): number | null => kept?.worker.threadId ?? null;

function startThread(): Promise<StagingThread> {
  return workerBundle(fileURLToPath(new URL("./stage-worker.ts", import.meta.url))).then(
    (bundle) => {
      const worker = new Worker(bundle ?? new URL("./stage-worker.mjs", import.meta.url), {
        // Parsing makes short-lived objects by the million: a larger young generation lets
        // most die there instead of being copied and promoted (~0.1 s less on 50 MB).
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
      });
      const thread: StagingThread = { worker, job: null };
      const tell = (update: (job: Job) => void) => {
        const job = thread.job;
        if (!job) return;
        update(job);
        wakeUp(job);
      };
      const gone = () => {
        if (kept === thread) kept = null;
      };
      worker.on("message", (message: FromWorker) => tell((job) => job.queue.push(message)));
      worker.on("error", (error) => {
        gone();
        tell((job) => (job.failure ??= error));
      });
      worker.on("exit", (code) => {
        gone();
        tell(
          (job) =>
            (job.failure ??= new Error(
              `the IATI staging worker stopped early (exit code ${code})`,
            )),
        );
      });
      return thread;
    },
  );
}

/**
 * Staging in a worker thread: the file is read, checked, parsed and turned into rows there
 * while this thread writes the previous batch, so parsing and writing overlap (on the embedded
 * database both would otherwise take turns on one thread). Same events in the same order. The
 * thread is the kept one when there is one, else one that starts loading at once; it begins
 * the file when given the setup, stays at most ROWS_AHEAD batches ahead, and is kept for the
 * next file when this one was staged to its end (stopped otherwise: a refused or abandoned
 * file leaves nothing half-done behind). A "rows" event's bytes are read until the next event
 * is asked for: then they go back to the thread to be filled again. It runs the worker's code
 * bundled as plain JavaScript (worker-bundle.ts), or through tsx when no bundle can be made.
 */
export function stageInWorker(options: StageOptions): FileStaging {
  const reused = kept;
  kept = null;
  const started = reused ? Promise.resolve(reused) : startThread();
  // The job exists before its thread does, so that cancel reaches a wait at any point.
  const job: Job = { queue: [], failure: null, cancelled: false, wake: null };
  let finished = false;
  let released = false;
  /** Keeps a thread that staged its file to the end; stops others. */
  const release = async () => {
    if (released) return;
    released = true;
    // A thread that never started has nothing to stop (the events report why it did not).
    const thread = await started.catch(() => null);
    if (!thread) return;
    if (thread.job === job) thread.job = null;
    if (finished && kept === null) {
      thread.worker.unref();
      kept = thread;
    } else await thread.worker.terminate();
  };
  /**
   * The import stopped reading (done, unchanged, refused, failed, dry run): an event asked for
   * and still pending ends now with stagingCancelled, so that nothing waits on a thread that
   * will never answer; then the thread is released.
   */
  const cancel = async () => {
    job.cancelled = true;
    job.failure ??= stagingCancelled();
    wakeUp(job);
    await release();
  };

  async function* events(setup: StagerSetup): AsyncGenerator<StageEvent> {
    try {
      const thread = await started;
      if (job.cancelled) throw job.failure;
      thread.job = job;
      thread.worker.ref();
      const send = (message: ToWorker) =>
        // A written batch's buffers go back to be filled again, without a copy.
        thread.worker.postMessage(
          message,
          message.kind === "written" ? Object.values(message.spent) : [],
        );
      send({ kind: "stage", path: options.path, setup });
      for (;;) {
        while (job.queue.length === 0 && !job.failure)
          await new Promise<void>((resolve) => (job.wake = resolve));
        if (job.cancelled) throw job.failure;
        const message = job.queue.shift();
        if (!message) throw job.failure;
        if (message.kind === "progress") {
          options.onProgress?.(message.bytesRead, message.totalBytes);
          continue;
        }
        if (message.kind === "failed") throw revive(message.error);
        if (message.kind === "end") finished = true;
        yield message;
        // Asked for the next event: the batch is written, its buffers no longer read.
        if (message.kind === "rows") send({ kind: "written", spent: spentBuffers(message.batch) });
        if (message.kind === "end") return;
      }
    } finally {
      await release();
    }
  }
  return { events, cancel };
}

/** What an event still pending when its import stopped reading settles with (nobody reads it). */
export const stagingCancelled = () => new Error("the IATI file's staging was cancelled");

/**
 * Starts a staging thread and stages a small generated file with it, so that it is kept warm
 * for the first import (a server calls this as it starts). Resolves when it is ready; a
 * failure only means the first import starts a thread of its own.
 */
export async function warmStagingThread(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "esca-iati-warm-up-"));
  try {
    const path = join(dir, "warm-up.xml");
    const document = warmUpDocument();
    await writeFile(path, document.xml);
    const events = stageInWorker({ path }).events({
      rates: document.rates,
      matcher: { reportingOrgRef: "XI-IATI-ESCA", initiatives: [], links: [] },
      today: new Date().toISOString().slice(0, 10),
      publicationId: randomUUID(),
    });
    // Staged and dropped: only the compiled code stays.
    for (let next = await events.next(); !next.done; next = await events.next());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A refusal keeps its code and details across the thread boundary; anything else is a bug. */
function revive(error: { message: string; code?: string; details?: unknown }): Error {
  if (!error.code) return new Error(error.message);
  return new AppError(error.code as ErrorCode, error.message, {
    details: (error.details ?? []) as ErrorDetail[],
  });
}
