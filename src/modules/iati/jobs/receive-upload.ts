import { createHash } from "node:crypto";
import { open, rm } from "node:fs/promises";

/**
 * Writes an uploaded file's bytes to `path` as they arrive, chunk by chunk (the request is read
 * no faster than the disk takes it, so memory holds a chunk, never the file), saying after
 * each write how many bytes are on disk; with `hash`, its SHA-256 is computed as they pass.
 * A failure (the upload stopped short, or went past its size limit) deletes the file and
 * rethrows.
 */
export async function receiveUpload(options: {
  file: AsyncIterable<Buffer> & { truncated?: boolean };
  path: string;
  hash: boolean;
  onWritten?: (bytes: number) => void;
}): Promise<{ bytes: number; sha256: string | null }> {
  const hash = options.hash ? createHash("sha256") : null;
  const handle = await open(options.path, "w");
  let bytes = 0;
  try {
    for await (const chunk of options.file) {
      await handle.write(chunk);
      hash?.update(chunk);
      bytes += chunk.length;
      options.onWritten?.(bytes);
    }
    if (options.file.truncated) throw new Error("truncated");
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(options.path, { force: true });
    throw error;
  }
  await handle.close();
  return { bytes, sha256: hash?.digest("hex") ?? null };
}
