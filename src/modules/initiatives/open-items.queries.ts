import { type Kysely, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/** A published initiative whose figures name no source (issue 12, item 3). */
export interface InitiativeOpenItem {
  record_id: string;
  label: string;
  organization_id: string | null;
  initiative_code: string;
  since: string;
}

/**
 * Published initiatives that name no source and are not marked illustrative: the public sees
 * their budget without knowing where it comes from. Owed by the lead country's member-state
 * organization from the day the initiative was published.
 */
export async function findInitiativesWithoutSource(
  db: Kysely<Database>,
): Promise<InitiativeOpenItem[]> {
  const result = await sql<InitiativeOpenItem>`
    select i.id::text as record_id, i.code as label, o.id::text as organization_id,
      i.code as initiative_code, i.published_at::date as since
    from initiatives i
    left join organizations o on o.kind = 'member_state' and o.country_iso2 = i.lead_country
    where i.published_at is not null and not i.illustrative
      and (i.source is null or btrim(i.source) = '')
    order by i.code
  `.execute(db);
  return result.rows;
}
