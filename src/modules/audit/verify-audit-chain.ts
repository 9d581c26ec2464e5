import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { auditTrailExists, type ChainLink, readChainLinks } from "./audit.queries.ts";

export interface BrokenLink {
  seq: number;
  id: string;
  reason: string;
}

/** The last intact row: a copy of its hash kept elsewhere shows whether the newest rows were cut. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * `rows`: how many rows were found intact (before `firstBad`, when there is one); `head`: the
 * last of them (null when none is).
 */
export type AuditChainVerdict =
  | { ok: true; rows: number; head: ChainHead | null }
  | { ok: false; rows: number; head: ChainHead | null; firstBad: BrokenLink };

/**
 * Walks the audit chain in seq order, a batch at a time so a long trail is never held in
 * memory, and checks each row: its prev_hash is the hash of the row before it (so no row
 * was removed or reordered) and its hash, recomputed by the same SQL function that wrote it
 * (`audit_hash`), still matches (so the row was not altered). Rows appended while it walks
 * are checked too: appenders only ever add at the end.
 *
 * Removing the newest rows leaves a shorter chain that is still whole; compare the head
 * hash with a copy kept elsewhere to detect that.
 */
export async function verifyAuditChain(options: {
  db: Kysely<Database>;
  batchSize?: number;
}): Promise<AuditChainVerdict> {
  if (!(await auditTrailExists(options.db))) {
    throw new AppError("not_ready", 'The database has no audit trail yet; run "esca migrate".');
  }
  const batchSize = options.batchSize ?? 1000;
  let previous: ChainLink | null = null;
  let rows = 0;
  for (;;) {
    const batch = await readChainLinks(options.db, previous?.seq ?? 0n, batchSize);
    for (const link of batch) {
      const reason = findFault(link, previous);
      if (reason)
        return {
          ok: false,
          rows,
          head: headOf(previous),
          firstBad: { seq: Number(link.seq), id: link.id, reason },
        };
      previous = link;
      rows++;
    }
    if (batch.length < batchSize) return { ok: true, rows, head: headOf(previous) };
  }
}

const headOf = (link: ChainLink | null): ChainHead | null =>
  link === null ? null : { seq: Number(link.seq), hash: link.hash };

function findFault(link: ChainLink, previous: ChainLink | null): string | null {
  if (previous === null && link.prev_hash !== null) {
    return "it is the first row but names a previous hash: earlier rows were removed";
  }
  if (previous !== null && link.prev_hash !== previous.hash) {
    return `its prev_hash is not the hash of the row before it (seq ${previous.seq}): a row was removed, inserted or altered`;
  }
  if (link.hash !== link.expected_hash) {
    return "its contents do not match its hash: the row was altered after it was written";
  }
  return null;
}
