import type { Kysely } from "kysely";
import type { OrganizationKind } from "../../contracts/enums.ts";
import type { Database } from "../../platform/db/schema.ts";
import type { ParsedActivity } from "./iati-activity.ts";

/** IATI OrganisationType → ESCA Hub organization kind. */
function kindOf(type: string | null): OrganizationKind {
  if (type === "10" || type === "11" || type === "15") return "partner_government";
  if (type && ["21", "22", "23", "24", "30"].includes(type)) return "civil_society";
  return "international_org";
}

/** The organization that publishes in IATI under `ref`, when there is one. */
export function findPublisher(db: Kysely<Database>, ref: string) {
  return db
    .selectFrom("organizations")
    .select(["id", "kind"])
    .where("iati_org_id", "=", ref)
    .executeTakeFirst();
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
  for (
    let n = 2;
    await db.selectFrom("organizations").select("id").where("code", "=", code).executeTakeFirst();
    n++
  )
    code = `${base}-${n}`;
  const row = await db
    .insertInto("organizations")
    .values({
      code,
      kind: kindOf(activity.reportingOrg.type),
      name_es: name("es"),
      name_en: name("en"),
      iati_org_id: ref,
    })
    .returning(["id", "kind"])
    .executeTakeFirstOrThrow();
  return { ...row, created: true };
}
