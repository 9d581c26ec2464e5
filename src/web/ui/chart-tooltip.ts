const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text as HTML that shows it literally: `<b>` stays the four characters `<b>`. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);

export interface TooltipRow {
  /** ECharts' own colour dot for the series (HTML it builds from our palette, not data). */
  marker?: string;
  label?: string;
  value: string;
}

/**
 * A chart tooltip's HTML. ECharts writes a formatter's string into the page as HTML, and the
 * strings shown come from data (an organization named in an IATI file, an indicator's name),
 * so every one of them is escaped here; every chart's tooltip is built by this function.
 */
export function tooltipHtml(title: string | undefined, rows: TooltipRow[]): string {
  const lines = rows.map(
    (row) =>
      `${row.marker ?? ""}${row.label === undefined ? "" : `${escapeHtml(row.label)}: `}<strong>${escapeHtml(row.value)}</strong>`,
  );
  return (title === undefined ? lines : [`<strong>${escapeHtml(title)}</strong>`, ...lines]).join(
    "<br/>",
  );
}
