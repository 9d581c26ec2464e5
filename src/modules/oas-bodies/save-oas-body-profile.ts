import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError, invalidField, notFound } from "../../platform/errors.ts";
import { findOrganizationRow } from "../organizations/index.ts";
import { findComponentIds, findLineIds, replaceSupportAreas } from "./oas-bodies.queries.ts";
import type { OasBodyProfileInput, UpdateOasBodyInput } from "./oas-bodies.schema.ts";

/** Codes → ids, refusing the first unknown code with its field and position. */
async function resolveCodes(
  field: "components" | "lines_of_action",
  codes: string[] | undefined,
  find: (codes: string[]) => Promise<Array<{ id: string; code: string }>>,
) {
  if (codes === undefined) return undefined;
  const unique = [...new Set(codes.map((code) => code.toUpperCase()))];
  const found = new Map((unique.length ? await find(unique) : []).map((r) => [r.code, r.id]));
  return unique.map((code, index) => {
    const id = found.get(code);
    if (!id)
      throw invalidField(`${field}.${index}`, `no ${field.replaceAll("_", " ")} "${code}"`, {
        code: "unknown_code",
        value: code,
      });
    return id;
  });
}

export async function resolveParent(db: Kysely<Database>, parent: string | null | undefined) {
  if (parent === undefined || parent === null) return parent;
  const row = await findOrganizationRow(db, parent);
  if (row?.kind !== "oas_body")
    throw invalidField("parent", `no OAS body with code "${parent}"`, { code: "unknown_oas_body" });
  return row.id;
}

/** Writes the profile of an existing oas_body organization (new, or a change to it). */
export async function saveOasBodyProfile(options: {
  db: Kysely<Database>;
  organizationId: string;
  input: OasBodyProfileInput | UpdateOasBodyInput;
  isNew: boolean;
}): Promise<void> {
  const { db, input, organizationId } = options;
  const parentId = await resolveParent(db, input.parent);
  if (parentId === organizationId)
    throw invalidField("parent", "a body cannot be its own parent", { code: "own_parent" });
  const componentIds = await resolveCodes("components", input.components, (codes) =>
    findComponentIds(db, codes),
  );
  const lineIds = await resolveCodes("lines_of_action", input.lines_of_action, (codes) =>
    findLineIds(db, codes),
  );
  if (options.isNew) {
    const { mandate, contact_role } = input as OasBodyProfileInput;
    await db
      .insertInto("oas_bodies")
      .values({
        organization_id: organizationId,
        parent_id: parentId ?? null,
        body_kind: (input as OasBodyProfileInput).body_kind,
        mandate_es: mandate.es,
        mandate_en: mandate.en,
        contact_role_es: contact_role.es,
        contact_role_en: contact_role.en,
        source: input.source ?? null,
      })
      .execute();
  } else {
    const change = input as UpdateOasBodyInput;
    let update = db
      .updateTable("oas_bodies")
      .set((eb) => ({
        ...(parentId !== undefined && { parent_id: parentId }),
        ...(change.body_kind !== undefined && { body_kind: change.body_kind }),
        ...(change.mandate?.es !== undefined && { mandate_es: change.mandate.es }),
        ...(change.mandate?.en !== undefined && { mandate_en: change.mandate.en }),
        ...(change.contact_role?.es !== undefined && { contact_role_es: change.contact_role.es }),
        ...(change.contact_role?.en !== undefined && { contact_role_en: change.contact_role.en }),
        ...(change.source !== undefined && { source: change.source }),
        version: eb("version", "+", 1),
        updated_at: new Date(),
      }))
      .where("organization_id", "=", organizationId);
    if (change.version !== undefined) update = update.where("version", "=", change.version);
    const result = await update.executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      const current = await db
        .selectFrom("oas_bodies")
        .select("version")
        .where("organization_id", "=", organizationId)
        .executeTakeFirst();
      if (!current) throw notFound("OAS body", organizationId);
      throw new AppError(
        "conflict",
        `Someone else changed this entry (now at version ${current.version}, you sent ${change.version}); reload it and apply your change again.`,
        { context: { current_version: current.version } },
      );
    }
  }
  await replaceSupportAreas(db, organizationId, { componentIds, lineIds });
}
