import type { Narrative } from "./xml-node.ts";

/**
 * One problem found in a file: "data" keeps a row or activity out; "rule" (the main IATI
 * rules) and "schema" are reported; "rate" is a row kept without a USD value (no rate).
 */
export interface IatiProblem {
  line: number;
  kind: "data" | "rule" | "schema" | "rate";
  message: string;
}

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
