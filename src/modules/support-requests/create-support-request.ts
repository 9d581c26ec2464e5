import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { invalidField } from "../../platform/errors.ts";
import { assertAllowed, type Principal } from "../accounts/index.ts";
import { getInitiative } from "../initiatives/index.ts";
import { findOrganizationRow } from "../organizations/index.ts";
import { actorOf, type StepActor, stepValues } from "./acting.ts";
import { getSupportRequest } from "./find-support-requests.ts";
import { canRequestFor } from "./support-requests.policy.ts";
import { findParagraphOfResolution } from "./support-requests.queries.ts";
import type { CreateSupportRequestInput, SupportRequestDetail } from "./support-requests.schema.ts";

/**
 * A member state's focal point asks the General Secretariat or a named OAS body for technical
 * support on one of its country's initiatives (AG/RES. 2626 ¶7–¶8). The request starts
 * `submitted`, seen by the country, the body and the secretariat only.
 */
export async function createSupportRequest(options: {
  db: Kysely<Database>;
  input: CreateSupportRequestInput;
  principal: Principal;
  illustrative?: boolean;
  actor?: StepActor;
}): Promise<SupportRequestDetail> {
  const { input, principal } = options;
  return inTransaction(options.db, async (trx) => {
    // Another country's draft is not found, as a missing initiative would be.
    const initiative = await getInitiative({
      db: trx,
      idOrCode: input.initiative,
      viewer: principal,
    });
    assertAllowed(canRequestFor(principal, initiative.lead_country));
    const body = await findOrganizationRow(trx, input.body);
    if (body?.kind !== "oas_body")
      throw invalidField("body", `no OAS organ, agency or entity with code "${input.body}"`, {
        code: "unknown_oas_body",
      });
    const found = await findParagraphOfResolution(trx, input.resolution_symbol, input.paragraph);
    if (found.imported && !found.mandateId)
      throw invalidField(
        "paragraph",
        `${input.resolution_symbol} has no operative paragraph ${input.paragraph}`,
        { code: "unknown_paragraph", symbol: input.resolution_symbol },
      );
    const row = await trx
      .insertInto("support_requests")
      .values({
        initiative_id: initiative.id,
        country_iso2: initiative.lead_country,
        body_id: body.id,
        what: input.what,
        why: input.why,
        needed_by: input.needed_by ?? null,
        resolution_symbol: input.resolution_symbol,
        paragraph: input.paragraph,
        illustrative: options.illustrative ?? false,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("support_request_steps")
      .values({
        request_id: row.id,
        action: "submitted",
        ...stepValues(actorOf(principal, options.actor)),
        note: null,
      })
      .execute();
    return getSupportRequest({ db: trx, id: row.id, viewer: principal });
  });
}
