import type { Kysely } from "kysely";
import type { GroupOfFriends } from "../../contracts/conferences.ts";
import type { Database } from "../../platform/db/schema.ts";
import { summarizeFunding } from "../funding/index.ts";
import { listContributions } from "./conference-parts.queries.ts";
import { listGroupOfFriendsRows } from "./conferences.queries.ts";
import { pledgeFigures } from "./find-conferences.ts";

/**
 * The Group of Friends (AG/RES. 2626 ¶2): each member, when it joined, what it announced,
 * committed and disbursed across the strategy (summarizeFunding by partner, filtered to
 * the members, so the total is the sum of the members' rows), and its preparatory
 * contributions to the conferences.
 */
export async function findGroupOfFriends(options: {
  db: Kysely<Database>;
  publishedOnly: boolean;
}): Promise<GroupOfFriends> {
  const { db, publishedOnly } = options;
  const members = await listGroupOfFriendsRows(db);
  const ids = members.map((member) => member.id);
  const [funding, contributions] = await Promise.all([
    ids.length
      ? summarizeFunding({ db, by: ["partner"], filter: { partnerIds: ids, publishedOnly } })
      : null,
    listContributions(db, { organizationIds: ids, publishedOnly }),
  ]);
  return {
    members: members.map((member) => ({
      organization: {
        id: member.id,
        code: member.code,
        name: { es: member.name_es, en: member.name_en },
        kind: member.kind,
        country: member.country_iso2,
      },
      joined: member.joined_on
        ? {
            on: member.joined_on,
            illustrative: member.joined_illustrative ?? false,
            source: member.joined_source,
          }
        : null,
      figures: pledgeFigures(funding?.rows.find((row) => row.key.partner?.id === member.id)),
      contributions: contributions.filter((c) => c.organization.id === member.id),
    })),
    total: pledgeFigures(funding?.total),
  };
}
