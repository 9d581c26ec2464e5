import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { actorLabel, assertAllowed, type Principal } from "../accounts/index.ts";
import type { PublisherActivity, StagedTotals } from "./activity-stager.ts";
import { canImportPublication } from "./iati.policy.ts";
import { lockPublisher, noActivities } from "./import-iati-file.ts";
import { emptySummary, type ImportSummary } from "./import-summary.ts";
import type { IatiFileHeader } from "./read-iati-stream.ts";
import { resolvePublisher } from "./resolve-publisher.ts";
import type { StagedBatch } from "./staged-rows.ts";
import { insertStagedRows } from "./staging.queries.ts";
import { syncIatiLedger } from "./sync-iati-ledger.ts";
import { xmlRefused } from "./xml-limits.ts";

interface Publication {
  id: string;
  partnerId: string | null;
  partnerCreated: boolean;
}

/**
 * Writes one file's staged rows as its publisher's publication, inside the caller's
 * transaction: the previous publication gives way once the first activity names the
 * publisher, the rows follow batch by batch, and the ledger follows the whole.
 */
export class PublicationWriter {
  private publication: Publication | null = null;
  private fileHeader: IatiFileHeader | null = null;

  constructor(
    private readonly options: {
      db: Kysely<Database>;
      /** Drawn by the importer: the staged rows name it already. */
      publicationId: string;
      fileName: string;
      sha256: string;
      principal: Principal;
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

  /** On the first activity: the publisher is known; its previous publication gives way. */
  async open(first: PublisherActivity): Promise<void> {
    const { db } = this.options;
    const publisher = first.reportingOrg.ref;
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
    if (previous) await db.deleteFrom("iati_publications").where("id", "=", previous.id).execute();
    const { id } = await db
      .insertInto("iati_publications")
      .values({
        id: this.options.publicationId,
        publisher_ref: publisher,
        partner_id: partner.id,
        file_name: this.options.fileName,
        file_sha256: this.options.sha256,
        iati_version: this.fileHeader?.version ?? "",
        generated_datetime: generated,
        imported_by: actorLabel(this.options.principal),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    this.publication = {
      id,
      partnerId: partner.kind === "member_state" ? null : partner.id,
      partnerCreated: partner.created,
    };
  }

  /** Writes one batch of staged rows (StagedRows.take) into the publication. */
  async write(batch: StagedBatch): Promise<void> {
    if (!this.publication) throw new Error("rows staged before the publisher was known");
    await insertStagedRows(this.options.db, batch);
  }

  /** Records the figures on the publication and brings the ledger in line with it. */
  async finish(totals: StagedTotals): Promise<ImportSummary> {
    const publication = this.publication;
    if (!publication || !totals.publisher) throw noActivities();
    const { db } = this.options;
    await db
      .updateTable("iati_publications")
      .set({
        activity_count: totals.activities,
        transaction_count: totals.transactions,
        budget_count: totals.budgets,
        skipped_count: totals.skipped,
      })
      .where("id", "=", publication.id)
      .execute();
    const sync = await syncIatiLedger({
      db,
      publisherRef: totals.publisher,
      partnerId: publication.partnerId,
      principal: this.options.principal,
    });
    return {
      ...emptySummary(this.options.fileName, this.options.sha256),
      ...totals,
      status: "imported",
      partnerCreated: publication.partnerCreated,
      flowsRecorded: sync.recorded,
      flowsReversed: sync.reversed,
    };
  }
}
