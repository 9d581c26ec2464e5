import { open } from "node:fs/promises";

/**
 * A file still being written (an upload arriving), read as it grows: the writer says how many
 * bytes are on disk and when the file is complete or failed, through memory shared with the
 * reader's thread, so that an import stages an upload while it arrives instead of after. The
 * file on disk is the buffer between them: a reader slower than the network holds no more
 * than a chunk in memory, whatever the file's size.
 */
export type ArrivalState = SharedArrayBuffer;

const SEQ = 0;
const BYTES = 1;
const STATE = 2;
const ARRIVING = 0n;
const COMPLETE = 1n;
const FAILED = 2n;

/** The writer's side: a view of the shared state it moves forward. */
export class FileArrival {
  readonly state: ArrivalState = new SharedArrayBuffer(3 * 8);
  private readonly cells = new BigInt64Array(this.state);

  /** `bytes` are now on disk, readable. */
  wrote(bytes: number) {
    Atomics.store(this.cells, BYTES, BigInt(bytes));
    this.changed();
  }

  /** The file is whole: a reader ends at its last byte. */
  complete() {
    Atomics.store(this.cells, STATE, COMPLETE);
    this.changed();
  }

  /** The upload stopped short: a reader waiting for more throws arrivalFailed. */
  fail() {
    Atomics.compareExchange(this.cells, STATE, ARRIVING, FAILED);
    this.changed();
  }

  private changed() {
    Atomics.add(this.cells, SEQ, 1n);
    Atomics.notify(this.cells, SEQ);
  }
}

/** Atomics.waitAsync (Node 16 and later), which the TypeScript library in use does not type. */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      cells: BigInt64Array,
      index: number,
      value: bigint,
      timeoutMs: number,
    ): { value: Promise<string> | string };
  }
).waitAsync;

export const arrivalFailed = () => new Error("the upload stopped before the file was whole");

/**
 * The chunks of a file as they arrive, in order, each a fresh buffer of `chunkBytes` (the last
 * one may be shorter); waits (without holding the thread) for the writer while fewer bytes
 * than a chunk are left to read and the file is not yet whole.
 */
export async function* readArrivingFile(
  path: string,
  state: ArrivalState,
  options: { chunkBytes: number; signal?: AbortSignal },
): AsyncGenerator<{ chunk: Buffer; knownBytes: number }> {
  const cells = new BigInt64Array(state);
  const { signal } = options;
  const aborted = new Promise<void>((resolve) =>
    signal?.addEventListener("abort", () => resolve(), { once: true }),
  );
  const file = await open(path, "r");
  try {
    let position = 0;
    for (;;) {
      signal?.throwIfAborted();
      // In this order: the writer stores the bytes before the state, so a complete file's
      // bytes read after its state are all of them.
      const seq = Atomics.load(cells, SEQ);
      const status = Atomics.load(cells, STATE);
      const known = Number(Atomics.load(cells, BYTES));
      if (status === FAILED) throw arrivalFailed();
      // Whole chunks while it arrives (the first one is what the file's start is judged by),
      // then what is left.
      if (known - position >= options.chunkBytes || (status === COMPLETE && position < known)) {
        const chunk = Buffer.allocUnsafe(Math.min(options.chunkBytes, known - position));
        const { bytesRead } = await file.read(chunk, 0, chunk.length, position);
        if (bytesRead === 0) throw arrivalFailed();
        position += bytesRead;
        yield { chunk: chunk.subarray(0, bytesRead), knownBytes: known };
        continue;
      }
      if (status === COMPLETE) return;
      // Woken by the writer's next change, or by an abort.
      await Promise.race([waitAsync(cells, SEQ, seq, 1000).value, aborted]);
    }
  } finally {
    await file.close();
  }
}
