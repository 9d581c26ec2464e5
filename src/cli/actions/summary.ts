import { type RollupDimension, rollupDimensionSchema } from "../../contracts/enums.ts";
import { type FundingSummary, summarizeFunding } from "../../modules/funding/index.ts";
import { loadConfig } from "../../platform/config.ts";
import { AppError } from "../../platform/errors.ts";
import { groupDigits, renderTable } from "../table.ts";
import { withDatabaseOrServer } from "../through-server.ts";

/** The measures as columns, with the words of docs/MEASURES.md (English) as headings. */
const COLUMNS = [
  ["budget", "budget"],
  ["announced", "announced"],
  ["committed", "committed"],
  ["committed_not_allocated", "committed, not yet allocated"],
  ["disbursed", "disbursed"],
  ["coverage_pct", "coverage"],
  ["gap", "gap"],
  ["announced_not_committed", "announced, not yet committed"],
] as const;
const HEADINGS = COLUMNS.map(([, heading]) => heading);
/** What a remainder row is, in words: the support no initiative received. */
export const REMAINDER_LABEL = "not yet allocated to an initiative";
/** By component: what was announced to no component at all (region-wide). */
export const NO_COMPONENT_LABEL = "announced, not allocated to a component";

/** `esca summary [--by DIMENSIONS] [--json]`. */
export async function printSummary(options: { by?: string; json?: boolean }): Promise<void> {
  const by = parseDimensions(options.by);
  const query = by.length ? `?by=${by.join(",")}` : "";
  const summary = await withDatabaseOrServer(loadConfig(), "summary", {
    local: (db) => summarizeFunding({ db, by }),
    remote: (client) => client.send<FundingSummary>("GET", `/api/funding/summary${query}`),
  });
  process.stdout.write(
    options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${renderSummary(summary, by)}\n`,
  );
}

function parseDimensions(value: string | undefined): RollupDimension[] {
  if (!value) return [];
  return value.split(",").map((raw) => {
    const parsed = rollupDimensionSchema.safeParse(raw.trim());
    if (!parsed.success) {
      throw new AppError(
        "validation_failed",
        `--by: "${raw}" is not one of ${rollupDimensionSchema.options.join(", ")}.`,
      );
    }
    return parsed.data;
  });
}

type Measures = FundingSummary["total"];

function measureCells(measures: Measures): string[] {
  return COLUMNS.map(([m]) => {
    const value = measures[m];
    return m === "coverage_pct" ? (value === null ? "—" : `${value}%`) : groupDigits(value);
  });
}

function keyLabel(key: Record<string, unknown>, dimension: RollupDimension): string {
  const value = key[dimension];
  if (value === null || value === undefined) return "—";
  if (typeof value !== "object") return String(value);
  const record = value as {
    code?: string;
    name?: { en?: string | null; es?: string | null };
    title?: { en?: string | null; es?: string | null };
  };
  const label = record.name?.en ?? record.name?.es ?? record.title?.en ?? record.title?.es ?? "";
  return [record.code, label].filter(Boolean).join(" ");
}

/**
 * The roll-up as a table: the groups, the remainder rows (support given to no initiative,
 * named in words in the first column that has no value), then the total, which is their sum.
 */
export function renderSummary(summary: FundingSummary, by: RollupDimension[]): string {
  const rows = summary.rows.map((row) => {
    const labels = by.map((d) => keyLabel(row.key as Record<string, unknown>, d));
    if (row.remainder) {
      const blank = Math.max(labels.indexOf("—"), 0);
      const said =
        row.remainder === "not_allocated_to_component" ? NO_COMPONENT_LABEL : REMAINDER_LABEL;
      labels[blank] = labels[blank] === "—" ? `(${said})` : `${labels[blank]} (${said})`;
    }
    return [...labels, ...measureCells(row)];
  });
  const totalRow = [...by.map((_, i) => (i === 0 ? "Total" : "")), ...measureCells(summary.total)];
  const headers = [...by, ...HEADINGS];
  const table = renderTable(
    by.length ? headers : ["", ...HEADINGS],
    by.length ? [...rows, totalRow] : [["Strategy", ...measureCells(summary.total)]],
  );
  const groups = summary.rows.filter((row) => !row.remainder).length;
  const remainders = summary.rows.length - groups;
  const counted = `${groups} group${groups === 1 ? "" : "s"}${remainders ? ` + ${remainders} not yet allocated` : ""}`;
  return `Funding in USD (${counted}; docs/MEASURES.md defines each measure)\n${table}`;
}
