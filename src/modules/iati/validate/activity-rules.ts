import {
  type CodePercentage,
  type IatiProblem,
  type IatiProblemCode,
  type IatiProblemValues,
  iatiProblem,
  type ParsedActivity,
} from "../read/iati-activity.ts";
import type { XmlNode } from "../read/xml-node.ts";

/** "33.33" → 3333 hundredths; anything else → NaN, so sums compare exactly. */
const hundredths = (value: string | null) => {
  const match = value ? /^(\d{1,3})(?:\.(\d{1,2})\d*)?$/.exec(value.trim()) : null;
  return match ? Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0")) : Number.NaN;
};
const shown = (h: number) =>
  Number.isNaN(h) ? "not a number" : (h / 100).toFixed(2).replace(/\.00$/, "");

/**
 * The main rules of IATI 2.03 beyond the schema (IATI-Rulesets standard.json), as listed in
 * ../shared/data/iati/README.md. Each finding names the line of the element that breaks it.
 */
export function checkActivityRules(
  activity: ParsedActivity,
  node: XmlNode,
  today: string,
): IatiProblem[] {
  const found: IatiProblem[] = [];
  const rule = <C extends IatiProblemCode>(
    line: number,
    code: C,
    values: IatiProblemValues<C>,
    message: string,
  ) => found.push(iatiProblem(line, "rule", code, values, message));
  const a = activity;
  if (a.reportingOrg.ref && !a.identifier.startsWith(a.reportingOrg.ref))
    rule(
      a.line,
      "identifier_prefix",
      { identifier: a.identifier, ref: a.reportingOrg.ref },
      `iati-identifier "${a.identifier}" does not start with the reporting org's ref "${a.reportingOrg.ref}"`,
    );
  const date = (type: string) => a.dates.find((d) => d.type === type)?.date;
  if (!date("1") && !date("2"))
    rule(a.line, "no_start_date", {}, "the activity has no start date (activity-date type 1 or 2)");
  for (const [start, end, what, code] of [
    ["1", "3", "planned", "planned_start_after_end"],
    ["2", "4", "actual", "actual_start_after_end"],
  ] as const) {
    const s = date(start);
    const e = date(end);
    if (s && e && s > e)
      rule(
        a.line,
        code,
        { start: s, end: e },
        `the ${what} start ${s} is after the ${what} end ${e}`,
      );
  }
  for (const type of ["2", "4"]) {
    const d = date(type);
    if (d && d > today)
      rule(
        a.line,
        "actual_date_future",
        { date: d, type },
        `the actual date ${d} (type ${type}) is in the future`,
      );
  }
  const withSector = a.transactions.filter((t) => t.hasSector).length;
  if (a.sectors.length > 0 && withSector > 0)
    rule(
      a.line,
      "sectors_both_levels",
      {},
      "sectors are given both on the activity and on transactions; use one or the other",
    );
  if (a.sectors.length === 0 && withSector > 0 && withSector < a.transactions.length)
    rule(
      a.line,
      "sectors_some_transactions",
      {},
      "sectors are given on some transactions only; give them on every transaction or on the activity",
    );
  const vocabularies = new Set(a.sectors.map((s) => s.vocabulary ?? "1"));
  for (const vocabulary of vocabularies) {
    const sum = sumOf(a.sectors.filter((s) => (s.vocabulary ?? "1") === vocabulary));
    if (sum === null || sum === 10_000) continue;
    const message = `sector percentages of vocabulary ${vocabulary} add up to ${shown(sum)}, not 100`;
    if (Number.isNaN(sum)) rule(a.line, "sector_percentage_invalid", { vocabulary }, message);
    else rule(a.line, "sector_sum", { vocabulary, total: sum / 100 }, message);
  }
  const places = sumOf([...a.countries, ...a.regions]);
  if (places !== null && places !== 10_000) {
    const message = `recipient country and region percentages add up to ${shown(places)}, not 100`;
    if (Number.isNaN(places)) rule(a.line, "place_percentage_invalid", {}, message);
    else rule(a.line, "place_sum", { total: places / 100 }, message);
  }
  for (const t of a.transactions) {
    if (t.date > today)
      rule(
        t.line,
        "transaction_date_future",
        { date: t.date },
        `the transaction date ${t.date} is in the future`,
      );
  }
  for (const b of a.budgets) {
    if (b.periodStart > b.periodEnd)
      rule(
        b.line,
        "budget_period_reversed",
        { start: b.periodStart, end: b.periodEnd },
        "the budget period ends before it starts",
      );
    else if (daysBetween(b.periodStart, b.periodEnd) > 366)
      rule(
        b.line,
        "budget_period_long",
        { start: b.periodStart, end: b.periodEnd },
        `the budget period ${b.periodStart}–${b.periodEnd} is longer than one year`,
      );
  }
  if (!a.lang)
    walkNarratives(node, (line) =>
      rule(
        line,
        "narrative_no_lang",
        {},
        "a narrative has no language (no @xml:lang on it or on the activity)",
      ),
    );
  return found;
}

/** Sum of percentages in hundredths; null when only one entry without a percentage (100 % implied). */
function sumOf(entries: CodePercentage[]): number | null {
  if (entries.length === 0) return null;
  if (entries.length === 1 && entries[0]?.percentage === null) return null;
  return entries.reduce((sum, e) => sum + hundredths(e.percentage), 0);
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

function walkNarratives(node: XmlNode, report: (line: number) => void) {
  for (const child of node.children) {
    if (child.name === "narrative" && !child.attrs["xml:lang"]) report(child.line);
    else walkNarratives(child, report);
  }
}
