import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import type { ParsedActivity } from "./iati-activity.ts";

export type LinkSource = "mapping" | "related-activity" | "other-identifier";

export interface InitiativeMatcher {
  match(
    activity: Pick<ParsedActivity, "identifier" | "relatedActivities" | "otherIdentifiers">,
  ): { initiativeId: string; source: LinkSource } | null;
}

/**
 * How an imported activity finds its initiative: first the secretariat's mapping of its
 * identifier; else a related-activity or other-identifier that names an initiative, by code
 * ("BA1") or by the identifier ESCA Hub publishes it under ("XI-IATI-ESCA-BA1").
 */
export async function loadInitiativeMatcher(
  db: Kysely<Database>,
  reportingOrgRef: string,
): Promise<InitiativeMatcher> {
  const [initiatives, links] = await Promise.all([
    db.selectFrom("initiatives").select(["id", "code"]).execute(),
    db.selectFrom("iati_activity_links").select(["iati_identifier", "initiative_id"]).execute(),
  ]);
  const byRef = new Map<string, string>();
  for (const { id, code } of initiatives) {
    byRef.set(code, id);
    byRef.set(`${reportingOrgRef}-${code}`, id);
  }
  const mapped = new Map(links.map((link) => [link.iati_identifier, link.initiative_id]));
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
