import type { Kysely } from "kysely";
import type { Database } from "../../../platform/db/schema.ts";
import { initiativeMatcher, type MatcherRows, matchStored } from "./initiative-matcher.ts";
import {
  findPublicationActivityRefs,
  loadMatcherRows,
  setActivityInitiative,
} from "./links.queries.ts";

/**
 * A staged publication's links to initiatives, made true at its switch. Its activities were
 * linked with the mapping and initiatives of the import's start; a mapping saved or an
 * initiative created while its batches were written (setActivityLink relinks current
 * publications only) would otherwise be missed. Read inside the switch's transaction, which
 * holds the audit chain's lock as every such change does, so none can slip in after it.
 * Returns how many activities are linked, or null when nothing changed since the start.
 */
export async function relinkIfMatcherChanged(
  db: Kysely<Database>,
  publicationId: string,
  atStart: MatcherRows,
): Promise<number | null> {
  const now = await loadMatcherRows(db, atStart.reportingOrgRef);
  if (matcherKey(now) === matcherKey(atStart)) return null;
  const matcher = initiativeMatcher(now);
  const activities = await findPublicationActivityRefs(db, publicationId);
  let linked = 0;
  for (const activity of activities) {
    const link = matchStored(matcher, activity);
    if (link) linked++;
    const initiativeId = link?.initiativeId ?? null;
    const source = link?.source ?? null;
    if (initiativeId === activity.initiative_id && source === activity.link_source) continue;
    await setActivityInitiative(db, activity.id, link);
  }
  return linked;
}

/** The rows as one comparable value, whatever order the database returned them in. */
function matcherKey(rows: MatcherRows): string {
  return JSON.stringify([
    rows.initiatives.map((i) => `${i.id} ${i.code}`).sort(),
    rows.links.map((l) => `${l.iati_identifier} ${l.initiative_id}`).sort(),
  ]);
}
