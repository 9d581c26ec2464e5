import type { Kysely } from "kysely";
import type { Database } from "../../../platform/db/schema.ts";
import { inTransaction } from "../../../platform/db/transaction.ts";
import { notFound } from "../../../platform/errors.ts";
import { actorLabel, assertAllowed, type Principal } from "../../accounts/index.ts";
import { findInitiativeView } from "../../initiatives/index.ts";
import { canEditActivityLinks } from "../iati.policy.ts";
import { syncIatiLedger } from "../ledger/sync-iati-ledger.ts";
import { loadInitiativeMatcher, matchStored } from "./initiative-matcher.ts";

export function findActivityLinks(db: Kysely<Database>) {
  return db
    .selectFrom("iati_activity_links as l")
    .innerJoin("initiatives as i", "i.id", "l.initiative_id")
    .select([
      "l.iati_identifier",
      "l.initiative_id",
      "i.code as initiative_code",
      "l.created_by",
      "l.created_at",
    ])
    .orderBy("l.iati_identifier")
    .execute()
    .then((rows) => rows.map((row) => ({ ...row, created_at: row.created_at.toISOString() })));
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
    await trx.deleteFrom("iati_activity_links").where("iati_identifier", "=", identifier).execute();
    if (options.initiative !== null) {
      const initiative = await findInitiativeView(trx, options.initiative);
      if (!initiative) throw notFound("initiative", options.initiative);
      await trx
        .insertInto("iati_activity_links")
        .values({
          iati_identifier: identifier,
          initiative_id: initiative.id,
          created_by: actorLabel(options.principal),
        })
        .execute();
    }
    const matcher = await loadInitiativeMatcher(trx, options.reportingOrgRef);
    const activities = await trx
      .selectFrom("iati_activities as a")
      .innerJoin("iati_publications as p", "p.id", "a.publication_id")
      .innerJoin("organizations as o", "o.id", "p.partner_id")
      .select([
        "a.id",
        "a.iati_identifier",
        "a.related_activities",
        "a.other_identifiers",
        "p.publisher_ref",
        "p.partner_id",
        "o.kind",
      ])
      .where("a.iati_identifier", "=", identifier)
      // An import's staging rows are relinked at its switch (staged-links.ts).
      .where("p.state", "=", "current")
      .$narrowType<{ partner_id: string }>()
      .execute();
    const totals = { relinked: activities.length, recorded: 0, reversed: 0 };
    for (const a of activities) {
      const link = matchStored(matcher, a);
      await trx
        .updateTable("iati_activities")
        .set({ initiative_id: link?.initiativeId ?? null, link_source: link?.source ?? null })
        .where("id", "=", a.id)
        .execute();
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
