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

/**
 * What the reader yields. Offsets count UTF-16 code units of the decoded text, as `onText`
 * hands it over (a byte order mark is not part of it).
 */
export type IatiStreamItem =
  | {
      kind: "header";
      header: IatiFileHeader;
      /** Just past the root's start tag. */
      rootTagEnd: number;
    }
  | {
      kind: "activity";
      node: XmlNode;
      endLine: number;
      /**
       * Just past the previous <iati-activity> when no other element stands between the two:
       * where the root's children can be split without changing what comes first in each part.
       */
      splitBefore: number | null;
    };

export interface ReadOptions {
  limits?: XmlLimits;
  /** Called after each chunk with the bytes read so far and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  chunkBytes?: number;
  /** Called with each chunk of the file's bytes as it is read, before it is checked. */
  onBytes?: (chunk: Buffer) => void;
  /** Called with the decoded text once the guard has accepted it, before the items it ends. */
  onText?: (text: string) => void;
  /** Stops reading: the item being waited for rejects with an AbortError. */
  signal?: AbortSignal;
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
  const stream = createReadStream(path, {
    highWaterMark: options.chunkBytes ?? 256 * 1024,
    ...(options.signal && { signal: options.signal }),
  });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (first) {
        const wrong = sniffWrongStart(chunk.subarray(0, 64));
        if (wrong) throw xmlRefused(1, wrong);
        first = false;
      }
      bytesRead += chunk.length;
      options.onBytes?.(chunk);
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
      options.onText?.(text);
      yield* guard.take();
      options.onProgress?.(bytesRead, totalBytes);
    }
    if (first) throw xmlRefused(null, "not XML: the file is empty");
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw xmlRefused(
        guard.line,
        "wrong encoding: the file ends in the middle of a UTF-8 character",
      );
    }
    guard.feed(rest);
    options.onText?.(rest);
    guard.end();
    yield* guard.take();
  } finally {
    stream.destroy();
  }
}
