import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { createOrganization } from "../organizations/index.ts";
import { getOasBody } from "./find-oas-bodies.ts";
import type { CreateOasBodyInput, OasBody } from "./oas-bodies.schema.ts";
import { saveOasBodyProfile } from "./save-oas-body-profile.ts";

/** A body the secretariat adds to the directory: its organization and its entry, together. */
export async function createOasBody(options: {
  db: Kysely<Database>;
  input: CreateOasBodyInput;
}): Promise<OasBody> {
  const { input } = options;
  return inTransaction(options.db, async (trx) => {
    const organization = await createOrganization({
      db: trx,
      input: {
        code: input.code,
        kind: "oas_body",
        name: input.name,
        acronym: input.acronym ?? null,
        website: input.website ?? null,
      },
    });
    await saveOasBodyProfile({ db: trx, organizationId: organization.id, input, isNew: true });
    const { support: _support, ...body } = await getOasBody({
      db: trx,
      idOrCode: organization.id,
      publishedOnly: false,
    });
    return body;
  });
}
