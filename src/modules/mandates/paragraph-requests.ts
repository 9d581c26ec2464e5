import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import type { Principal } from "../../platform/principal.ts";
import { findSupportRequests, type SupportRequest } from "../support-requests/index.ts";

/** A request's list holds at most this many per paragraph (a paragraph draws dozens at most). */
const MAX_REQUESTS = 500;

/**
 * The support requests made under a paragraph (by its resolution's symbol and its number),
 * as support-requests shows them to this viewer: the public sees those acknowledged on a
 * published initiative, a country its own, a body those addressed to it, staff all.
 */
export async function findRequestsOnParagraph(options: {
  db: Kysely<Database>;
  mandate: { symbol: string; paragraph: number };
  viewer: Principal;
}): Promise<SupportRequest[]> {
  const list = await findSupportRequests({
    db: options.db,
    viewer: options.viewer,
    query: {
      resolution: options.mandate.symbol,
      paragraph: options.mandate.paragraph,
      limit: MAX_REQUESTS,
      offset: 0,
    },
  });
  return list.data;
}
