import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import pdfmake, { type Content, type TableCell } from "pdfmake";
import { CHART_HEIGHT, CHART_WIDTH, renderChartSvg } from "./report-charts.ts";
import type { Block, ReportDocument, Table } from "./report-document.ts";

/** pdfmake's own Roboto, which carries every Spanish letter (á, é, ñ, ¿, «…). */
const fontFolder = join(
  dirname(createRequire(import.meta.url).resolve("pdfmake/fonts/Roboto/Roboto-Regular.ttf")),
);
let configured = false;
type TDocumentDefinitions = Parameters<typeof pdfmake.createPdf>[0];

function configure() {
  if (configured) return;
  const font = (file: string) => join(fontFolder, file);
  pdfmake.setFonts({
    Roboto: {
      normal: font("Roboto-Regular.ttf"),
      bold: font("Roboto-Medium.ttf"),
      italics: font("Roboto-Italic.ttf"),
      bolditalics: font("Roboto-MediumItalic.ttf"),
    },
  });
  // A report fetches nothing and reads no file but its fonts.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontFolder));
  configured = true;
}

/**
 * The report as a PDF (US Letter, the OAS's paper), its fonts embedded. The document's dates
 * are the as-of instant, not the time of rendering, and the file identifier follows from them,
 * so the same figures give the same bytes.
 */
export async function renderPdf(doc: ReportDocument, asOf: Date): Promise<Buffer> {
  configure();
  const definition: TDocumentDefinitions = {
    pageSize: "LETTER",
    pageMargins: [54, 54, 54, 60],
    info: {
      title: `${doc.symbol} ${doc.title}`,
      author: doc.cover.council,
      subject: doc.title,
      creator: "ESCA Hub",
      producer: "ESCA Hub",
      creationDate: asOf,
      modDate: asOf,
    },
    language: doc.language,
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.2 },
    styles: {
      h1: { fontSize: 14, bold: true, margin: [0, 14, 0, 6] },
      h2: { fontSize: 11.5, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 4] },
      small: { fontSize: 8.5, color: "#333333" },
      table: { fontSize: 7, margin: [0, 2, 0, 8] },
      th: { bold: true, fillColor: "#eef1f5" },
    },
    footer: (page: number, pages: number) => ({
      text: doc.footer(page, pages),
      alignment: "center",
      fontSize: 8,
      margin: [0, 24, 0, 0],
    }),
    content: [...cover(doc), ...doc.blocks.map(block)],
    // A heading never ends a page: it moves to the next one with what it introduces.
    pageBreakBefore: (node, queries) =>
      Boolean(node.headlineLevel) &&
      queries.getFollowingNodesOnPage().filter((n) => !n.headlineLevel).length === 0,
  };
  return pdfmake.createPdf(definition).getBuffer();
}

function cover(doc: ReportDocument): Content[] {
  return [
    { text: doc.cover.council, bold: true, alignment: "center", margin: [0, 0, 0, 24] },
    {
      stack: [doc.cover.symbol, doc.cover.date, doc.cover.original],
      alignment: "right",
      margin: [0, 0, 0, 120],
    },
    { text: doc.cover.title[0] ?? "", fontSize: 16, bold: true, alignment: "center" },
    { text: doc.cover.title[1] ?? "", italics: true, alignment: "center", margin: [0, 12, 0, 0] },
    { text: "", pageBreak: "after" },
  ];
}

function block(b: Block): Content {
  switch (b.kind) {
    case "heading":
      return { text: b.text, style: `h${b.level}`, headlineLevel: b.level };
    case "paragraph":
      return { text: b.text, ...(b.small ? { style: "small" } : {}), margin: [0, 0, 0, 6] };
    case "list":
      return { ul: [...b.items], style: "small", margin: [0, 0, 0, 6] };
    case "table":
      return table(b.table);
    case "chart":
      return {
        stack: [
          { svg: renderChartSvg(b.chart), width: 460, height: (460 * CHART_HEIGHT) / CHART_WIDTH },
          { text: b.chart.title, style: "small", alignment: "center" },
        ],
        unbreakable: true,
        margin: [0, 4, 0, 10],
      };
  }
}

function table(t: Table): Content {
  const weights = t.widths ?? t.headers.map((_, i) => (i === 0 ? 2 : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const header: TableCell[] = t.headers.map((h, i) => ({
    text: h,
    style: "th",
    alignment: t.numeric[i] ? "right" : "left",
  }));
  const body: TableCell[][] = t.rows.map((row, index) =>
    row.map((cell, i) => ({
      text: cell,
      alignment: t.numeric[i] ? "right" : "left",
      bold: t.emphasis.includes(index),
    })),
  );
  return {
    style: "table",
    table: {
      headerRows: 1,
      dontBreakRows: true,
      // Shares of the page's width: pdfmake takes each cell's padding and rules out of them.
      widths: weights.map((w) => `${Math.floor((w / sum) * 10000) / 100}%`),
      body: [header, ...body],
    },
    layout: {
      hLineWidth: (i: number) => (i === 1 ? 1 : 0.5),
      vLineWidth: () => 0,
      hLineColor: (i: number) => (i === 1 ? "#000000" : "#aaaaaa"),
      paddingLeft: (i: number) => (i === 0 ? 0 : 4),
      paddingRight: (i: number) => (i === t.headers.length - 1 ? 0 : 4),
    },
  };
}
