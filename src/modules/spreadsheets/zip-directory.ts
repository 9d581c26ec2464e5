import { once } from "node:events";
import { crc32, createInflateRaw, type InflateRaw } from "node:zlib";
import {
  megabytes,
  type WorkbookLimits,
  workbookTooLarge,
  workbookUnreadable,
} from "./workbook-limits.ts";

/** One part of the ZIP as its central directory declares it. */
export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  /** Declared unpacked size: a promise the reader checks while unpacking. */
  size: number;
  localOffset: number;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** Compressed bytes handed to zlib at a time: deflate expands at most ~1,032×, so one step unpacks at most ~4 MB. */
const STEP = 4 * 1024;

const truncated = () =>
  workbookUnreadable({
    reason: "workbook_truncated",
    message: "the ZIP archive is truncated (its end or directory is missing or cut off)",
  });
const corrupt = (part: string, why: string) =>
  workbookUnreadable({
    reason: "workbook_part_corrupt",
    message: `the part ${part} ${why}`,
    values: { part },
  });

function findEnd(zip: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--)
    if (zip.readUInt32LE(at) === END) return at;
  return -1;
}

/**
 * Reads the ZIP's central directory, without unpacking anything, and refuses before any
 * inflating what is not a ZIP, is cut off, holds too many parts, or declares more unpacked
 * bytes than the limits allow. Keys are lower-case (OPC part names ignore case).
 */
export function readZipDirectory(zip: Buffer, limits: WorkbookLimits): Map<string, ZipEntry> {
  if (zip.length < 4 || zip.readUInt32LE(0) !== LOCAL) {
    const hex = [...zip.subarray(0, 4)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
    throw workbookUnreadable({
      reason: "workbook_not_zip",
      message:
        zip.length === 0
          ? "the file is empty"
          : `it starts with the bytes ${hex}, not with those of a ZIP archive (50 4b 03 04)`,
      values: { start: hex },
    });
  }
  const end = findEnd(zip);
  if (end < 0) throw truncated();
  const count = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  const directoryOffset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff)
    throw corrupt("(directory)", "uses ZIP64, which no workbook of this size needs");
  if (count > limits.maxEntries)
    throw workbookTooLarge({
      reason: "workbook_too_many_entries",
      message: `The workbook's ZIP holds ${count} parts; at most ${limits.maxEntries} are accepted.`,
      values: { entries: count, limit: limits.maxEntries },
    });
  if (directoryOffset + directorySize > end) throw truncated();
  const entries = new Map<string, ZipEntry>();
  let at = directoryOffset;
  let declared = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || zip.readUInt32LE(at) !== CENTRAL) throw truncated();
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (next > end) throw truncated();
    const entry: ZipEntry = {
      name: zip.toString("utf8", at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
    };
    if ((zip.readUInt16LE(at + 8) & 1) === 1)
      throw workbookUnreadable({
        reason: "workbook_encrypted",
        message: `the part ${entry.name} is encrypted; save the workbook without a password`,
        values: { part: entry.name },
      });
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff)
      throw corrupt(entry.name, "uses ZIP64, which no workbook of this size needs");
    const key = entry.name.toLowerCase();
    if (entries.has(key)) throw corrupt(entry.name, "is in the ZIP twice");
    entries.set(key, entry);
    declared += entry.size;
    if (declared > limits.maxUnpackedBytes)
      throw workbookTooLarge({
        reason: "workbook_unpacked_too_large",
        message: `The workbook unpacks to more than ${megabytes(limits.maxUnpackedBytes)} MB (its part ${entry.name} alone declares ${megabytes(entry.size)} MB); at most ${megabytes(limits.maxUnpackedBytes)} MB are accepted.`,
        values: {
          part: entry.name,
          size_mb: megabytes(entry.size),
          limit_mb: megabytes(limits.maxUnpackedBytes),
        },
      });
    at = next;
  }
  return entries;
}

/** Waits for zlib to take one write (or the end), failing with its error. */
function step(inflate: InflateRaw, write: (done: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    inflate.once("error", reject);
    write(() => {
      inflate.off("error", reject);
      resolve();
    });
  });
}

/**
 * Unpacks one part as a stream of chunks, counting: a part that unpacks to more than its
 * declared size is refused at the first byte over it (the directory's sizes can lie), and one
 * that ends short of it or fails its checksum is refused too. Stopping early stops zlib.
 */
export async function* unpackEntry(zip: Buffer, entry: ZipEntry): AsyncGenerator<Buffer> {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) throw truncated();
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  if (start + entry.compressedSize > zip.length) throw truncated();
  const data = zip.subarray(start, start + entry.compressedSize);
  let counted = 0;
  let crc = 0;
  const check = (chunk: Buffer) => {
    counted += chunk.length;
    if (counted > entry.size)
      throw workbookUnreadable({
        reason: "workbook_part_size_mismatch",
        message: `the part ${entry.name} unpacks to more than the ${entry.size} bytes its ZIP directory declares`,
        values: { part: entry.name, declared: entry.size },
      });
    crc = crc32(chunk, crc);
  };
  if (entry.method === 0) {
    for (let offset = 0; offset < data.length; offset += STEP) {
      const chunk = data.subarray(offset, offset + STEP);
      check(chunk);
      yield chunk;
    }
  } else if (entry.method === 8) {
    const inflate = createInflateRaw();
    const out: Buffer[] = [];
    inflate.on("data", (chunk: Buffer) => out.push(chunk));
    const damaged = () => corrupt(entry.name, "is not valid deflate data (damaged or cut off)");
    try {
      for (let offset = 0; offset < data.length; offset += STEP) {
        const slice = data.subarray(offset, offset + STEP);
        await step(inflate, (done) => inflate.write(slice, done)).catch(() => {
          throw damaged();
        });
        for (const chunk of out.splice(0)) {
          check(chunk);
          yield chunk;
        }
      }
      const ended = once(inflate, "end");
      inflate.end();
      await ended.catch(() => {
        throw damaged();
      });
      for (const chunk of out.splice(0)) {
        check(chunk);
        yield chunk;
      }
    } finally {
      inflate.destroy();
    }
  } else throw corrupt(entry.name, `is compressed with method ${entry.method}, not deflate`);
  if (counted !== entry.size || crc >>> 0 !== entry.crc >>> 0)
    throw workbookUnreadable({
      reason: "workbook_part_size_mismatch",
      message: `the part ${entry.name} does not match its ZIP directory (size or checksum)`,
      values: { part: entry.name, declared: entry.size },
    });
}
