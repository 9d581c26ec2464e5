import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { actorLabel, assertAllowed, type Principal } from "../accounts/index.ts";
import { checkActivityRules } from "./activity-rules.ts";
import { canImportPublication } from "./iati.policy.ts";
import type { IatiProblem, ParsedActivity } from "./iati-activity.ts";
import { lockPublisher, noActivities } from "./import-iati-file.ts";
import { emptySummary, type ImportSummary } from "./import-summary.ts";
import { type InitiativeMatcher, loadInitiativeMatcher } from "./initiative-matcher.ts";
import { parseActivity } from "./parse-activity.ts";
import { loadRateTable, type RateTable } from "./rate-table.ts";
import type { IatiFileHeader } from "./read-iati-stream.ts";
import { resolvePublisher } from "./resolve-publisher.ts";
import { insertStagedActivities, type StagedActivity } from "./staging.queries.ts";
import { syncIatiLedger } from "./sync-iati-ledger.ts";
import { todayUtc } from "./validate-iati-file.ts";
import { xmlRefused } from "./xml-limits.ts";

const BATCH = 250;
const MAX_LISTED = 1000;

interface Context {
  publicationId: string;
  partnerId: string | null;
  matcher: InitiativeMatcher;
  rates: RateTable;
}

/** Writes one file's activities as the publisher's publication, batch by batch, inside the caller's transaction. */
export class PublicationWriter {
  private readonly summary: ImportSummary;
  private readonly seen = new Set<string>();
  private readonly batch: StagedActivity[] = [];
  private readonly today = todayUtc();
  private context: Context | null = null;
  private fileHeader: IatiFileHeader | null = null;

  constructor(
    private readonly options: {
      db: Kysely<Database>;
      fileName: string;
      sha256: string;
      principal: Principal;
      reportingOrgRef: string;
    },
  ) {
    this.summary = { ...emptySummary(options.fileName, options.sha256), status: "imported" };
  }

  static unchanged(
    file: string,
    sha256: string,
    publication: { publisher_ref: string; activity_count: number; transaction_count: number },
  ): ImportSummary {
    return {
      ...emptySummary(file, sha256),
      status: "unchanged",
      publisher: publication.publisher_ref,
      activities: publication.activity_count,
      transactions: publication.transaction_count,
    };
  }

  header(header: IatiFileHeader) {
    this.fileHeader = header;
    this.summary.version = header.version;
  }

  async activity(node: Parameters<typeof parseActivity>[0], endLine: number) {
    const parsed = parseActivity(node, endLine);
    if ("kind" in parsed) return this.skip(null, node.line, endLine, [parsed]);
    const problems = [...parsed.problems, ...checkActivityRules(parsed, node, this.today)];
    if (!parsed.reportingOrg.ref)
      throw xmlRefused(
        parsed.line,
        `activity ${parsed.identifier} has no <reporting-org ref="…">; the publisher of the file cannot be known`,
      );
    const context = this.context ?? (await this.open(parsed));
    if (parsed.reportingOrg.ref !== this.summary.publisher) {
      problems.push({
        line: parsed.line,
        kind: "data",
        message: `reported by ${parsed.reportingOrg.ref}, but this file is ${this.summary.publisher}'s publication`,
      });
      return this.skip(parsed.identifier, parsed.line, endLine, problems);
    }
    if (this.seen.has(parsed.identifier)) {
      problems.push({
        line: parsed.line,
        kind: "data",
        message: `iati-identifier ${parsed.identifier} appears twice in the file; the first one is kept`,
      });
      return this.skip(parsed.identifier, parsed.line, endLine, problems);
    }
    this.seen.add(parsed.identifier);
    const toUsd = (
      value: { amountMinor: bigint; currency: string; valueDate: string },
      line: number,
    ) => {
      const usd = context.rates.toUsd(value.amountMinor, value.currency, value.valueDate);
      if (!usd) {
        this.summary.missingRates++;
        problems.push({
          line,
          kind: "rate",
          message: `no exchange rate for ${value.currency} on or up to a year before ${value.valueDate}; kept without a USD value and out of the ledger`,
        });
      }
      return usd;
    };
    const link = context.matcher.match(parsed);
    this.batch.push({
      activity: parsed,
      link,
      transactionUsd: parsed.transactions.map((t) => toUsd(t.value, t.line)),
      budgetUsd: parsed.budgets.map((b) => toUsd(b.value, b.line)),
    });
    this.summary.activities++;
    this.summary.transactions += parsed.transactions.length;
    this.summary.budgets += parsed.budgets.length;
    if (link) this.summary.linked++;
    this.report(parsed.identifier, parsed.line, endLine, problems);
    if (this.batch.length >= BATCH) await this.flush();
  }

  async finish(): Promise<ImportSummary> {
    await this.flush();
    if (!this.context || !this.summary.publisher) throw noActivities();
    const { db } = this.options;
    await db
      .updateTable("iati_publications")
      .set({
        activity_count: this.summary.activities,
        transaction_count: this.summary.transactions,
        budget_count: this.summary.budgets,
        skipped_count: this.summary.skipped,
      })
      .where("id", "=", this.context.publicationId)
      .execute();
    const sync = await syncIatiLedger({
      db,
      publisherRef: this.summary.publisher,
      partnerId: this.context.partnerId,
      principal: this.options.principal,
    });
    this.summary.flowsRecorded = sync.recorded;
    this.summary.flowsReversed = sync.reversed;
    return this.summary;
  }

  /** On the first activity: the publisher is known; its previous publication gives way. */
  private async open(first: ParsedActivity): Promise<Context> {
    const { db } = this.options;
    const publisher = first.reportingOrg.ref;
    this.summary.publisher = publisher;
    await lockPublisher(db, publisher);
    const previous = await db
      .selectFrom("iati_publications")
      .select(["id", "generated_datetime", "file_name"])
      .where("publisher_ref", "=", publisher)
      .executeTakeFirst();
    const generated = this.fileHeader?.generatedDatetime ?? null;
    if (previous?.generated_datetime && generated && generated < previous.generated_datetime)
      throw xmlRefused(
        null,
        `this file of ${publisher} was generated ${generated}, before the imported one (${previous.file_name}, generated ${previous.generated_datetime}); only a newer version replaces it`,
      );
    const partner = await resolvePublisher(db, first);
    assertAllowed(
      canImportPublication(this.options.principal, { partnerId: partner.id, ref: publisher }),
    );
    this.summary.partnerCreated = partner.created;
    if (previous) await db.deleteFrom("iati_publications").where("id", "=", previous.id).execute();
    const { id } = await db
      .insertInto("iati_publications")
      .values({
        publisher_ref: publisher,
        partner_id: partner.id,
        file_name: this.options.fileName,
        file_sha256: this.options.sha256,
        iati_version: this.summary.version ?? "",
        generated_datetime: generated,
        imported_by: actorLabel(this.options.principal),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    this.context = {
      publicationId: id,
      partnerId: partner.kind === "member_state" ? null : partner.id,
      matcher: await loadInitiativeMatcher(db, this.options.reportingOrgRef),
      rates: await loadRateTable(db),
    };
    return this.context;
  }

  private async flush() {
    if (!this.context) return;
    await insertStagedActivities(this.options.db, this.context.publicationId, this.batch.splice(0));
  }

  private skip(identifier: string | null, line: number, endLine: number, problems: IatiProblem[]) {
    this.summary.skipped++;
    this.report(identifier, line, endLine, problems);
  }

  private report(
    identifier: string | null,
    line: number,
    endLine: number,
    problems: IatiProblem[],
  ) {
    if (problems.length === 0) return;
    this.summary.problemCount += problems.length;
    if (this.summary.problems.length < MAX_LISTED)
      this.summary.problems.push({ identifier, line, endLine, problems });
  }
}
