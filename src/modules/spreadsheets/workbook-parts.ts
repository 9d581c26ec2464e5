import { posix } from "node:path";
import { megabytes, type WorkbookLimits, workbookTooLarge } from "./workbook-limits.ts";
import { readXmlPart } from "./xml-part.ts";
import type { ZipEntry } from "./zip-directory.ts";

/** What the rows of a sheet are read with: where each sheet is, its styles and shared text. */
export interface WorkbookParts {
  /** Sheet name → the ZIP entry of its XML. */
  sheets: Map<string, ZipEntry>;
  /** Cell style index (`s`) → whether its number format shows a date. */
  dateStyles: boolean[];
  sharedStrings: string[];
  /** The 1904 date system (old Mac workbooks) counts days from 1904-01-01. */
  date1904: boolean;
}

interface Part {
  zip: Buffer;
  entries: Map<string, ZipEntry>;
  limits: WorkbookLimits;
}

/** Built-in number formats that show dates or times (ECMA-376 §18.8.30, and the CJK ones). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);
/** A custom format shows a date when, outside quoted text and [brackets], it has y m d h s. */
const isDateFormat = (code: string) =>
  /[ymdhs]/i.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));

const local = (name: string) => name.slice(name.indexOf(":") + 1);
const attribute = (attributes: Record<string, string>, name: string) =>
  Object.entries(attributes).find(([key]) => local(key) === name)?.[1];

async function read(
  part: Part,
  name: string,
  open: (tag: string, a: Record<string, string>) => void,
) {
  const entry = part.entries.get(name.toLowerCase());
  if (!entry) return false;
  await readXmlPart({
    zip: part.zip,
    entry,
    limits: part.limits,
    handlers: { open: (tag, a) => open(local(tag), a), text: () => {}, close: () => {} },
  });
  return true;
}

/** A relationships part: id → target part name, resolved against the part it belongs to. */
async function relationships(part: Part, of: string) {
  const targets = new Map<string, { target: string; type: string }>();
  const rels = posix.join(posix.dirname(of), "_rels", `${posix.basename(of)}.rels`);
  await read(part, rels, (tag, a) => {
    if (tag !== "Relationship" || !a.Id || !a.Target || a.TargetMode === "External") return;
    const target = a.Target.startsWith("/")
      ? a.Target.slice(1)
      : posix.normalize(posix.join(posix.dirname(of), a.Target));
    targets.set(a.Id, { target, type: a.Type ?? "" });
  });
  return targets;
}

async function sharedStrings(part: Part, name: string | undefined): Promise<string[]> {
  const entry = name ? part.entries.get(name.toLowerCase()) : undefined;
  if (!entry) return [];
  const limit = part.limits.maxSharedStringsBytes;
  if (entry.size > limit)
    throw workbookTooLarge({
      reason: "workbook_shared_strings_too_large",
      message: `The workbook's shared text (${entry.name}) unpacks to ${megabytes(entry.size)} MB; at most ${megabytes(limit)} MB are accepted.`,
      values: { part: entry.name, size_mb: megabytes(entry.size), limit_mb: megabytes(limit) },
    });
  const strings: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  await readXmlPart({
    zip: part.zip,
    entry,
    limits: part.limits,
    handlers: {
      open(tag) {
        const name = local(tag);
        if (name === "si") current = [];
        else if (name === "rPh") phonetic++;
        else if (name === "t" && phonetic === 0) inText = true;
      },
      text(text) {
        if (inText) current?.push(text);
      },
      close(tag) {
        const name = local(tag);
        if (name === "t") inText = false;
        else if (name === "rPh") phonetic--;
        else if (name === "si" && current) {
          strings.push(current.join(""));
          current = null;
        }
      },
    },
  });
  return strings;
}

/**
 * Finds the workbook's sheets by name, and reads its styles and shared strings: the package's
 * relationships lead from the root to the workbook, and from it to each sheet.
 */
export async function readWorkbookParts(part: Part): Promise<WorkbookParts> {
  const root = await relationships(part, "");
  const main =
    [...root.values()].find((r) => r.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
  const byId = await relationships(part, main);
  const named: Array<[string, string]> = [];
  let date1904 = false;
  const found = await read(part, main, (tag, a) => {
    if (tag === "sheet" && a.name) named.push([a.name, attribute(a, "id") ?? ""]);
    if (tag === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
  });
  const sheets = new Map<string, ZipEntry>();
  for (const [name, id] of named) {
    const entry = part.entries.get(byId.get(id)?.target.toLowerCase() ?? "");
    if (entry) sheets.set(name, entry);
  }
  const ofType = (type: string) => [...byId.values()].find((r) => r.type.endsWith(type))?.target;
  const customFormats = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  await read(part, ofType("/styles") ?? "xl/styles.xml", (tag, a) => {
    if (tag === "numFmt") customFormats.set(Number(a.numFmtId), a.formatCode ?? "");
    if (tag === "cellXfs") inCellXfs = true;
    if (tag === "cellStyleXfs" || tag === "dxfs") inCellXfs = false;
    if (tag === "xf" && inCellXfs) styleFormats.push(Number(a.numFmtId ?? 0));
  });
  const dateStyles = styleFormats.map((id) => {
    const custom = customFormats.get(id);
    return custom === undefined ? DATE_FORMAT_IDS.has(id) : isDateFormat(custom);
  });
  return {
    sheets: found ? sheets : new Map(),
    dateStyles,
    sharedStrings: await sharedStrings(part, ofType("/sharedStrings")),
    date1904,
  };
}
