import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { systemPrincipal } from "../../platform/principal.ts";
import { seedDemo } from "../demo/index.ts";
import { type FundingSummary, summarizeFunding } from "../funding/index.ts";
import { readZipEntry } from "./fixed-zip-dates.ts";
import { type GeneratedReport, generateReport } from "./generate-report.ts";
import type { ReportFormat, ReportLanguage } from "./report-figures.ts";
import {
  docxText,
  expectedTableFigures,
  figuresIn,
  formatMeasures,
  htmlText,
  missingInOrder,
  pdfText,
  withTempFile,
} from "./report-readback.fixtures.ts";
import { formatUsd, REPORT_WORDS } from "./report-words.ts";

/**
 * The report on the demo data, in both languages and all three formats, read back from the
 * files themselves: every funding figure equals the roll-up for the same as-of instant, a
 * second rendering has the same bytes, and the PDF's pages stay inside the paper.
 */
const PAGES_FOLDER = join(process.cwd(), "test-results", "report-pages");
const languages: ReportLanguage[] = ["es", "en"];
const formats: ReportFormat[] = ["html", "docx", "pdf"];

describe("the report's files on the demo data", () => {
  let t: TestApp;
  let asOf: Date;
  const issued = new Map<string, GeneratedReport>();

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo({ db: t.handle.db, force: true });
    asOf = new Date();
    for (const language of languages)
      for (const format of formats)
        issued.set(
          `${language}.${format}`,
          await generateReport({
            db: t.handle.db,
            language,
            format,
            asOf,
            principal: systemPrincipal("test"),
          }),
        );
  }, 300_000);
  afterAll(async () => t.close());

  const text = async (language: ReportLanguage, format: ReportFormat) => {
    const bytes = (issued.get(`${language}.${format}`) as GeneratedReport).bytes;
    if (format === "docx") return docxText(bytes);
    if (format === "pdf") return pdfText(bytes);
    return htmlText(bytes);
  };

  for (const language of languages) {
    for (const format of formats) {
      it(`${language} ${format}: every funding table equals the roll-up as of the same instant`, async () => {
        const found = figuresIn(await text(language, format), language);
        const filter = { publishedOnly: true, asOf };
        for (const by of ["component", "country", "partner"] as const) {
          const summary = await summarizeFunding({ db: t.handle.db, by: [by], filter });
          expect(summary.rows.length).toBeGreaterThan(1);
          const expected = expectedTableFigures(summary, language);
          expect(missingInOrder(found, expected), `by ${by}`).toEqual([]);
        }
      });
    }

    it(`${language}: every amount outside the indicator tables is the roll-up's, summary and annex too`, async () => {
      const w = REPORT_WORDS[language];
      const filter = { publishedOnly: true, asOf };
      const rollups: FundingSummary[] = [];
      for (const by of ["component", "country", "partner", "initiative"] as const)
        rollups.push(await summarizeFunding({ db: t.handle.db, by: [by], filter }));
      const total = rollups[0]?.total;
      const byInitiative = rollups[3] as FundingSummary;
      const allowed = new Set(
        rollups.flatMap((s) => [...s.rows, s.total].flatMap((m) => formatMeasures(m, language))),
      );
      const { figures } = issued.get(`${language}.pdf`) as GeneratedReport;
      const annexOrder = figures.initiatives.map((i) => i.code);
      expect(annexOrder.length).toBeGreaterThan(1);
      const annexExpected = annexOrder.flatMap((code) => {
        const row = byInitiative.rows.find((r) => r.key.initiative?.code === code);
        if (!row) throw new Error(`${code} is in the annex but not in the roll-up`);
        return (["budget", "committed", "disbursed", "gap"] as const).flatMap((c) =>
          row[c] === null ? [] : [formatUsd(row[c] as string, language)],
        );
      });
      for (const format of formats) {
        const body = await text(language, format);
        // The sections, by their headings.
        const paragraphs = body.indexOf(w.paragraphs);
        const indicators = body.indexOf(w.indicators);
        const annex = body.indexOf(w.annex);
        expect(0 < paragraphs && paragraphs < indicators && indicators < annex, format).toBe(true);
        const summary = body.slice(0, paragraphs);
        for (const measure of ["announced", "committed", "disbursed", "budget", "gap"] as const)
          expect(summary, `${format} summary: ${measure}`).toContain(
            formatUsd(total?.[measure] ?? "0.00", language),
          );
        expect(
          missingInOrder(figuresIn(body.slice(annex), language), annexExpected),
          `${format} annex`,
        ).toEqual([]);
        // Indicator values are observations, not money: everything else must be a roll-up figure.
        const outside = body.slice(0, indicators) + body.slice(annex);
        const stray = figuresIn(outside, language).filter((f) => !allowed.has(f));
        expect(stray, format).toEqual([]);
      }
    });

    it(`${language}: charts drawn on the server are in every format, each indicator with its sources`, async () => {
      const w = REPORT_WORDS[language];
      const { figures } = issued.get(`${language}.pdf`) as GeneratedReport;
      expect(figures.indicators.length).toBeGreaterThan(0);
      const titles = [
        w.chartByComponent,
        ...figures.indicators.map((i) => w.chartTrend(i.name[language] ?? i.code)),
      ];
      const html = (issued.get(`${language}.html`) as GeneratedReport).bytes.toString("utf8");
      const svgs = [...html.matchAll(/<svg role="img" aria-label="([^"]*)"/g)];
      expect(svgs).toHaveLength(titles.length);
      expect(html).not.toMatch(/<img|<script|https?:\/\/(?!www\.w3\.org)/);
      const docx = (issued.get(`${language}.docx`) as GeneratedReport).bytes;
      const documentXml = (await readZipEntry(docx, "word/document.xml"))?.toString("utf8") ?? "";
      expect(documentXml.match(/svgBlip/g)).toHaveLength(titles.length);
      for (let n = 1; n <= titles.length; n++) {
        const svg = (await readZipEntry(docx, `word/media/image${n}.svg`))?.toString("utf8");
        expect(svg, `image${n}.svg`).toMatch(/^<svg[\s\S]*<\/svg>$/);
        const png = await readZipEntry(docx, `word/media/image${n}.png`);
        expect(png?.subarray(1, 4).toString("latin1"), `image${n}.png`).toBe("PNG");
      }
      for (const format of formats) {
        const body = (await text(language, format)).replace(/\s+/g, " ");
        for (const title of titles) expect(body, `${format}: ${title}`).toContain(title);
        for (const indicator of figures.indicators)
          expect(body, format).toContain(
            `${w.indicatorSource}: ${indicator.sources.join("; ")}`.replace(/\s+/g, " "),
          );
      }
    });

    it(`${language}: the three formats state the same symbol, as-of time and original language`, async () => {
      const { report } = issued.get(`${language}.pdf`) as GeneratedReport;
      const w = REPORT_WORDS[language];
      for (const format of formats) {
        const body = (await text(language, format)).replace(/\s+/g, " ");
        expect(body).toContain(report.symbol);
        expect(body).toContain(w.originalLanguage(REPORT_WORDS.es.language));
        expect(body).toContain(w.summary);
      }
    });
  }

  it("names the remainder rows, so each Total is its rows plus named remainders", async () => {
    const body = (await text("en", "docx")).replace(/\s+/g, " ");
    expect(body).toContain("Not yet allocated to an initiative");
    expect(body).toContain("Announced, not allocated to a component");
    const es = (await text("es", "pdf")).replace(/\s+/g, " ");
    expect(es).toContain("Aún sin asignar a una iniciativa");
  });

  it("gives every version of one as-of instant one symbol, and Spanish as the original", () => {
    const symbols = new Set([...issued.values()].map((r) => r.report.symbol));
    expect(symbols.size).toBe(1);
    expect([...issued.values()].every((r) => r.report.original_language === "es")).toBe(true);
  });

  it("renders the same bytes again for the same as-of, in every format, storing nothing new", async () => {
    for (const [key, first] of issued) {
      const [language, format] = key.split(".") as [ReportLanguage, ReportFormat];
      const again = await generateReport({
        db: t.handle.db,
        language,
        format,
        asOf,
        principal: systemPrincipal("test"),
      });
      expect(again.report.sha256, key).toBe(first.report.sha256);
      expect(createHash("sha256").update(again.bytes).digest("hex"), key).toBe(first.report.sha256);
      expect(again.report.id, key).toBe(first.report.id);
      expect(again.stored, key).toBe(false);
      expect(again.figures).toEqual(first.figures);
    }
  }, 120_000);

  it("lays the PDF out inside its pages: page images kept, no word off the paper", () => {
    rmSync(PAGES_FOLDER, { recursive: true, force: true });
    mkdirSync(PAGES_FOLDER, { recursive: true });
    for (const language of languages) {
      const bytes = (issued.get(`${language}.pdf`) as GeneratedReport).bytes;
      withTempFile(bytes, ".pdf", (path) => {
        const info = execFileSync("pdfinfo", [path], { encoding: "utf8" });
        const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
        // Title page, summary and ten paragraphs, three funding tables, indicators, annex.
        expect(pages).toBeGreaterThanOrEqual(5);
        expect(pages).toBeLessThanOrEqual(30);
        execFileSync("pdftoppm", ["-r", "50", "-png", path, join(PAGES_FOLDER, language)]);
        const images = readdirSync(PAGES_FOLDER).filter((f) => f.startsWith(`${language}-`));
        expect(images).toHaveLength(pages);

        const boxes = execFileSync("pdftotext", ["-bbox", path, "-"], { encoding: "utf8" });
        const pageBoxes = [...boxes.matchAll(/<page width="([\d.]+)" height="([\d.]+)">/g)];
        expect(pageBoxes).toHaveLength(pages);
        const offPage: string[] = [];
        for (const page of boxes.split("<page ").slice(1)) {
          const width = Number(/width="([\d.]+)"/.exec(page)?.[1]);
          const height = Number(/height="([\d.]+)"/.exec(page)?.[1]);
          for (const word of page.matchAll(
            /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g,
          )) {
            const [xMin, yMin, xMax, yMax] = [1, 2, 3, 4].map((i) => Number(word[i]));
            // The margins are 54 points; a word reaching within 18 of an edge ran off its column.
            if (
              (xMin as number) < 18 ||
              (yMin as number) < 18 ||
              (xMax as number) > width - 18 ||
              (yMax as number) > height - 18
            )
              offPage.push(`${language}: "${word[5]}" at ${xMin},${yMin}–${xMax},${yMax}`);
          }
        }
        expect(offPage).toEqual([]);
      });
    }
  });
});
