import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError, invalidField } from "../../platform/errors.ts";
import { findOrganizationRow, type PartKind } from "./conference-parts.queries.ts";
import type {
  ContributionInput,
  DelegationInput,
  DocumentInput,
  SessionInput,
} from "./conference-parts.schema.ts";
import type { ConferenceRow } from "./conferences.queries.ts";

export type PartInput = {
  sessions: SessionInput;
  delegations: DelegationInput;
  documents: DocumentInput;
  contributions: ContributionInput;
};

/** Well-formed input that names the wrong record: 422 on the field. */
const refused = (path: string, message: string) =>
  new AppError("unprocessable", `${path}: ${message}`, { details: [{ path, message }] });

async function organization(db: Kysely<Database>, path: string, id: string) {
  const row = await findOrganizationRow(db, id);
  if (!row) throw refused(path, "no organization has this id");
  return row;
}

/**
 * Checks a part against the conference and the records it names, and returns the columns
 * it is written as. A session falls on one of the conference's days; a preparatory
 * contribution (¶2) is a member's of the Group of Friends.
 */
export async function partValues<K extends PartKind>(
  db: Kysely<Database>,
  conference: ConferenceRow,
  kind: K,
  input: PartInput[K],
): Promise<Record<string, unknown>> {
  const provenance = (value: {
    illustrative?: boolean | undefined;
    source?: string | null | undefined;
  }) => ({
    illustrative: value.illustrative ?? false,
    source: value.source ?? null,
  });
  if (kind === "sessions") {
    const session = input as SessionInput;
    if (session.day < conference.start_date || session.day > conference.end_date) {
      throw invalidField(
        "day",
        `must fall within the conference, ${conference.start_date} to ${conference.end_date}`,
        { code: "outside_conference", start: conference.start_date, end: conference.end_date },
      );
    }
    if (session.chair_organization_id) {
      await organization(db, "chair_organization_id", session.chair_organization_id);
    }
    return {
      day: session.day,
      starts_at: session.starts_at,
      ends_at: session.ends_at,
      title_es: session.title.es,
      title_en: session.title.en,
      chair_organization_id: session.chair_organization_id ?? null,
      chair_role_es: session.chair_role?.es ?? null,
      chair_role_en: session.chair_role?.en ?? null,
      ...provenance(session),
    };
  }
  if (kind === "delegations") {
    const delegation = input as DelegationInput;
    await organization(db, "organization_id", delegation.organization_id);
    const named = Boolean(delegation.head_name && delegation.head_name_published);
    return {
      organization_id: delegation.organization_id,
      level: delegation.level,
      head_title_es: delegation.head_title.es,
      head_title_en: delegation.head_title.en,
      head_name: named ? (delegation.head_name ?? null) : null,
      head_name_published: named,
      ...provenance(delegation),
    };
  }
  if (kind === "documents") {
    const document = input as DocumentInput;
    return {
      kind: document.kind,
      title_es: document.title.es,
      title_en: document.title.en,
      url: document.url,
      issued_on: document.issued_on ?? null,
      source: document.source ?? null,
    };
  }
  const contribution = input as ContributionInput;
  const member = await organization(db, "organization_id", contribution.organization_id);
  if (!member.group_of_friends) {
    throw refused(
      "organization_id",
      `${member.code} is not a member of the Group of Friends; preparatory contributions (¶2) are theirs`,
    );
  }
  return {
    organization_id: contribution.organization_id,
    description_es: contribution.description.es,
    description_en: contribution.description.en,
    contributed_on: contribution.contributed_on ?? null,
    ...provenance(contribution),
  };
}
