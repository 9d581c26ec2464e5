import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { XmlGuard } from "./xml-guard.ts";
import { defaultXmlLimits, sniffWrongStart, type XmlLimits, xmlRefused } from "./xml-limits.ts";
import type { XmlNode } from "./xml-node.ts";

export interface IatiFileHeader {
  version: string;
  generatedDatetime: string | null;
  /** The root's attributes as published (namespaces included). */
  attrs: Record<string, string>;
}

export type IatiStreamItem =
  | { kind: "header"; header: IatiFileHeader }
  | { kind: "activity"; node: XmlNode; endLine: number };

export interface ReadOptions {
  limits?: XmlLimits;
  /** Called after each chunk with the bytes read so far and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  chunkBytes?: number;
}

/**
 * Streams an IATI activity file: checks the encoding and the first bytes, refuses DOCTYPEs,
 * excessive depth, attributes, text runs and element counts as they come, and yields one
 * small tree per <iati-activity>. Memory stays bounded by a chunk and one activity.
 */
export async function* readIatiActivities(
  path: string,
  options: ReadOptions = {},
): AsyncGenerator<IatiStreamItem> {
  const totalBytes = (await stat(path)).size;
  const guard = new XmlGuard(options.limits ?? defaultXmlLimits);
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let bytesRead = 0;
  let first = true;
  const stream = createReadStream(path, { highWaterMark: options.chunkBytes ?? 256 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (first) {
        const wrong = sniffWrongStart(chunk.subarray(0, 64));
        if (wrong) throw xmlRefused(1, wrong);
        first = false;
      }
      bytesRead += chunk.length;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw xmlRefused(
          guard.line,
          `wrong encoding: the bytes near offset ${bytesRead - chunk.length} are not valid UTF-8; IATI files must be UTF-8`,
        );
      }
      guard.feed(text);
      yield* guard.take();
      options.onProgress?.(bytesRead, totalBytes);
    }
    if (first) throw xmlRefused(null, "not XML: the file is empty");
    try {
      guard.feed(decoder.decode());
    } catch {
      throw xmlRefused(
        guard.line,
        "wrong encoding: the file ends in the middle of a UTF-8 character",
      );
    }
    guard.end();
    yield* guard.take();
  } finally {
    stream.destroy();
  }
}
