import type { FinanceType } from "../../../contracts/finance-types.ts";
import type { Narrative } from "./xml-node.ts";

/**
 * Every problem the importer and the validator report, by stable code, with the names of the
 * values its sentence needs. `message` stays the English sentence (CLI, API clients); the web
 * words the code from its catalogs (`iatiProblem.<code>`) with these values. A new problem
 * needs a code here, and the web's catalog test then asks for its sentence in both languages.
 */
export const iatiProblemValueNames = {
  // data: the activity or the row is kept out
  no_identifier: [],
  transaction_type_missing: [],
  transaction_date_missing: [],
  budget_period_missing: [],
  value_missing: ["element"],
  currency_missing: ["element"],
  currency_unknown: ["element", "currency"],
  value_date_missing: ["element"],
  amount_not_number: ["element", "amount"],
  amount_too_large: ["element", "amount", "currency", "maximum"],
  wrong_publisher: ["publisher", "filePublisher"],
  duplicate_identifier: ["identifier"],
  duplicate_identifier_skipped: ["identifier"],
  // rule: the main IATI rules beyond the schema (activity-rules.ts)
  identifier_prefix: ["identifier", "ref"],
  no_start_date: [],
  planned_start_after_end: ["start", "end"],
  actual_start_after_end: ["start", "end"],
  actual_date_future: ["date", "type"],
  sectors_both_levels: [],
  sectors_some_transactions: [],
  sector_sum: ["vocabulary", "total"],
  sector_percentage_invalid: ["vocabulary"],
  place_sum: ["total"],
  place_percentage_invalid: [],
  transaction_date_future: ["date"],
  budget_period_reversed: ["start", "end"],
  budget_period_long: ["start", "end"],
  narrative_no_lang: [],
  // finance: a code the ledger does not take; the row is kept without a finance type
  finance_type_unknown: ["element", "code"],
  // rate: a row kept without a USD value
  no_rate: ["currency", "date"],
  usd_too_large: ["amount", "currency", "date", "maximum"],
  // schema: libxml2's own English text, which no catalog can word
  schema: ["text"],
  schema_validator_failed: [],
} as const satisfies Record<string, readonly string[]>;

export type IatiProblemCode = keyof typeof iatiProblemValueNames;
export const iatiProblemCodes = Object.keys(iatiProblemValueNames) as IatiProblemCode[];
export type IatiProblemKind = "data" | "rule" | "schema" | "rate";
/** The values a code's sentence needs, e.g. sector_sum → { vocabulary, total }. */
export type IatiProblemValues<C extends IatiProblemCode> = {
  [N in (typeof iatiProblemValueNames)[C][number]]: string | number;
};

/**
 * One problem found in a file: "data" keeps a row or activity out; "rule" (the main IATI
 * rules) and "schema" are reported; "rate" is a row kept without a USD value (no rate, or
 * worth more than one amount may be).
 */
export type IatiProblem = {
  [C in IatiProblemCode]: {
    line: number;
    kind: IatiProblemKind;
    message: string;
    code: C;
    values: IatiProblemValues<C>;
  };
}[IatiProblemCode];

/** A problem, built only once one is found (the parsing paths stay free of it otherwise). */
export const iatiProblem = <C extends IatiProblemCode>(
  line: number,
  kind: IatiProblemKind,
  code: C,
  values: IatiProblemValues<C>,
  message: string,
): IatiProblem => ({ line, kind, message, code, values }) as IatiProblem;

export interface ParsedValue {
  /** As published, e.g. "1500000.50". */
  text: string;
  amountMinor: bigint;
  currency: string;
  valueDate: string;
}

export interface ParsedTransaction {
  line: number;
  ref: string | null;
  typeCode: number;
  date: string;
  value: ParsedValue;
  providerRef: string | null;
  receiverRef: string | null;
  description: Narrative[];
  hasSector: boolean;
  /** Its own <finance-type>, else the activity's <default-finance-type>; null when neither says. */
  financeType: FinanceType | null;
}

export interface ParsedBudget {
  line: number;
  type: string | null;
  status: string | null;
  periodStart: string;
  periodEnd: string;
  value: ParsedValue;
}

export interface CodePercentage {
  code: string;
  vocabulary: string | null;
  percentage: string | null;
}

export interface ParsedActivity {
  line: number;
  endLine: number;
  identifier: string;
  reportingOrg: { ref: string; type: string | null; names: Narrative[] };
  lang: string | null;
  defaultCurrency: string | null;
  /** <default-finance-type code>, when it is a code the ledger takes. */
  defaultFinanceType: FinanceType | null;
  lastUpdated: string | null;
  title: Narrative[];
  description: Narrative[];
  status: string | null;
  dates: Array<{ type: string; date: string }>;
  participatingOrgs: Array<{
    ref: string | null;
    role: string | null;
    type: string | null;
    names: Narrative[];
  }>;
  sectors: CodePercentage[];
  countries: CodePercentage[];
  regions: CodePercentage[];
  relatedActivities: Array<{ ref: string; type: string | null }>;
  otherIdentifiers: Array<{ ref: string; type: string | null }>;
  budgets: ParsedBudget[];
  transactions: ParsedTransaction[];
  problems: IatiProblem[];
}

/** IATI transaction types (2.03) by code. */
export const transactionTypes: Record<number, string> = {
  1: "incoming_funds",
  2: "outgoing_commitment",
  3: "disbursement",
  4: "expenditure",
  5: "interest_payment",
  6: "loan_repayment",
  7: "reimbursement",
  8: "purchase_of_equity",
  9: "sale_of_equity",
  10: "credit_guarantee",
  11: "incoming_commitment",
  12: "outgoing_pledge",
  13: "incoming_pledge",
};

/** Which IATI transactions become support flows: 12 pledge, 2 commitment, 3 and 4 disbursed. */
export const ledgerFlowType: Partial<Record<number, "pledge" | "commitment" | "disbursement">> = {
  12: "pledge",
  2: "commitment",
  3: "disbursement",
  4: "disbursement",
};
