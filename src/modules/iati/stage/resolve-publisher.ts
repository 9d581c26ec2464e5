import type { Kysely } from "kysely";
import type { OrganizationKind } from "../../../contracts/enums.ts";
import type { Database } from "../../../platform/db/schema.ts";
import type { ParsedActivity } from "../read/iati-activity.ts";
import {
  findPublisher,
  insertPublisherOrganization,
  organizationCodeTaken,
} from "./publications.queries.ts";

/** IATI OrganisationType → ESCA Hub organization kind. */
function kindOf(type: string | null): OrganizationKind {
  if (type === "10" || type === "11" || type === "15") return "partner_government";
  if (type && ["21", "22", "23", "24", "30"].includes(type)) return "civil_society";
  return "international_org";
}

/**
 * The partner a publisher is: the organization with its IATI identifier, created from the
 * reporting-org (code from the identifier, names from its narratives) when there is none.
 */
export async function resolvePublisher(
  db: Kysely<Database>,
  activity: Pick<ParsedActivity, "reportingOrg">,
): Promise<{ id: string; kind: string; created: boolean }> {
  const ref = activity.reportingOrg.ref;
  const existing = await findPublisher(db, ref);
  if (existing) return { ...existing, created: false };
  const names = activity.reportingOrg.names;
  const fallback = names[0]?.text ?? ref;
  const name = (lang: string) =>
    (names.find((n) => n.lang === lang)?.text ?? fallback).slice(0, 300);
  const base =
    ref
      .toUpperCase()
      .replace(/[^A-Z0-9-]+/g, "-")
      .replace(/^-+/, "")
      .slice(0, 28) || "IATI";
  let code = base;
  for (let n = 2; await organizationCodeTaken(db, code); n++) code = `${base}-${n}`;
  const row = await insertPublisherOrganization(db, {
    code,
    kind: kindOf(activity.reportingOrg.type),
    name_es: name("es"),
    name_en: name("en"),
    iati_org_id: ref,
  });
  return { ...row, created: true };
}
