import { AppError } from "../../../platform/errors.ts";

/**
 * What a partner's IATI file may contain before it is refused as hostile or broken. Real
 * publications stay far below: IATI nests at most about ten levels and uses a few
 * attributes per element; the largest narratives are tens of kilobytes.
 */
export interface XmlLimits {
  maxDepth: number;
  maxAttributes: number;
  maxAttributeLength: number;
  /** Characters of text (or of one tag) without any markup in between. */
  maxTextRun: number;
  maxElements: number;
  maxActivityElements: number;
}

export const defaultXmlLimits: XmlLimits = {
  maxDepth: 64,
  maxAttributes: 100,
  maxAttributeLength: 64 * 1024,
  maxTextRun: 1024 * 1024,
  maxElements: 50_000_000,
  maxActivityElements: 200_000,
};

/** A refused file: the message names the problem and, where it has one, the line. */
export function xmlRefused(line: number | null, message: string): AppError {
  const where = line === null ? "" : `line ${line}: `;
  return new AppError("validation_failed", `${where}${message}`, {
    details: [{ path: line === null ? "file" : `line ${line}`, message }],
  });
}

const size = (chars: number) =>
  chars >= 1024 * 1024 ? `${chars / 1024 / 1024} MB` : `${Math.round(chars / 1024)} KB`;
export const describeSize = size;

/** What the first bytes say when they are not UTF-8 XML. */
export function sniffWrongStart(head: Buffer): string | null {
  const hex = [...head.subarray(0, 4)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
  if (head.length === 0) return "not XML: the file is empty";
  if (head[0] === 0xff && head[1] === 0xfe)
    return "wrong encoding: the file is UTF-16 little-endian (byte order mark FF FE); IATI files must be UTF-8";
  if (head[0] === 0xfe && head[1] === 0xff)
    return "wrong encoding: the file is UTF-16 big-endian (byte order mark FE FF); IATI files must be UTF-8";
  if (head[0] === 0 || head[1] === 0)
    return `wrong encoding: the file starts with the bytes ${hex} (UTF-16 or UTF-32?); IATI files must be UTF-8`;
  const kinds: Array<[string, string]> = [
    ["PK", "a ZIP archive (e.g. XLSX or DOCX)"],
    ["\x1f\x8b", "a gzip archive"],
    ["%PDF", "a PDF document"],
    ["{", "JSON"],
  ];
  const text = head.toString("latin1").replace(/^\uFEFF|^\xEF\xBB\xBF/, "");
  const trimmed = text.trimStart();
  if (trimmed.startsWith("<") || trimmed.length === 0) return null;
  const kind = kinds.find(([prefix]) => trimmed.startsWith(prefix))?.[1];
  return `not XML: the file starts with the bytes ${hex}${kind ? ` (${kind})` : ""}, not with "<"`;
}
