/**
 * Sets every entry's modification time in a ZIP (a DOCX is one) to one fixed DOS date and
 * time, in its local header and in the central directory. A zip writer stamps entries with
 * the clock; the CRCs and contents do not cover these fields, so the archive stays valid.
 *
 * The central directory is found from its end record (the last "PK\x05\x06", 22 bytes plus
 * an optional comment); each of its entries names its local header's offset.
 */
export function fixZipDates(zip: Buffer, at: Date): Buffer {
  const out = Buffer.from(zip);
  const { time, date } = dosDateTime(at);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("not a ZIP archive: no end of central directory");
  const entries = out.readUInt16LE(end + 10);
  let cursor = out.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(cursor) !== 0x02014b50)
      throw new Error("ZIP central directory is damaged");
    out.writeUInt16LE(time, cursor + 12);
    out.writeUInt16LE(date, cursor + 14);
    const local = out.readUInt32LE(cursor + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error("ZIP local header is damaged");
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    cursor +=
      46 +
      out.readUInt16LE(cursor + 28) +
      out.readUInt16LE(cursor + 30) +
      out.readUInt16LE(cursor + 32);
  }
  return out;
}

/** MS-DOS date and time (UTC, two-second steps); DOS dates start in 1980. */
function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.max(at.getUTCFullYear(), 1980);
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

/** The named entry of a ZIP, inflated (for tests and checks: a DOCX's word/document.xml). */
export async function readZipEntry(zip: Buffer, name: string): Promise<Buffer | null> {
  const { inflateRawSync } = await import("node:zlib");
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) return null;
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const entryName = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    if (entryName === name) {
      const method = zip.readUInt16LE(at + 10);
      const size = zip.readUInt32LE(at + 20);
      const local = zip.readUInt32LE(at + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return null;
}
