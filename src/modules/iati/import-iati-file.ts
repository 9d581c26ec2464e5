import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { AppError } from "../../platform/errors.ts";
import type { Principal } from "../accounts/index.ts";
import type { ImportSummary } from "./import-summary.ts";
import { PublicationWriter } from "./publication-writer.ts";
import { readIatiActivities } from "./read-iati-stream.ts";

export type { ImportSummary };

/** Thrown inside the transaction to undo a dry run after it has done everything else. */
class DryRunRollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super("dry run");
  }
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }))
    hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Imports one IATI activity file as its publisher's current publication, in one transaction:
 * the streamed activities replace that publisher's previous ones, and the ledger follows by
 * reversals and new entries. A refused file, a failure or a killed process leave the previous
 * state; the same file again changes nothing. `dryRun` does all of it and rolls it back.
 */
export async function importIatiFile(options: {
  db: Kysely<Database>;
  path: string;
  fileName?: string;
  principal: Principal;
  reportingOrgRef: string;
  dryRun?: boolean;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}): Promise<ImportSummary> {
  const sha256 = await sha256OfFile(options.path);
  const fileName = options.fileName ?? basename(options.path);
  if (!options.dryRun) {
    const same = await options.db
      .selectFrom("iati_publications")
      .select(["publisher_ref", "activity_count", "transaction_count"])
      .where("file_sha256", "=", sha256)
      .executeTakeFirst();
    if (same) return PublicationWriter.unchanged(fileName, sha256, same);
  }
  try {
    return await inTransaction(options.db, async (trx) => {
      const writer = new PublicationWriter({
        db: trx,
        fileName,
        sha256,
        principal: options.principal,
        reportingOrgRef: options.reportingOrgRef,
      });
      const stream = readIatiActivities(options.path, {
        ...(options.onProgress && { onProgress: options.onProgress }),
      });
      for await (const item of stream) {
        if (item.kind === "header") writer.header(item.header);
        else await writer.activity(item.node, item.endLine);
      }
      const summary = await writer.finish();
      if (options.dryRun) throw new DryRunRollback({ ...summary, status: "dry_run" });
      return summary;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.summary;
    throw error;
  }
}

/** Serializes imports of one publisher (advisory lock, released with the transaction). */
export async function lockPublisher(db: Kysely<Database>, publisherRef: string) {
  await sql`select pg_advisory_xact_lock(2627, hashtext(${publisherRef}))`.execute(db);
}

export const noActivities = () =>
  new AppError(
    "validation_failed",
    "The file has no <iati-activity> with an iati-identifier; nothing was imported.",
  );
