import { renderChartSvg } from "./report-charts.ts";
import type { Block, ReportDocument, Table } from "./report-document.ts";

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "#39" }[c]};`,
  );

const STYLE = `
body{font-family:Georgia,"Times New Roman",serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}
.cover{text-align:center;border-bottom:1px solid #999;padding-bottom:1.5rem;margin-bottom:1.5rem}
.cover .meta{display:flex;justify-content:space-between;font-size:.9rem;text-align:left}
.cover .meta div:last-child{text-align:right}
h1{font-size:1.3rem;margin-top:2rem}h2{font-size:1.1rem}h3{font-size:1rem}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0 1rem}
th,td{border:1px solid #bbb;padding:.25rem .4rem;vertical-align:top}
th{background:#eef1f5;text-align:left}td.n{text-align:right;white-space:nowrap}
tr.total td{font-weight:bold;background:#f7f7f7}
.small{font-size:.85rem;color:#333}figure{margin:1rem 0}figure svg{max-width:100%;height:auto}
footer{margin-top:2rem;border-top:1px solid #999;font-size:.8rem;color:#444}`;

/**
 * The report as one self-contained HTML page (styles and SVG charts inline, nothing fetched),
 * byte for byte the same for the same figures and language.
 */
export function renderHtml(doc: ReportDocument): Buffer {
  let charts = 0;
  const block = (b: Block): string => {
    switch (b.kind) {
      case "heading":
        return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
      case "paragraph":
        return `<p${b.small ? ' class="small"' : ""}>${escapeHtml(b.text)}</p>`;
      case "list":
        return `<ul>${b.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`;
      case "table":
        return table(b.table);
      case "chart": {
        charts += 1;
        const svg = renderChartSvg(b.chart, `c${charts}`).replace(
          "<svg ",
          `<svg role="img" aria-label="${escapeHtml(b.chart.title)}" `,
        );
        return `<figure>${svg}<figcaption class="small">${escapeHtml(b.chart.title)}</figcaption></figure>`;
      }
    }
  };
  const { cover } = doc;
  const html = `<!doctype html>
<html lang="${doc.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="dcterms.identifier" content="${escapeHtml(doc.symbol)}">
<meta name="dcterms.date" content="${escapeHtml(doc.date)}">
<title>${escapeHtml(doc.symbol)} · ${escapeHtml(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="cover">
<p><strong>${escapeHtml(cover.council)}</strong></p>
<div class="meta"><div></div><div>${escapeHtml(cover.symbol)}<br>${escapeHtml(cover.date)}<br>${escapeHtml(cover.original)}</div></div>
${cover.title.map((line, i) => (i === 0 ? `<h1>${escapeHtml(line)}</h1>` : `<p><em>${escapeHtml(line)}</em></p>`)).join("\n")}
</header>
<main>
${doc.blocks.map(block).join("\n")}
</main>
<footer><p>${escapeHtml(doc.symbol)}</p></footer>
</body>
</html>
`;
  return Buffer.from(html, "utf8");
}

function table(t: Table): string {
  const head = `<thead><tr>${t.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead>`;
  const rows = t.rows
    .map(
      (row, index) =>
        `<tr${t.emphasis.includes(index) ? ' class="total"' : ""}>${row
          .map(
            (cell, column) =>
              `<td${t.numeric[column] ? ' class="n"' : ""}>${escapeHtml(cell)}</td>`,
          )
          .join("")}</tr>`,
    )
    .join("");
  return `<table>${head}<tbody>${rows}</tbody></table>`;
}
