import type { ParsedActivity } from "./iati-activity.ts";
import type { LinkSource } from "./initiative-matcher.ts";
import { uuidV7 } from "./uuid-v7.ts";

export interface UsdValue {
  usdMinor: bigint;
  rate: string;
  rateDate: string;
}

/** An activity ready to be written: its link, and the USD value of each transaction and budget. */
export interface StagedActivity {
  activity: ParsedActivity;
  link: { initiativeId: string; source: LinkSource } | null;
  transactionUsd: Array<UsdValue | null>;
  budgetUsd: Array<UsdValue | null>;
}

type Value = string | number | null;

/** JSON's escapes that a PostgreSQL array literal does not share (`\\` and `\"` it does). */
const JSON_ONLY_ESCAPE = /\\(\\|[bfnrt]|u[0-9a-fA-F]{4})/g;
const unescapeJson = (sequence: string, code: string) => {
  switch (code) {
    case "\\":
      return sequence;
    case "b":
      return "\b";
    case "f":
      return "\f";
    case "n":
      return "\n";
    case "r":
      return "\r";
    case "t":
      return "\t";
    default:
      return String.fromCharCode(Number.parseInt(code.slice(1), 16));
  }
};

/**
 * A column as one PostgreSQL array literal, `{"a","b\"c",NULL,7}`, built by JSON.stringify
 * (native, and its quoting is the array literal's but for control characters, turned back into
 * themselves here): one text parameter per column instead of an array that the driver would
 * serialize element by element.
 */
export function arrayLiteral(values: Value[]): string {
  const json = JSON.stringify(values);
  return `{${json.slice(1, -1).replace(JSON_ONLY_ESCAPE, unescapeJson)}}`;
}

/**
 * The columns each table is written with, and their SQL types: the one list that StagedRows
 * fills and insertStagedRows reads. "ordinal" is the position of the row's activity in its
 * batch, which the insert turns into that activity's id.
 */
export const stagedColumns = {
  activities: {
    id: "uuid",
    iati_identifier: "text",
    line: "int",
    title_es: "text",
    title_en: "text",
    titles: "jsonb",
    descriptions: "jsonb",
    activity_status: "text",
    default_currency: "text",
    start_date: "date",
    end_date: "date",
    dates: "jsonb",
    participating_orgs: "jsonb",
    sectors: "jsonb",
    countries: "jsonb",
    regions: "jsonb",
    related_activities: "jsonb",
    other_identifiers: "jsonb",
    initiative_id: "uuid",
    link_source: "text",
    last_updated: "text",
  },
  transactions: {
    activity_id: "ordinal",
    line: "int",
    ref: "text",
    type_code: "smallint",
    transaction_date: "date",
    value_date: "date",
    value_text: "text",
    amount_minor: "bigint",
    currency: "text",
    usd_minor: "bigint",
    fx_rate: "numeric",
    fx_date: "date",
    provider_ref: "text",
    receiver_ref: "text",
    descriptions: "jsonb",
  },
  budgets: {
    activity_id: "ordinal",
    line: "int",
    budget_type: "text",
    status: "text",
    period_start: "date",
    period_end: "date",
    amount_minor: "bigint",
    currency: "text",
    value_date: "date",
    usd_minor: "bigint",
  },
} as const;

type Table = keyof typeof stagedColumns;
type Row<T extends Table> = Record<keyof (typeof stagedColumns)[T], Value>;

/** Each staged table's columns as array literals, in stagedColumns order. */
export type StagedLiterals = Record<Table, string[]>;

/** One table's rows, column by column. */
class Columns<T extends Table> {
  private readonly names: Array<keyof (typeof stagedColumns)[T]>;
  private values: Value[][];

  constructor(table: T) {
    this.names = Object.keys(stagedColumns[table]) as Array<keyof (typeof stagedColumns)[T]>;
    this.values = this.names.map(() => []);
  }

  push(row: Row<T>) {
    const { names, values } = this;
    for (let i = 0; i < names.length; i++) values[i]?.push(row[names[i] as keyof Row<T>]);
  }

  take(): string[] {
    const literals = this.values.map(arrayLiteral);
    this.values = this.names.map(() => []);
    return literals;
  }
}

/**
 * Activities, transactions and budgets on their way to the database, as one array per column
 * (plain strings once taken, so that a worker thread can build them). Activity ids are drawn
 * here (time-ordered, so that they append to the indexes), and transactions and budgets need
 * no round trip to learn them.
 */
export class StagedRows {
  private readonly activities = new Columns("activities");
  private readonly transactions = new Columns("transactions");
  private readonly budgets = new Columns("budgets");
  private activityCount = 0;
  /** Rows (activities, transactions, budgets) collected. */
  rowCount = 0;

  add(staged: StagedActivity) {
    const { activity: a, link } = staged;
    // Transactions and budgets name their activity by its position in the batch (1-based, as
    // SQL arrays are): a few digits to send instead of a 36-character uuid per row.
    const ordinal = this.activityCount + 1;
    this.activities.push({
      id: uuidV7(),
      iati_identifier: a.identifier,
      line: a.line,
      title_es: a.title.find((n) => n.lang === "es")?.text ?? null,
      title_en: a.title.find((n) => n.lang === "en")?.text ?? null,
      titles: JSON.stringify(a.title),
      descriptions: JSON.stringify(a.description),
      activity_status: a.status,
      default_currency: a.defaultCurrency?.slice(0, 3) ?? null,
      start_date: dateOf(a, "2", "1"),
      end_date: dateOf(a, "4", "3"),
      dates: JSON.stringify(a.dates),
      participating_orgs: JSON.stringify(a.participatingOrgs),
      sectors: JSON.stringify(a.sectors),
      countries: JSON.stringify(a.countries),
      regions: JSON.stringify(a.regions),
      related_activities: JSON.stringify(a.relatedActivities),
      other_identifiers: JSON.stringify(a.otherIdentifiers),
      initiative_id: link?.initiativeId ?? null,
      link_source: link?.source ?? null,
      last_updated: a.lastUpdated,
    });
    a.transactions.forEach((t, i) => {
      const usd = staged.transactionUsd[i] ?? null;
      this.transactions.push({
        activity_id: ordinal,
        line: t.line,
        ref: t.ref,
        type_code: t.typeCode,
        transaction_date: t.date,
        value_date: t.value.valueDate,
        value_text: t.value.text,
        // Minor units travel as decimal text: exact on both drivers, never a float.
        amount_minor: t.value.amountMinor.toString(),
        currency: t.value.currency,
        usd_minor: usd ? usd.usdMinor.toString() : null,
        fx_rate: usd?.rate ?? null,
        fx_date: usd?.rateDate ?? null,
        provider_ref: t.providerRef,
        receiver_ref: t.receiverRef,
        descriptions: JSON.stringify(t.description),
      });
    });
    a.budgets.forEach((b, i) => {
      this.budgets.push({
        activity_id: ordinal,
        line: b.line,
        budget_type: b.type,
        status: b.status,
        period_start: b.periodStart,
        period_end: b.periodEnd,
        amount_minor: b.value.amountMinor.toString(),
        currency: b.value.currency,
        value_date: b.value.valueDate,
        usd_minor: staged.budgetUsd[i]?.usdMinor.toString() ?? null,
      });
    });
    this.activityCount++;
    this.rowCount += 1 + a.transactions.length + a.budgets.length;
  }

  /** The collected rows as insertStagedRows takes them (null when there are none); starts anew. */
  take(): StagedLiterals | null {
    if (this.activityCount === 0) return null;
    this.activityCount = 0;
    this.rowCount = 0;
    return {
      activities: this.activities.take(),
      transactions: this.transactions.take(),
      budgets: this.budgets.take(),
    };
  }
}

function dateOf(activity: ParsedActivity, ...types: string[]): string | null {
  for (const type of types) {
    const found = activity.dates.find((d) => d.type === type);
    if (found) return found.date;
  }
  return null;
}
