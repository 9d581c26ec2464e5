import { crc32, createDeflateRaw, deflateRawSync } from "node:zlib";
import { initiativeColumns } from "./workbook.queries.ts";

/** One part of a hand-built ZIP; `declaredSize` makes its directory lie about its unpacked size. */
export interface ZipPart {
  name: string;
  data: Buffer;
  /** Already deflated (with `size` and `crc` of the unpacked bytes). */
  deflated?: { size: number; crc: number };
  declaredSize?: number;
  stored?: boolean;
}

/** A ZIP archive as XLSX writers make them: local headers, data, central directory, end record. */
export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const body = part.deflated || part.stored ? part.data : deflateRawSync(part.data);
    const size = part.declaredSize ?? part.deflated?.size ?? part.data.length;
    const crc = part.deflated?.crc ?? crc32(part.data);
    const method = part.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(entry, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const xml = (text: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${text}`);
const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The parts around one "initiatives" sheet: package and workbook relationships, workbook, shared strings. */
export function workbookParts(options: {
  sheet: ZipPart["data"] | Omit<ZipPart, "name">;
  strings?: string[];
}) {
  const sheet = Buffer.isBuffer(options.sheet) ? { data: options.sheet } : options.sheet;
  const strings = options.strings ?? [];
  return [
    {
      name: "_rels/.rels",
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: "xl/workbook.xml",
      data: xml(
        `<workbook ${MAIN} xmlns:r="${REL}"><sheets><sheet name="initiatives" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
    },
    {
      name: "xl/sharedStrings.xml",
      data: xml(
        `<sst ${MAIN} count="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`,
      ),
    },
    { name: "xl/worksheets/sheet1.xml", ...sheet },
  ] satisfies ZipPart[];
}

const header = initiativeColumns.map((_, i) => `<c t="s"><v>${i}</v></c>`).join("");
/** A row as a downloaded workbook has it: every cell shared text (here the column names again). */
const row = (n: number) => `<row r="${n}">${header}</row>`;
export const sheetHead = `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet ${MAIN}><sheetData>${row(1)}`;
export const sheetTail = "</sheetData></worksheet>";

/** A small initiatives sheet with `rows` data rows (plus the header), and extra XML in row 2. */
export function sheetXml(rows: number, inRow2 = "") {
  const body: string[] = [sheetHead];
  for (let n = 2; n <= rows + 1; n++)
    body.push(n === 2 ? `<row r="2">${header}${inRow2}</row>` : row(n));
  body.push(sheetTail);
  return Buffer.from(body.join(""));
}

/**
 * The zip bomb's sheet: `rows` identical rows of a downloaded workbook, deflated as they are
 * generated (the unpacked sheet never exists in memory). 560,000 rows unpack to about 280 MB
 * from about 1 MB.
 */
export async function bombSheet(rows: number) {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => out.push(chunk));
  let size = 0;
  let crc = 0;
  const write = (text: string) =>
    new Promise<void>((resolve) => {
      const chunk = Buffer.from(text);
      size += chunk.length;
      crc = crc32(chunk, crc);
      deflate.write(chunk, () => resolve());
    });
  await write(sheetHead);
  const block = Array.from({ length: 1000 }, () => row(2)).join("");
  for (let n = 0; n < rows; n += 1000) await write(block);
  await write(sheetTail);
  await new Promise<void>((resolve) => deflate.end(resolve));
  return { data: Buffer.concat(out), deflated: { size, crc } };
}

/** The bomb as an XLSX; `declaredSize` makes its directory lie about the sheet's size. */
export function bombWorkbook(sheet: Awaited<ReturnType<typeof bombSheet>>, declaredSize?: number) {
  return buildZip(
    workbookParts({
      sheet: { ...sheet, ...(declaredSize === undefined ? {} : { declaredSize }) },
      strings: [...initiativeColumns],
    }),
  );
}
