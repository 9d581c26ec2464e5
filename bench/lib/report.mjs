// What every bench script shares: its arguments, its figures with their baselines, the JSON it
// writes with --json FILE (docs/PERFORMANCE.md, "npm run bench": the contract), and tables.
//
//   { "script": "rollup", "title": "Funding roll-up over 1,000,000 flows",
//     "figures": [ { "name": "roll-up, PGlite", "value": 812.3, "unit": "ms",
//                    "baseline": { "name": "bare sum() scan, PGlite", "value": 501.2, "unit": "ms" },
//                    "ratio": 1.62, "goal": "≤ 2", "met": true } ],
//     "notes": ["…"] }
//
// A script that cannot run here (no ../shared, no PostgreSQL server, not root) writes no
// figures and a note "skipped: <reason>" (skipped() does both), and exits 0.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * --key value and --key=value as strings, a bare --flag as true; a default's type says how a
 * value is read (a number default makes the value a number). Keys are kept as written
 * ("database-url") and also in camelCase ("databaseUrl"). Accepts process.argv whole.
 * @param {string[]} argv
 * @param {Record<string, string | number | boolean | undefined>} [defaults]
 */
export function benchArgs(argv, defaults = {}) {
  /** @type {Record<string, string | number | boolean | undefined>} */
  const args = { ...defaults };
  const set = (key, raw) => {
    const fallback = defaults[key] ?? defaults[camel(key)];
    let value = raw;
    if (typeof fallback === "number" && typeof raw === "string") {
      value = Number(raw);
      if (!Number.isFinite(value)) throw new Error(`--${key} expects a number, not "${raw}"`);
    } else if (typeof fallback === "boolean" && typeof raw === "string") {
      value = !["false", "0", "no"].includes(raw);
    }
    args[key] = value;
    args[camel(key)] = value;
  };
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index] ?? "";
    if (!token.startsWith("--") || token === "--") continue;
    const equals = token.indexOf("=");
    if (equals > 0) {
      set(token.slice(2, equals), token.slice(equals + 1));
      continue;
    }
    const key = token.slice(2);
    const next = argv[index + 1];
    const takesValue = typeof (defaults[key] ?? defaults[camel(key)]) !== "boolean";
    if (next !== undefined && !next.startsWith("--") && takesValue) {
      set(key, next);
      index++;
    } else set(key, true);
  }
  return args;
}

/** The contract's name for benchArgs. */
export const parseArgs = benchArgs;

function camel(key) {
  return key.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
}

/**
 * Writes a script's result (script, title, figures, notes) as the contract's JSON.
 * @param {string} file
 * @param {{script: string, title: string, figures: object[], notes?: string[]}} result
 */
export function writeJson(file, result) {
  if (!file || file === true) return;
  mkdirSync(dirname(file), { recursive: true });
  const json = JSON.stringify({ figures: [], ...result, notes: result.notes ?? [] }, bigints, 2);
  writeFileSync(file, `${json}\n`);
}

/** JSON has no bigint: a count read as one (PostgreSQL's count(*)) is written as a number. */
const bigints = (_key, value) => (typeof value === "bigint" ? Number(value) : value);

/**
 * A figure with its ratio to the baseline and whether the goal is met. The ratio is
 * value / baseline (a time against a baseline's time: "≤ 2"; a throughput against the
 * baseline's: "≥ 0.5"), or baseline / value with `inverse` (say so in the goal). A goal
 * "≤ x" or "≥ x" is checked against the ratio unless `met` is given (an absolute goal such
 * as "≥ 1,000/s" is decided by the script).
 * @param {{name: string, value: number, unit: string,
 *   baseline?: {name: string, value: number, unit: string} | null,
 *   goal?: string | null, met?: boolean | null, inverse?: boolean,
 *   atLeast?: number, atMost?: number}} options
 */
export function figure({
  name,
  value,
  unit,
  baseline = null,
  goal = null,
  met,
  inverse = false,
  atLeast,
  atMost,
}) {
  let ratio = null;
  if (baseline && baseline.value > 0 && value > 0)
    ratio = round(inverse ? baseline.value / value : value / baseline.value, 3);
  return {
    name,
    value: round(value, 3),
    unit,
    baseline: baseline ? { ...baseline, value: round(baseline.value, 3) } : null,
    ratio,
    goal,
    met: met !== undefined ? met : (bounded(ratio, atLeast, atMost) ?? goalMet(goal, ratio)),
  };
}

/** A ratio against explicit bounds (`atLeast`, `atMost`); null when neither is given. */
function bounded(ratio, atLeast, atMost) {
  if (ratio === null || (atLeast === undefined && atMost === undefined)) return null;
  return (atLeast === undefined || ratio >= atLeast) && (atMost === undefined || ratio <= atMost);
}

/** "≤ 2" / "≥ 0.35" (also <=, >=, <, >) against a ratio; null when either is missing. */
export function goalMet(goal, ratio) {
  if (goal === null || goal === undefined || ratio === null || ratio === undefined) return null;
  const match = /^\s*(≤|≥|<=|>=|<|>)\s*([0-9][0-9,]*(?:\.[0-9]+)?)/.exec(goal);
  if (!match) return null;
  const limit = Number(match[2]?.replace(/,/g, ""));
  switch (match[1]) {
    case "≤":
    case "<=":
      return ratio <= limit;
    case "<":
      return ratio < limit;
    case ">":
      return ratio > limit;
    default:
      return ratio >= limit;
  }
}

/** The result of a script that cannot run here: no figures, one note "skipped: reason". */
export function skipped(script, title, reason) {
  return { script, title, figures: [], notes: [`skipped: ${reason}`] };
}

/** Writes the result when --json was given, and returns it. */
export function finish(args, result) {
  if (typeof args.json === "string") writeJson(args.json, result);
  return result;
}

export function round(value, digits = 2) {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** A number as people read it: 1,234.5 (at most `digits` decimals, fewer for big numbers). */
export function formatNumber(value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) return "";
  const decimals = Math.abs(value) >= 1000 ? 0 : Math.abs(value) >= 100 ? 1 : digits;
  return value.toLocaleString("en-US", { maximumFractionDigits: decimals });
}

/**
 * A plain-text table: a header row, a rule, the rows; each column as wide as its widest
 * cell, numbers-looking cells right-aligned.
 * @param {string[]} header
 * @param {string[][]} rows
 */
export function formatTable(header, rows) {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => String(row[column] ?? "").length)),
  );
  const numeric = /^[-+]?[0-9][0-9,.]*\s*[a-zA-Z/%×]*$/;
  const line = (cells) =>
    cells
      .map((cell, column) => {
        const text = String(cell ?? "");
        const width = widths[column] ?? 0;
        return numeric.test(text) ? text.padStart(width) : text.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  return [
    line(header),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...rows.map(line),
  ].join("\n");
}

/** The contract's figures as table rows: figure, value, baseline, ratio, goal, met. */
export function figureRows(figures) {
  return figures.map((item) => [
    item.name,
    `${formatNumber(item.value)} ${item.unit ?? ""}`.trim(),
    item.baseline
      ? `${formatNumber(item.baseline.value)} ${item.baseline.unit ?? ""} (${item.baseline.name})`.trim()
      : "",
    item.ratio === null || item.ratio === undefined ? "" : formatNumber(item.ratio, 2),
    item.goal ?? "",
    item.met === true ? "yes" : item.met === false ? "NO" : "",
  ]);
}

export const FIGURE_HEADER = ["figure", "value", "baseline", "ratio", "goal", "met"];
