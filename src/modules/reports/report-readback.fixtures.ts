import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FundingSummary } from "../funding/index.ts";
import { readZipEntry } from "./fixed-zip-dates.ts";
import type { ReportLanguage } from "./report-figures.ts";
import { formatPercent, formatUsd } from "./report-words.ts";

/**
 * Reading a rendered report back, for the tests: a DOCX's text from its word/document.xml, a
 * PDF's from pdftotext (poppler), and the money and percentages in them in reading order.
 */
export async function docxText(bytes: Buffer): Promise<string> {
  const xml = (await readZipEntry(bytes, "word/document.xml"))?.toString("utf8");
  if (!xml) throw new Error("no word/document.xml in the DOCX");
  const unescapeXml = (text: string) =>
    text
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  // One line per paragraph, its runs joined.
  return xml
    .split(/<\/w:p>/)
    .map((paragraph) =>
      [...paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
        .map((m) => unescapeXml(m[1] ?? ""))
        .join(""),
    )
    .filter(Boolean)
    .join("\n");
}

export function withTempFile<T>(bytes: Buffer, suffix: string, work: (path: string) => T): T {
  const folder = mkdtempSync(join(tmpdir(), "esca-report-"));
  try {
    const path = join(folder, `report${suffix}`);
    writeFileSync(path, bytes);
    return work(path);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export function pdfText(bytes: Buffer): string {
  return withTempFile(bytes, ".pdf", (path) =>
    execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"], { encoding: "utf8" }),
  );
}

export function htmlText(bytes: Buffer): string {
  return bytes
    .toString("utf8")
    .replace(/<(svg|style)[\s\S]*?<\/\1>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&");
}

/** Every amount (1,234.56 / 1.234,56) and percentage (40.00 % / 40,00 %) in the text, in order. */
export function figuresIn(text: string, language: ReportLanguage): string[] {
  const pattern =
    language === "es"
      ? /-?\d{1,3}(?:\.\d{3})*,\d{2}(?:\s%)?/g
      : /-?\d{1,3}(?:,\d{3})*\.\d{2}(?:\s%)?/g;
  return [...text.matchAll(pattern)].map((m) => m[0].replace(/\s%$/, " %"));
}

/**
 * What a funding table must show, row by row then its Total, straight from a roll-up: the
 * budget, announced, committed, disbursed, gap and coverage the roll-up gives (absent ones
 * are dashes, not figures), as the language writes them.
 */
export function expectedTableFigures(summary: FundingSummary, language: ReportLanguage): string[] {
  const columns = ["budget", "announced", "committed", "disbursed", "gap", "coverage_pct"] as const;
  return [...summary.rows, summary.total].flatMap((row) =>
    columns.flatMap((column) => {
      const value = row[column];
      if (value === null) return [];
      return [
        column === "coverage_pct" ? formatPercent(value, language) : formatUsd(value, language),
      ];
    }),
  );
}

/** Every measure of one roll-up row as the language writes it (absent ones left out). */
export function formatMeasures(
  measures: FundingSummary["total"],
  language: ReportLanguage,
): string[] {
  const columns = [
    "budget",
    "announced",
    "committed",
    "committed_not_allocated",
    "disbursed",
    "gap",
    "coverage_pct",
  ] as const;
  return columns.flatMap((column) => {
    const value = measures[column];
    if (value === null || value === undefined) return [];
    return [
      column === "coverage_pct" ? formatPercent(value, language) : formatUsd(value, language),
    ];
  });
}

/** Whether `expected` appears in `found` in order (other figures may come between). */
export function missingInOrder(found: string[], expected: string[]): string[] {
  let at = 0;
  for (const [index, figure] of expected.entries()) {
    const next = found.indexOf(figure, at);
    if (next < 0) return expected.slice(index);
    at = next + 1;
  }
  return [];
}
