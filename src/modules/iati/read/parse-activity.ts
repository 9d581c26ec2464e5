import { type FinanceType, isFinanceType } from "../../../contracts/finance-types.ts";
import {
  type CodePercentage,
  type IatiProblem,
  iatiProblem,
  type ParsedActivity,
  type ParsedBudget,
  type ParsedTransaction,
} from "./iati-activity.ts";
import { isoDate, parseValue } from "./parse-values.ts";
import { narrativesOf, type XmlNode } from "./xml-node.ts";

const attr = (node: XmlNode | undefined, name: string) => node?.attrs[name]?.trim() || null;

function codes(nodes: XmlNode[]): CodePercentage[] {
  const list: CodePercentage[] = [];
  for (const n of nodes) {
    const code = attr(n, "code");
    if (code)
      list.push({ code, vocabulary: attr(n, "vocabulary"), percentage: attr(n, "percentage") });
  }
  return list;
}

/**
 * Turns one <iati-activity> tree into what ESCA Hub keeps of it. Problems that keep a row out
 * (a transaction without a usable value) are recorded with their line; the main rules are
 * checked separately (activity-rules.ts).
 */
export function parseActivity(node: XmlNode, endLine: number): ParsedActivity | IatiProblem {
  // One pass over the activity's children instead of one per element name.
  const byName = new Map<string, XmlNode[]>();
  for (const child of node.children) {
    const list = byName.get(child.name);
    if (list) list.push(child);
    else byName.set(child.name, [child]);
  }
  const all = (name: string) => byName.get(name) ?? [];
  const first = (name: string) => byName.get(name)?.[0];
  const identifier = first("iati-identifier")?.text.trim();
  if (!identifier)
    return iatiProblem(
      node.line,
      "data",
      "no_identifier",
      {},
      "<iati-activity> has no <iati-identifier>",
    );
  const lang = attr(node, "xml:lang");
  const defaultCurrency = attr(node, "default-currency");
  const reporting = first("reporting-org");
  const problems: IatiProblem[] = [];
  const defaultFinanceType = financeTypeOf(first("default-finance-type"), problems);
  const transactions: ParsedTransaction[] = [];
  for (const t of all("transaction")) {
    const parsed = parseTransaction(t, defaultCurrency, defaultFinanceType, lang, problems);
    if (parsed) transactions.push(parsed);
  }
  const budgets: ParsedBudget[] = [];
  for (const b of all("budget")) {
    let start: XmlNode | undefined;
    let end: XmlNode | undefined;
    let valueNode: XmlNode | undefined;
    for (const child of b.children) {
      if (child.name === "period-start") start ??= child;
      else if (child.name === "period-end") end ??= child;
      else if (child.name === "value") valueNode ??= child;
    }
    const periodStart = isoDate(start?.attrs["iso-date"]);
    const periodEnd = isoDate(end?.attrs["iso-date"]);
    if (!periodStart || !periodEnd) {
      problems.push(
        iatiProblem(
          b.line,
          "data",
          "budget_period_missing",
          {},
          "<budget> needs a period-start and a period-end date",
        ),
      );
      continue;
    }
    const value = parseValue(b, valueNode, defaultCurrency, periodStart, problems);
    if (value)
      budgets.push({
        line: b.line,
        type: attr(b, "type"),
        status: attr(b, "status"),
        periodStart,
        periodEnd,
        value,
      });
  }
  return {
    line: node.line,
    endLine,
    identifier,
    reportingOrg: {
      ref: attr(reporting, "ref") ?? "",
      type: attr(reporting, "type"),
      names: narrativesOf(reporting, lang),
    },
    lang,
    defaultCurrency,
    defaultFinanceType,
    lastUpdated: attr(node, "last-updated-datetime"),
    title: narrativesOf(first("title"), lang),
    description: all("description").flatMap((d) => narrativesOf(d, lang)),
    status: attr(first("activity-status"), "code"),
    dates: all("activity-date").flatMap((d) => {
      const date = isoDate(d.attrs["iso-date"]);
      const type = attr(d, "type");
      return date && type ? [{ type, date }] : [];
    }),
    participatingOrgs: all("participating-org").map((p) => ({
      ref: attr(p, "ref"),
      role: attr(p, "role"),
      type: attr(p, "type"),
      names: narrativesOf(p, lang),
    })),
    sectors: codes(all("sector")),
    countries: codes(all("recipient-country")),
    regions: codes(all("recipient-region")),
    relatedActivities: all("related-activity").flatMap((r) => {
      const ref = attr(r, "ref");
      return ref ? [{ ref, type: attr(r, "type") }] : [];
    }),
    otherIdentifiers: all("other-identifier").flatMap((o) => {
      const ref = attr(o, "ref");
      return ref ? [{ ref, type: attr(o, "type") }] : [];
    }),
    budgets,
    transactions,
    problems,
  };
}

/**
 * A `<finance-type code>` or `<default-finance-type code>` → its FinanceType code; absent → null.
 * A code the ledger does not take (not in the 2.03 codelist, or one of its statistical or
 * withdrawn codes) is null as well, with a warning naming the element and its line: the row
 * is kept, without a finance type, rather than refused.
 */
function financeTypeOf(node: XmlNode | undefined, problems: IatiProblem[]): FinanceType | null {
  if (!node) return null;
  const code = attr(node, "code") ?? "";
  if (isFinanceType(code)) return code;
  problems.push(
    iatiProblem(
      node.line,
      "rule",
      "finance_type_unknown",
      { element: node.name, code: code.slice(0, 40) },
      `<${node.name}>: "${code.slice(0, 40)}" is not an IATI FinanceType code the ledger takes; kept without a finance type`,
    ),
  );
  return null;
}

function parseTransaction(
  t: XmlNode,
  defaultCurrency: string | null,
  defaultFinanceType: FinanceType | null,
  lang: string | null,
  problems: IatiProblem[],
): ParsedTransaction | null {
  // One pass over the children (the first of each name counts), not one search per name: a
  // file has a hundred thousand transactions.
  let typeNode: XmlNode | undefined;
  let dateNode: XmlNode | undefined;
  let valueNode: XmlNode | undefined;
  let provider: XmlNode | undefined;
  let receiver: XmlNode | undefined;
  let description: XmlNode | undefined;
  let financeType: XmlNode | undefined;
  let hasSector = false;
  for (const child of t.children) {
    switch (child.name) {
      case "transaction-type":
        typeNode ??= child;
        break;
      case "transaction-date":
        dateNode ??= child;
        break;
      case "value":
        valueNode ??= child;
        break;
      case "provider-org":
        provider ??= child;
        break;
      case "receiver-org":
        receiver ??= child;
        break;
      case "description":
        description ??= child;
        break;
      case "sector":
        hasSector = true;
        break;
      case "finance-type":
        financeType ??= child;
        break;
    }
  }
  const typeCode = Number(attr(typeNode, "code"));
  if (!Number.isInteger(typeCode) || typeCode < 1 || typeCode > 13) {
    problems.push(
      iatiProblem(
        t.line,
        "data",
        "transaction_type_missing",
        {},
        "<transaction> has no transaction-type code 1–13",
      ),
    );
    return null;
  }
  const date = isoDate(dateNode?.attrs["iso-date"]);
  if (!date) {
    problems.push(
      iatiProblem(
        t.line,
        "data",
        "transaction_date_missing",
        {},
        "<transaction> has no valid transaction-date",
      ),
    );
    return null;
  }
  const value = parseValue(t, valueNode, defaultCurrency, date, problems);
  if (!value) return null;
  // The transaction's own code overrides the default, even when its own cannot be taken.
  const financeTypeCode = financeType ? financeTypeOf(financeType, problems) : defaultFinanceType;
  return {
    line: t.line,
    ref: attr(t, "ref"),
    typeCode,
    date,
    value,
    providerRef: attr(provider, "ref"),
    receiverRef: attr(receiver, "ref"),
    description: narrativesOf(description, lang),
    hasSector,
    financeType: financeTypeCode,
  };
}
