import { isWithinAmountBound } from "../../../contracts/minor-units.ts";
import { initiativeMatcher, type MatcherRows } from "../links/initiative-matcher.ts";
import {
  type IatiProblem,
  iatiProblem,
  type ParsedActivity,
  type ParsedValue,
} from "../read/iati-activity.ts";
import { parseActivity } from "../read/parse-activity.ts";
import type { IatiFileHeader } from "../read/read-iati-stream.ts";
import { xmlRefused } from "../read/xml-limits.ts";
import { detached, type XmlNode } from "../read/xml-node.ts";
import { checkActivityRules } from "../validate/activity-rules.ts";
import { usdTooLarge } from "../validate/amount-bound.ts";
import { type ImportSummary, noActivitiesRead } from "./import-summary.ts";
import { type RateRow, rateTable } from "./rate-table.ts";
import { type SpentBuffers, type StagedBatch, StagedRows } from "./staged-rows.ts";

const MAX_LISTED = 1000;

/** What staging needs from the database, as plain rows (they also go to a worker thread). */
export interface StagerSetup {
  rates: RateRow[];
  matcher: MatcherRows;
  /** The day "in the future" is measured from (YYYY-MM-DD). */
  today: string;
  /** The publication the rows are for: drawn before it is written, so rows can name it. */
  publicationId: string;
}

/** What a file's activities add up to: the summary's figures that need no database. */
export type StagedTotals = Pick<
  ImportSummary,
  | "publisher"
  | "version"
  | "activities"
  | "transactions"
  | "budgets"
  | "skipped"
  | "linked"
  | "missingRates"
  | "problemCount"
  | "problems"
>;

/** The first activity of a file, which says whose publication it is. */
export type PublisherActivity = Pick<ParsedActivity, "identifier" | "line" | "reportingOrg">;

const emptyTotals = (): StagedTotals => noActivitiesRead();

/**
 * Turns a file's activities into rows to write, without the database: parses each activity,
 * checks the rules, keeps the publisher's activities once each, links them to initiatives and
 * converts their values to USD, and reports every problem on its activity. Runs in the
 * importing thread or in a worker thread beside it.
 */
export class ActivityStager {
  readonly totals = emptyTotals();
  private readonly rows;
  private readonly seen = new Set<string>();
  private readonly rates;
  private readonly matcher;

  constructor(private readonly setup: StagerSetup) {
    this.rows = new StagedRows(setup.publicationId);
    this.rates = rateTable(setup.rates);
    this.matcher = initiativeMatcher(setup.matcher);
  }

  header(header: IatiFileHeader) {
    this.totals.version = header.version;
  }

  /** Rows waiting to be taken. */
  get rowCount(): number {
    return this.rows.rowCount;
  }

  /** A written batch's buffers, to be filled again. */
  recycle(spent: SpentBuffers) {
    this.rows.recycle(spent);
  }

  /** The rows collected since the last take, as insertStagedRows writes them. */
  take(): StagedBatch | null {
    return this.rows.take();
  }

  /** Stages one activity; returns it when it is the first, which names the publisher. */
  activity(node: XmlNode, endLine: number): PublisherActivity | null {
    const parsed = parseActivity(node, endLine);
    if ("kind" in parsed) {
      this.skip(null, node.line, endLine, [parsed]);
      return null;
    }
    const problems = [...parsed.problems, ...checkActivityRules(parsed, node, this.setup.today)];
    const publisher = parsed.reportingOrg.ref;
    if (!publisher)
      throw xmlRefused(
        parsed.line,
        `activity ${parsed.identifier} has no <reporting-org ref="…">; the publisher of the file cannot be known`,
      );
    const first = this.totals.publisher === null;
    if (first) this.totals.publisher = publisher;
    const filePublisher = this.totals.publisher ?? publisher;
    if (publisher !== filePublisher) {
      problems.push(
        iatiProblem(
          parsed.line,
          "data",
          "wrong_publisher",
          { publisher, filePublisher },
          `reported by ${publisher}, but this file is ${filePublisher}'s publication`,
        ),
      );
      this.skip(parsed.identifier, parsed.line, endLine, problems);
      return null;
    }
    if (this.seen.has(parsed.identifier)) {
      problems.push(
        iatiProblem(
          parsed.line,
          "data",
          "duplicate_identifier_skipped",
          { identifier: parsed.identifier },
          `iati-identifier ${parsed.identifier} appears twice in the file; the first one is kept`,
        ),
      );
      this.skip(parsed.identifier, parsed.line, endLine, problems);
      return null;
    }
    // Remembered to the end of the file: a copy, not a slice of the file's text.
    this.seen.add(detached(parsed.identifier));
    this.keep(parsed, problems, endLine);
    return first
      ? { identifier: parsed.identifier, line: parsed.line, reportingOrg: parsed.reportingOrg }
      : null;
  }

  private keep(parsed: ParsedActivity, problems: IatiProblem[], endLine: number) {
    // Once the report lists as many activities as it shows, a missing rate is only counted:
    // a file in a currency without rates would otherwise build a sentence per transaction.
    const listing = this.totals.problems.length < MAX_LISTED;
    let unlisted = 0;
    const note = (problem: IatiProblem) => {
      if (!listing) unlisted++;
      else problems.push(problem);
    };
    const toUsd = (value: ParsedValue, line: number) => {
      const usd = this.rates.toUsd(value.amountMinor, value.currency, value.valueDate);
      if (!usd) {
        this.totals.missingRates++;
        note(
          iatiProblem(
            line,
            "rate",
            "no_rate",
            { currency: value.currency, date: value.valueDate },
            `no exchange rate for ${value.currency} on or up to a year before ${value.valueDate}; kept without a USD value and out of the ledger`,
          ),
        );
        return null;
      }
      // Worth more than the ledger takes for one amount (either sign): kept, as published,
      // without a USD value, so that neither the ledger nor a USD total ever counts it.
      if (!isWithinAmountBound(usd.usdMinor)) {
        note(usdTooLarge(value, usd.usdMinor, line));
        return null;
      }
      return usd;
    };
    const link = this.matcher.match(parsed);
    this.rows.add({
      activity: parsed,
      link,
      transactionUsd: parsed.transactions.map((t) => toUsd(t.value, t.line)),
      budgetUsd: parsed.budgets.map((b) => toUsd(b.value, b.line)),
    });
    this.totals.activities++;
    this.totals.transactions += parsed.transactions.length;
    this.totals.budgets += parsed.budgets.length;
    if (link) this.totals.linked++;
    this.report(parsed.identifier, parsed.line, endLine, problems, unlisted);
  }

  private skip(identifier: string | null, line: number, endLine: number, problems: IatiProblem[]) {
    this.totals.skipped++;
    this.report(identifier, line, endLine, problems);
  }

  private report(
    identifier: string | null,
    line: number,
    endLine: number,
    problems: IatiProblem[],
    unlisted = 0,
  ) {
    if (problems.length + unlisted === 0) return;
    this.totals.problemCount += problems.length + unlisted;
    if (this.totals.problems.length < MAX_LISTED)
      this.totals.problems.push({ identifier, line, endLine, problems });
  }
}
