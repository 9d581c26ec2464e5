import { createHash } from "node:crypto";
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../../../platform/db/schema.ts";
import { inTransaction } from "../../../platform/db/transaction.ts";
import type { Principal } from "../../accounts/index.ts";
import { loadMatcherRows } from "../links/links.queries.ts";
import { todayUtc } from "../validate/validate-iati-file.ts";
import type { ImportSummary } from "./import-summary.ts";
import type { OnSwitch } from "./publication-writer.ts";
import { noActivities, PublicationWriter } from "./publication-writer.ts";
import { loadRateRows } from "./publications.queries.ts";
import { type FileStaging, type StageEvent, stageInThread } from "./stage-file.ts";
import { stageInWorker } from "./stage-in-worker.ts";
import {
  discardStagedPublications,
  findCurrentWithFile,
  STAGING_STALE_SECONDS,
  vacuumWithoutAutovacuum,
} from "./staging.queries.ts";
import { uuidV7 } from "./uuid-v7.ts";

export type { ImportSummary };

/** Thrown inside the transaction to undo a dry run after it has done everything else. */
class DryRunRollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super("dry run");
  }
}

/**
 * The file's SHA-256, read through one buffer: a stream's fresh buffer per chunk would add the
 * whole file to this thread's external memory, which makes V8 collect garbage over and over
 * while the database writes here.
 */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  const file = await open(path, "r");
  try {
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  return hash.digest("hex");
}

/**
 * From this size on, the file is parsed in a worker thread while this one writes: below it,
 * starting the worker (loading its code) would cost more than the overlap saves.
 */
const WORKER_MIN_BYTES = 8 * 1024 * 1024;

/**
 * Imports one IATI activity file as its publisher's current publication. The streamed rows
 * are written batch by batch under a staging publication that no reader sees, each batch in a
 * short transaction of its own (on the embedded database, other requests are served between
 * them); one last transaction makes it current in place of the previous one and brings the
 * ledger in line by reversals and new entries. A refused file, a failure or a killed process
 * leave the previous state (a killed one also leaves staging rows, deleted later: see
 * discardStagedPublications); the same file again changes nothing. `dryRun` does all of it in
 * one transaction and rolls it back.
 */
export async function importIatiFile(options: ImportOptions): Promise<ImportSummary> {
  // A worker starts loading its code now, while the database is asked what staging needs.
  const inWorker = options.parseInWorker ?? (await stat(options.path)).size >= WORKER_MIN_BYTES;
  const stageOptions = {
    path: options.path,
    ...(options.onProgress && { onProgress: options.onProgress }),
  };
  const staging = inWorker ? stageInWorker(stageOptions) : stageInThread(stageOptions);
  const asked: Asked = {};
  try {
    if (!options.dryRun) return await writePublication(options.db, options, staging, asked);
    return await inTransaction(options.db, async (trx) => {
      const summary = await writePublication(trx, options, staging, asked);
      throw new DryRunRollback({ ...summary, status: "dry_run" });
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.summary;
    throw error;
  } finally {
    // However the import ended (done, unchanged, refused, failed, dry run): no staging goes on,
    // and a file staged in this thread is closed. Cancelling first settles an event asked for
    // and still pending (the unchanged file's first one, say): the events' return waits for it.
    await staging.cancel();
    await asked.events?.return(undefined).catch(() => undefined);
  }
}

interface ImportOptions {
  db: Kysely<Database>;
  path: string;
  fileName?: string;
  principal: Principal;
  reportingOrgRef: string;
  dryRun?: boolean;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Parse in a worker thread beside the writes; by default for files of 8 MB and more. */
  parseInWorker?: boolean;
  /** The file's SHA-256 when the caller has read the file already: not read again for it. */
  sha256?: string;
  /** Awaited once each batch of rows is written (committed, unless a dry run), before the next. */
  afterBatch?: () => Promise<void>;
  /**
   * Runs in the transaction that makes the file current, with its summary: what must be saved
   * with the switch or not at all (an import job's end). Not called for a dry run or a file
   * that changes nothing.
   */
  onSwitch?: OnSwitch;
}

type Asked = { events?: AsyncGenerator<StageEvent> };

async function writePublication(
  db: Kysely<Database>,
  options: ImportOptions,
  staging: FileStaging,
  asked: Asked,
): Promise<ImportSummary> {
  const fileName = options.fileName ?? basename(options.path);
  const publicationId = uuidV7();
  const setup = {
    rates: await loadRateRows(db),
    matcher: await loadMatcherRows(db, options.reportingOrgRef),
    today: todayUtc(),
    publicationId,
  };
  // Staging starts on the first event asked for; the file is hashed meanwhile, unless the
  // caller knows its hash already.
  const events = staging.events(setup);
  asked.events = events;
  const first = events.next();
  // Awaited below, or dropped when the import ends before (the finally's cancel settles it).
  first.catch(() => undefined);
  const sha256 = options.sha256 ?? (await sha256OfFile(options.path));
  const dryRun = options.dryRun === true;
  if (!dryRun) {
    // Rows killed imports left; a fresh staging publication may be a concurrent import's.
    await discardStagedPublications(db, { staleSeconds: STAGING_STALE_SECONDS });
    const same = await findCurrentWithFile(db, sha256);
    if (same) return PublicationWriter.unchanged(fileName, sha256, same);
  }
  const writer = new PublicationWriter({
    db,
    publicationId,
    fileName,
    sha256,
    principal: options.principal,
    matcher: setup.matcher,
    dryRun,
    ...(options.onSwitch && { onSwitch: options.onSwitch }),
  });
  try {
    let summary: ImportSummary | null = null;
    for (let next = await first; !next.done; next = await events.next()) {
      const event = next.value;
      if (event.kind === "header") writer.header(event.header);
      else if (event.kind === "publisher") await writer.open(event.first);
      else if (event.kind === "rows") {
        await writer.write(event.batch);
        await options.afterBatch?.();
      } else summary = await writer.finish(event.totals);
    }
    if (!summary) throw noActivities();
    // The previous publication's rows are dead now: vacuumed here when nothing else will. Best
    // effort: the import is done either way, and the next replacing import vacuums again.
    if (!dryRun && writer.replacedPrevious) await vacuumWithoutAutovacuum(db).catch(() => false);
    return summary;
  } finally {
    await writer.discard();
  }
}
