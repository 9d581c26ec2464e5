import {
  AlignmentType,
  Document,
  Table as DocxTable,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { rasterizeChart } from "./chart-raster.ts";
import { fixZipDates } from "./fixed-zip-dates.ts";
import { CHART_HEIGHT, CHART_WIDTH, renderChartSvg } from "./report-charts.ts";
import type { Block, ReportDocument, Table } from "./report-document.ts";

const HEADINGS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
};

/**
 * The report as a Word document, the OAS's first format. Its core properties carry the as-of
 * instant as created and modified dates, its images fixed ids, and the archive's entries one
 * fixed time, so the same figures give the same bytes.
 */
export async function renderDocx(doc: ReportDocument, asOf: Date): Promise<Buffer> {
  let charts = 0;
  const children: Array<Paragraph | DocxTable> = [...cover(doc)];
  for (const b of doc.blocks) {
    if (b.kind === "chart") charts += 1;
    children.push(...block(b, charts));
  }
  const document = new Document({
    creator: "ESCA Hub",
    title: `${doc.symbol} ${doc.title}`,
    description: doc.title,
    styles: { default: { document: { run: { font: "Calibri", size: 21 } } } },
    sections: [
      {
        properties: { page: { size: { width: 12240, height: 15840 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${doc.symbol} · `, size: 16 }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const packed = await Packer.toBuffer(document, false, [
    { path: "docProps/core.xml", data: coreProperties(doc, asOf) },
  ]);
  return fixZipDates(Buffer.from(packed), asOf);
}

const xml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[c]};`);

/** docx stamps created/modified with the clock; these say the as-of instant instead. */
function coreProperties(doc: ReportDocument, asOf: Date): string {
  const when = `${asOf.toISOString().slice(0, 19)}Z`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xml(`${doc.symbol} ${doc.title}`)}</dc:title><dc:creator>ESCA Hub</dc:creator><dc:identifier>${xml(doc.symbol)}</dc:identifier><dc:language>${doc.language}</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`;
}

function cover(doc: ReportDocument): Paragraph[] {
  const right = (text: string) =>
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(text)] });
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 480 },
      children: [new TextRun({ text: doc.cover.council, bold: true })],
    }),
    right(doc.cover.symbol),
    right(doc.cover.date),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { after: 2400 },
      children: [new TextRun(doc.cover.original)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: doc.cover.title[0] ?? "", bold: true, size: 32 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240 },
      children: [new TextRun({ text: doc.cover.title[1] ?? "", italics: true })],
    }),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

function block(b: Block, chartNumber: number): Array<Paragraph | DocxTable> {
  switch (b.kind) {
    case "heading":
      return [new Paragraph({ heading: HEADINGS[b.level], text: b.text })];
    case "paragraph":
      return [
        new Paragraph({ children: [new TextRun({ text: b.text, ...(b.small && { size: 18 }) })] }),
      ];
    case "list":
      return b.items.map(
        (item) =>
          new Paragraph({
            bullet: { level: 0 },
            children: [new TextRun({ text: item, size: 18 })],
          }),
      );
    case "table":
      return [table(b.table), new Paragraph({ text: "" })];
    case "chart": {
      const width = 600;
      const height = Math.round((width * CHART_HEIGHT) / CHART_WIDTH);
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new ImageRun({
              type: "svg",
              data: Buffer.from(renderChartSvg(b.chart), "utf8"),
              fallback: { type: "png", data: rasterizeChart(b.chart) },
              transformation: { width, height },
              altText: {
                id: String(chartNumber),
                name: `chart-${chartNumber}`,
                title: b.chart.title,
                description: b.chart.title,
              },
            }),
          ],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: b.chart.title, size: 18, italics: true })],
        }),
      ];
    }
  }
}

function table(t: Table): DocxTable {
  const weights = t.widths ?? t.headers.map((_, i) => (i === 0 ? 2 : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const cell = (text: string, column: number, bold: boolean, shaded = false) =>
    new TableCell({
      width: {
        size: Math.round(((weights[column] ?? 1) / sum) * 5000),
        type: WidthType.PERCENTAGE,
      },
      ...(shaded && { shading: { fill: "EEF1F5" } }),
      children: [
        new Paragraph({
          alignment: t.numeric[column] ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold, size: 16 })],
        }),
      ],
    });
  return new DocxTable({
    width: { size: 5000, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: t.headers.map((h, i) => cell(h, i, true, true)),
      }),
      ...t.rows.map(
        (row, index) =>
          new TableRow({
            children: row.map((text, i) => cell(text, i, t.emphasis.includes(index))),
          }),
      ),
    ],
  });
}
