import { CopyBuffer, copyField as f } from "../../../platform/db/copy-format.ts";
import type { LinkSource } from "../links/initiative-matcher.ts";
import type { CodePercentage, ParsedActivity } from "../read/iati-activity.ts";
import type { Narrative } from "../read/xml-node.ts";
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

/**
 * The columns each table is written with, in the order StagedRows writes its fields: the one
 * list that StagedRows fills and insertStagedRows names.
 */
export const stagedColumns = {
  activities: [
    "id",
    "iati_identifier",
    "line",
    "title_es",
    "title_en",
    "titles",
    "descriptions",
    "activity_status",
    "default_currency",
    "start_date",
    "end_date",
    "dates",
    "participating_orgs",
    "sectors",
    "countries",
    "regions",
    "related_activities",
    "other_identifiers",
    "initiative_id",
    "link_source",
    "last_updated",
    "publication_id",
  ],
  transactions: [
    "activity_id",
    "seq",
    "line",
    "ref",
    "type_code",
    "transaction_date",
    "value_date",
    "value_text",
    "amount_minor",
    "currency",
    "usd_minor",
    "fx_rate",
    "fx_date",
    "provider_ref",
    "receiver_ref",
    "descriptions",
    "finance_type",
  ],
  budgets: [
    "activity_id",
    "seq",
    "line",
    "budget_type",
    "status",
    "period_start",
    "period_end",
    "amount_minor",
    "currency",
    "value_date",
    "usd_minor",
  ],
} as const;

type Table = keyof typeof stagedColumns;

/**
 * A batch of rows per table in COPY's text format (copy-rows.ts) as UTF-8 bytes, one line per
 * row in stagedColumns order. Each table's bytes have a buffer of their own, so that a worker
 * thread hands them over without a copy.
 */
export type StagedBatch = Record<Table, Uint8Array<ArrayBuffer>>;

/** A written batch's buffers, given back to be filled again (StagedRows.recycle). */
export type SpentBuffers = Record<Table, ArrayBuffer>;

/** The buffers of a batch once it is written. */
export const spentBuffers = (batch: StagedBatch): SpentBuffers => ({
  activities: batch.activities.buffer,
  transactions: batch.transactions.buffer,
  budgets: batch.budgets.buffer,
});

/** What JSON.stringify escapes in a string: a quote, a backslash, control characters, surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters JSON escapes
const JSON_ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * The published lists as JSON text, written by hand for their known shapes: the same text as
 * JSON.stringify (same keys in the same order), about twice as fast on the ten lists of each of
 * ten thousand activities. Most texts need no escape and are quoted as they are.
 */
const text = (value: string | null) =>
  value === null ? "null" : JSON_ESCAPED.test(value) ? JSON.stringify(value) : `"${value}"`;
function list<T>(items: readonly T[], item: (value: T) => string): string {
  if (items.length === 0) return "[]";
  let out = "[";
  for (let i = 0; i < items.length; i++) out += (i === 0 ? "" : ",") + item(items[i] as T);
  return `${out}]`;
}
const narrativeJson = (n: Narrative) => `{"lang":${text(n.lang)},"text":${text(n.text)}}`;
const codeJson = (c: CodePercentage) =>
  `{"code":${text(c.code)},"vocabulary":${text(c.vocabulary)},"percentage":${text(c.percentage)}}`;
const refJson = (r: { ref: string; type: string | null }) =>
  `{"ref":${text(r.ref)},"type":${text(r.type)}}`;
const dateJson = (d: { type: string; date: string }) =>
  `{"type":${text(d.type)},"date":${text(d.date)}}`;
const orgJson = (o: ParsedActivity["participatingOrgs"][number]) =>
  `{"ref":${text(o.ref)},"role":${text(o.role)},"type":${text(o.type)},"names":${list(o.names, narrativeJson)}}`;
const NULL = "\\N";
const NO_USD = `${NULL}\t${NULL}\t${NULL}`;
/** A list as one COPY field. */
const json = <T>(items: readonly T[], item: (value: T) => string) => f(list(items, item));

/**
 * Activities, transactions and budgets on their way to the database, as COPY lines of one
 * publication. Activity ids are drawn here (time-ordered, so that they append to the indexes),
 * so transactions and budgets carry theirs without a round trip. Each activity's lines are
 * encoded as soon as they are built: a batch is three growing byte buffers, not a hundred
 * thousand strings waiting to be joined.
 */
export class StagedRows {
  private readonly activities = new CopyBuffer();
  private readonly transactions = new CopyBuffer();
  private readonly budgets = new CopyBuffer();
  /** Rows (activities, transactions, budgets) collected. */
  rowCount = 0;

  constructor(private readonly publicationId: string) {}

  add(staged: StagedActivity) {
    const { activity: a, link } = staged;
    const id = uuidV7();
    this.activities.append(
      `${id}\t${f(a.identifier)}\t${a.line}\t${f(narrative(a.title, "es"))}\t${f(narrative(a.title, "en"))}\t${json(a.title, narrativeJson)}\t${json(a.description, narrativeJson)}\t${f(a.status)}\t${f(a.defaultCurrency?.slice(0, 3) ?? null)}\t${f(dateOf(a, "2", "1"))}\t${f(dateOf(a, "4", "3"))}\t${json(a.dates, dateJson)}\t${json(a.participatingOrgs, orgJson)}\t${json(a.sectors, codeJson)}\t${json(a.countries, codeJson)}\t${json(a.regions, codeJson)}\t${json(a.relatedActivities, refJson)}\t${json(a.otherIdentifiers, refJson)}\t${f(link?.initiativeId ?? null)}\t${f(link?.source ?? null)}\t${f(a.lastUpdated)}\t${this.publicationId}\n`,
    );
    // Minor units travel as decimal text: exact on both drivers, never a float. A value's text
    // (a decimal number), currency (an ISO 4217 code), USD value, rate, date and finance type
    // (a code of the codelist) were checked when parsed or converted: none can hold a tab,
    // newline or backslash, so they go as they are; any other text through copyField.
    let transactions = "";
    a.transactions.forEach((t, i) => {
      const usd = staged.transactionUsd[i] ?? null;
      transactions += `${id}\t${i}\t${t.line}\t${f(t.ref)}\t${t.typeCode}\t${t.date}\t${t.value.valueDate}\t${t.value.text}\t${t.value.amountMinor}\t${t.value.currency}\t${usd ? `${usd.usdMinor}\t${usd.rate}\t${usd.rateDate}` : NO_USD}\t${f(t.providerRef)}\t${f(t.receiverRef)}\t${json(t.description, narrativeJson)}\t${t.financeType ?? NULL}\n`;
    });
    if (transactions) this.transactions.append(transactions);
    let budgets = "";
    a.budgets.forEach((b, i) => {
      const usd = staged.budgetUsd[i] ?? null;
      budgets += `${id}\t${i}\t${b.line}\t${f(b.type)}\t${f(b.status)}\t${b.periodStart}\t${b.periodEnd}\t${b.value.amountMinor}\t${b.value.currency}\t${b.value.valueDate}\t${usd ? usd.usdMinor : NULL}\n`;
    });
    if (budgets) this.budgets.append(budgets);
    this.rowCount += 1 + a.transactions.length + a.budgets.length;
  }

  /** A written batch's buffers, to be filled again. */
  recycle(spent: SpentBuffers) {
    this.activities.recycle(spent.activities);
    this.transactions.recycle(spent.transactions);
    this.budgets.recycle(spent.budgets);
  }

  /** The collected rows as insertStagedRows takes them (null when there are none); starts anew. */
  take(): StagedBatch | null {
    if (this.activities.byteLength === 0) return null;
    this.rowCount = 0;
    return {
      activities: this.activities.take(),
      transactions: this.transactions.take(),
      budgets: this.budgets.take(),
    };
  }
}

const narrative = (narratives: ParsedActivity["title"], lang: string) =>
  narratives.find((n) => n.lang === lang)?.text ?? null;

function dateOf(activity: ParsedActivity, ...types: string[]): string | null {
  for (const type of types) {
    const found = activity.dates.find((d) => d.type === type);
    if (found) return found.date;
  }
  return null;
}
