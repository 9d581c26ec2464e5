import type { ParsedActivity } from "../read/iati-activity.ts";

export type LinkSource = "mapping" | "related-activity" | "other-identifier";

export interface InitiativeMatcher {
  match(
    activity: Pick<ParsedActivity, "identifier" | "relatedActivities" | "otherIdentifiers">,
  ): { initiativeId: string; source: LinkSource } | null;
}

/** An imported activity as stored: its lists come back from json columns. */
export interface StoredActivityRefs {
  iati_identifier: string;
  related_activities: unknown;
  other_identifiers: unknown;
}

/** The initiative a stored activity links to (relinking after a mapping changed). */
export function matchStored(matcher: InitiativeMatcher, activity: StoredActivityRefs) {
  return matcher.match({
    identifier: activity.iati_identifier,
    relatedActivities: activity.related_activities as ParsedActivity["relatedActivities"],
    otherIdentifiers: activity.other_identifiers as ParsedActivity["otherIdentifiers"],
  });
}

/** What matching needs, as plain rows (they also go to a worker). */
export interface MatcherRows {
  reportingOrgRef: string;
  initiatives: Array<{ id: string; code: string }>;
  links: Array<{ iati_identifier: string; initiative_id: string }>;
}

/**
 * How an imported activity finds its initiative: first the secretariat's mapping of its
 * identifier; else a related-activity or other-identifier that names a published initiative, by code
 * ("BA1") or by the identifier ESCA Hub publishes it under ("XI-IATI-ESCA-BA1").
 */
export function initiativeMatcher(rows: MatcherRows): InitiativeMatcher {
  const byRef = new Map<string, string>();
  for (const { id, code } of rows.initiatives) {
    byRef.set(code, id);
    byRef.set(`${rows.reportingOrgRef}-${code}`, id);
  }
  const mapped = new Map(rows.links.map((link) => [link.iati_identifier, link.initiative_id]));
  return {
    match(activity) {
      const mappedId = mapped.get(activity.identifier);
      if (mappedId) return { initiativeId: mappedId, source: "mapping" };
      for (const related of activity.relatedActivities) {
        const id = byRef.get(related.ref);
        if (id) return { initiativeId: id, source: "related-activity" };
      }
      for (const other of activity.otherIdentifiers) {
        const id = byRef.get(other.ref);
        if (id) return { initiativeId: id, source: "other-identifier" };
      }
      return null;
    },
  };
}
