import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { notFound } from "../../platform/errors.ts";
import { updateOrganization } from "../organizations/index.ts";
import { getOasBody } from "./find-oas-bodies.ts";
import { findOasBodyRow } from "./oas-bodies.queries.ts";
import type { OasBody, UpdateOasBodyInput } from "./oas-bodies.schema.ts";
import { saveOasBodyProfile } from "./save-oas-body-profile.ts";

export async function updateOasBody(options: {
  db: Kysely<Database>;
  idOrCode: string;
  input: UpdateOasBodyInput;
}): Promise<OasBody> {
  return inTransaction(options.db, async (trx) => {
    const row = await findOasBodyRow(trx, options.idOrCode);
    if (!row) throw notFound("OAS body", options.idOrCode);
    const { name, acronym, website } = options.input;
    // The names are the organization's: changed with the entry, in the same transaction.
    if (name !== undefined || acronym !== undefined || website !== undefined)
      await updateOrganization({
        db: trx,
        idOrCode: row.id,
        input: {
          ...(name !== undefined && { name }),
          ...(acronym !== undefined && { acronym }),
          ...(website !== undefined && { website }),
        },
      });
    await saveOasBodyProfile({
      db: trx,
      organizationId: row.id,
      input: options.input,
      isNew: false,
    });
    const { support: _support, ...body } = await getOasBody({
      db: trx,
      idOrCode: row.id,
      publishedOnly: false,
    });
    return body;
  });
}
