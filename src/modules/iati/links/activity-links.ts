import type { Kysely } from "kysely";
import type { Database } from "../../../platform/db/schema.ts";
import { inTransaction } from "../../../platform/db/transaction.ts";
import { notFound } from "../../../platform/errors.ts";
import { actorLabel, assertAllowed, type Principal } from "../../accounts/index.ts";
import { findInitiativeView } from "../../initiatives/index.ts";
import { canEditActivityLinks } from "../iati.policy.ts";
import { syncIatiLedger } from "../ledger/sync-iati-ledger.ts";
import { initiativeMatcher, matchStored } from "./initiative-matcher.ts";
import {
  deleteActivityLink,
  findCurrentActivitiesByIdentifier,
  insertActivityLink,
  listActivityLinks,
  loadMatcherRows,
  setActivityInitiative,
} from "./links.queries.ts";

export async function findActivityLinks(db: Kysely<Database>) {
  const rows = await listActivityLinks(db);
  return rows.map((row) => ({ ...row, created_at: row.created_at.toISOString() }));
}

/**
 * The secretariat maps an IATI activity to an initiative (or removes the mapping, `null`):
 * imported activities with that identifier are re-linked and their publishers' ledger entries
 * follow by reversal and new entries, all in one transaction.
 */
export async function setActivityLink(options: {
  db: Kysely<Database>;
  identifier: string;
  initiative: string | null;
  principal: Principal;
  reportingOrgRef: string;
}): Promise<{ relinked: number; recorded: number; reversed: number }> {
  assertAllowed(canEditActivityLinks(options.principal));
  return inTransaction(options.db, async (trx) => {
    const { identifier } = options;
    await deleteActivityLink(trx, identifier);
    if (options.initiative !== null) {
      const initiative = await findInitiativeView(trx, options.initiative);
      if (!initiative) throw notFound("initiative", options.initiative);
      await insertActivityLink(trx, {
        iati_identifier: identifier,
        initiative_id: initiative.id,
        created_by: actorLabel(options.principal),
      });
    }
    const matcher = initiativeMatcher(await loadMatcherRows(trx, options.reportingOrgRef));
    const activities = await findCurrentActivitiesByIdentifier(trx, identifier);
    const totals = { relinked: activities.length, recorded: 0, reversed: 0 };
    for (const a of activities) {
      await setActivityInitiative(trx, a.id, matchStored(matcher, a));
      const sync = await syncIatiLedger({
        db: trx,
        publisherRef: a.publisher_ref,
        partnerId: a.kind === "member_state" ? null : a.partner_id,
        principal: options.principal,
      });
      totals.recorded += sync.recorded;
      totals.reversed += sync.reversed;
    }
    return totals;
  });
}
