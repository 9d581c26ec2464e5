import { describe, expect, it } from "vitest";
import { createFormatters } from "../i18n/format.ts";
import { measureBars, yearLine } from "./chart-options.ts";
import { escapeHtml, tooltipHtml } from "./chart-tooltip.ts";

/** Names an IATI file or a careless edit could give an organization, indicator or initiative. */
const hostile = [
  '<a href="https://evil.example/">IDB</a>',
  "<img src=x onerror=alert(1)>",
  '"><script>alert(1)</script>',
  "<svg onload=alert(1)>",
  "' onmouseover='alert(1)",
  "Banco &lt;Interamericano&gt; & Co.",
  "<!-- -->",
  "<",
];

const MARKER = '<span style="display:inline-block;background-color:#1f5fa8;"></span>';
/** The only markup a tooltip may hold: bold, line breaks and ECharts' colour marker. */
const ALLOWED = /<strong>|<\/strong>|<br\/>|<span style="[^"<>]*"><\/span>/g;

const decode = (html: string) =>
  html
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

function expectOnlyText(html: string, shown: string[]) {
  const markupLeft = html.replace(ALLOWED, "\n");
  expect(markupLeft).not.toContain("<");
  expect(markupLeft).not.toContain(">");
  const text = decode(markupLeft);
  for (const name of shown) expect(text).toContain(name);
}

type Formatter = (params: unknown[]) => string;
const formatterOf = (option: unknown) =>
  (option as { tooltip: { formatter: Formatter; className: string } }).tooltip;

describe("chart tooltips", () => {
  const fmt = createFormatters("en");

  it("escapes every character HTML reads, and nothing else", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
    expect(escapeHtml("Unión Europea · 1 500 000")).toBe("Unión Europea · 1 500 000");
    for (const name of hostile) expect(decode(escapeHtml(name))).toBe(name);
  });

  it.each(hostile)("shows %j literally in a tooltip's title, labels and values", (name) => {
    const html = tooltipHtml(name, [
      { marker: MARKER, label: name, value: name },
      { label: name, value: "US$1" },
    ]);
    expectOnlyText(html, [name]);
    expect(html).toContain(MARKER);
  });

  it.each(hostile)("escapes %j as a partner's bar and a measure's name", (name) => {
    const option = measureBars({
      categories: [name, "European Union"],
      series: [{ name, color: "#1f5fa8", values: ["1500000.00", null] }],
      fmt,
      horizontal: true,
    });
    const tooltip = formatterOf(option);
    expect(tooltip.className).toBe("chart-tooltip");
    const html = tooltip.formatter([
      { name, seriesName: name, marker: MARKER, data: { value: 1_500_000, text: "US$1,500,000" } },
    ]);
    expectOnlyText(html, [name, "US$1,500,000"]);
  });

  it.each(hostile)("escapes %j as a line's name and point", (name) => {
    const option = yearLine({ years: [2010], values: ["41.4"], name, color: "#8b2c4d", fmt });
    const html = formatterOf(option).formatter([
      { name, seriesName: name, marker: MARKER, data: { value: 41.4, text: "41.4" } },
    ]);
    expectOnlyText(html, [name, "41.4"]);
  });
});
