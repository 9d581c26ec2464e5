import type { Kysely } from "kysely";
import type { Database } from "../../../platform/db/schema.ts";
import { inTransaction } from "../../../platform/db/transaction.ts";
import { AppError } from "../../../platform/errors.ts";
import { actorLabel, assertAllowed, type Principal } from "../../accounts/index.ts";
import { canImportPublication } from "../iati.policy.ts";
import { syncIatiLedger } from "../ledger/sync-iati-ledger.ts";
import type { MatcherRows } from "../links/initiative-matcher.ts";
import { relinkIfMatcherChanged } from "../links/staged-links.ts";
import type { IatiFileHeader } from "../read/read-iati-stream.ts";
import { xmlRefused } from "../read/xml-limits.ts";
import type { PublisherActivity, StagedTotals } from "./activity-stager.ts";
import { emptySummary, type ImportSummary } from "./import-summary.ts";
import {
  deletePublication,
  findPublisher,
  giveBatchWorkMemory,
  insertStagingPublication,
  lockPublisher,
  makePublicationCurrent,
} from "./publications.queries.ts";
import { resolvePublisher } from "./resolve-publisher.ts";
import type { StagedBatch } from "./staged-rows.ts";
import {
  deleteStagingPublication,
  findCurrentPublication,
  insertStagedRows,
  STAGING_STALE_SECONDS,
  touchStagingPublication,
  vacuumWithoutAutovacuum,
} from "./staging.queries.ts";

type CurrentPublication = NonNullable<Awaited<ReturnType<typeof findCurrentPublication>>>;

/**
 * Writes one file's staged rows as its publisher's publication: under a staging publication
 * that no reader sees, each batch in a short transaction of its own, so that the embedded
 * database serves other requests between batches; then one transaction makes it the current
 * publication in place of the previous one and brings the ledger in line, so readers see the
 * old publication or the new one, never a part. Inside a caller's transaction (a dry run) all
 * of it runs there instead.
 */
/** What a caller saves in the switch's transaction, with the summary of the import. */
export type OnSwitch = (trx: Kysely<Database>, summary: ImportSummary) => Promise<void>;

export class PublicationWriter {
  private first: PublisherActivity | null = null;
  private fileHeader: IatiFileHeader | null = null;
  private staged = false;
  private switched = false;
  /** Whether the switch deleted a previous publication (its rows are now dead tuples). */
  replacedPrevious = false;

  constructor(
    private readonly options: {
      db: Kysely<Database>;
      /** Drawn by the importer: the staged rows name it already. */
      publicationId: string;
      fileName: string;
      sha256: string;
      principal: Principal;
      /** What the staged rows were linked to initiatives with. */
      matcher: MatcherRows;
      /** In the caller's transaction, rolled back: even the current file is gone through. */
      dryRun: boolean;
      /** Saved with the switch, in its transaction (not in a dry run). */
      onSwitch?: OnSwitch;
    },
  ) {}

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
  }

  /**
   * On the first activity the publisher is known: an older file or a publisher the principal
   * may not import is refused before any row is written (and checked again at the switch).
   * The partner is not created here: a killed import must not leave a new organization.
   */
  async open(first: PublisherActivity): Promise<void> {
    const { db, principal } = this.options;
    const publisher = first.reportingOrg.ref;
    this.refuseOlder(publisher, await findCurrentPublication(db, publisher));
    const partner = await findPublisher(db, publisher);
    assertAllowed(
      canImportPublication(principal, { partnerId: partner?.id ?? null, ref: publisher }),
    );
    await insertStagingPublication(db, {
      id: this.options.publicationId,
      publisher_ref: publisher,
      partner_id: partner?.id ?? null,
      file_name: this.options.fileName,
      file_sha256: this.options.sha256,
      iati_version: this.fileHeader?.version ?? "",
      generated_datetime: this.generated(),
      imported_by: actorLabel(principal),
    });
    this.first = first;
    this.staged = true;
  }

  /** Writes one batch of staged rows (StagedRows.take) under the staging publication. */
  async write(batch: StagedBatch): Promise<void> {
    if (!this.first) throw new Error("rows staged before the publisher was known");
    await inBatchTransaction(this.options.db, async (trx) => {
      await giveBatchWorkMemory(trx);
      // The heartbeat first: its row lock keeps another import's cleanup from deleting the
      // publication under this batch.
      if (!(await touchStagingPublication(trx, this.options.publicationId))) throw stagingLost();
      await insertStagedRows(trx, batch);
    });
  }

  /**
   * The switch, in one transaction: the staged publication replaces the publisher's current
   * one (checked again, as another import may have switched meanwhile), the partner is found
   * or created, links follow a mapping changed meanwhile, and the ledger follows. The same
   * file as the current one changes nothing.
   */
  async finish(totals: StagedTotals): Promise<ImportSummary> {
    const first = this.first;
    if (!first || !totals.publisher) throw noActivities();
    const { db, publicationId, fileName, sha256, principal, dryRun } = this.options;
    const publisher = totals.publisher;
    let replaced = false;
    const summary = await inTransaction(db, async (trx) => {
      await lockPublisher(trx, publisher);
      if (!(await touchStagingPublication(trx, publicationId))) throw stagingLost();
      const previous = await findCurrentPublication(trx, publisher);
      if (!dryRun && previous?.file_sha256 === sha256)
        return PublicationWriter.unchanged(fileName, sha256, previous);
      this.refuseOlder(publisher, previous);
      const partner = await resolvePublisher(trx, first);
      assertAllowed(canImportPublication(principal, { partnerId: partner.id, ref: publisher }));
      if (previous) {
        await deletePublication(trx, previous.id);
        replaced = true;
      }
      await makePublicationCurrent(trx, publicationId, { ...totals, partnerId: partner.id });
      const linked = await relinkIfMatcherChanged(trx, publicationId, this.options.matcher);
      const sync = await syncIatiLedger({
        db: trx,
        publisherRef: publisher,
        partnerId: partner.kind === "member_state" ? null : partner.id,
        principal,
      });
      const imported: ImportSummary = {
        ...emptySummary(fileName, sha256),
        ...totals,
        ...(linked !== null && { linked }),
        status: "imported" as const,
        partnerCreated: partner.created,
        flowsRecorded: sync.recorded,
        flowsReversed: sync.reversed,
      };
      if (!dryRun) await this.options.onSwitch?.(trx, imported);
      return imported;
    });
    this.switched = summary.status === "imported";
    this.replacedPrevious = this.switched && replaced;
    return summary;
  }

  /**
   * However the import ended short of its switch (refused, failed, unchanged): its staging
   * publication goes, and its rows are vacuumed where no autovacuum runs (the embedded
   * database). Best effort: one this fails to delete is deleted once stale. A dry run's
   * rollback takes it away.
   */
  async discard(): Promise<void> {
    const { db, publicationId, dryRun } = this.options;
    if (!this.staged || this.switched || dryRun) return;
    try {
      await deleteStagingPublication(db, publicationId);
      await vacuumWithoutAutovacuum(db);
    } catch {
      // Best effort: a stale staging publication is deleted later, and the next vacuum
      // reclaims what this one did not.
    }
  }

  private generated() {
    return this.fileHeader?.generatedDatetime ?? null;
  }

  private refuseOlder(publisher: string, previous: CurrentPublication | undefined) {
    const generated = this.generated();
    if (previous?.generated_datetime && generated && generated < previous.generated_datetime)
      throw xmlRefused(
        null,
        `this file of ${publisher} was generated ${generated}, before the imported one (${previous.file_name}, generated ${previous.generated_datetime}); only a newer version replaces it`,
      );
  }
}

/**
 * A batch's own transaction, or the caller's. A batch writes only its staging publication's
 * rows, none of them audited, so it does not take the audit chain's lock (inTransaction) and
 * makes no other writer wait.
 */
function inBatchTransaction(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<void>,
): Promise<void> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

const stagingLost = () =>
  new AppError(
    "conflict",
    `This import's staged rows were discarded as abandoned (no write for ${STAGING_STALE_SECONDS / 60} minutes); nothing was imported. Import the file again.`,
  );

export const noActivities = () =>
  new AppError(
    "validation_failed",
    "The file has no <iati-activity> with an iati-identifier; nothing was imported.",
  );
