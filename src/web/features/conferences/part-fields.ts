import {
  type ConferenceDetail,
  conferenceDocumentKinds,
  delegationLevels,
} from "../../../contracts/conferences.ts";
import type { MessageKey } from "../../i18n/i18n.tsx";
import type { PartKind } from "./conferences-api.ts";

/**
 * The fields of each part's form, by the path the API names them with ("title.es"), so a
 * refusal lands under its field. `values` turns a stored part back into the form's strings.
 */
export type FieldKind = "text" | "date" | "time" | "url" | "organization" | "enum" | "check";
export interface PartField {
  path: string;
  label: MessageKey;
  kind: FieldKind;
  required?: boolean;
  options?: readonly string[];
  optionLabel?: (value: string) => MessageKey;
}

const bilingual = (path: string, es: MessageKey, en: MessageKey, required = true): PartField[] => [
  { path: `${path}.es`, label: es, kind: "text", required },
  { path: `${path}.en`, label: en, kind: "text", required },
];
const provenance: PartField[] = [
  { path: "source", label: "conf.field.source", kind: "text" },
  { path: "illustrative", label: "conf.field.illustrative", kind: "check" },
];

export const partFields: Record<PartKind, PartField[]> = {
  sessions: [
    { path: "day", label: "conf.field.day", kind: "date", required: true },
    { path: "starts_at", label: "conf.field.startsAt", kind: "time", required: true },
    { path: "ends_at", label: "conf.field.endsAt", kind: "time", required: true },
    ...bilingual("title", "conf.field.titleEs", "conf.field.titleEn"),
    { path: "chair_organization_id", label: "conf.field.chairOrganization", kind: "organization" },
    ...bilingual("chair_role", "conf.field.chairRoleEs", "conf.field.chairRoleEn", false),
    ...provenance,
  ],
  delegations: [
    {
      path: "organization_id",
      label: "conf.field.organization",
      kind: "organization",
      required: true,
    },
    {
      path: "level",
      label: "conf.field.level",
      kind: "enum",
      required: true,
      options: delegationLevels,
      optionLabel: (v) => `conf.level.${v}` as MessageKey,
    },
    ...bilingual("head_title", "conf.field.headTitleEs", "conf.field.headTitleEn"),
    { path: "head_name", label: "conf.field.headName", kind: "text" },
    { path: "head_name_published", label: "conf.field.headNamePublished", kind: "check" },
    ...provenance,
  ],
  documents: [
    {
      path: "kind",
      label: "conf.field.documentKind",
      kind: "enum",
      required: true,
      options: conferenceDocumentKinds,
      optionLabel: (v) => `conf.documentKind.${v}` as MessageKey,
    },
    ...bilingual("title", "conf.field.titleEs", "conf.field.titleEn"),
    { path: "url", label: "conf.field.url", kind: "url", required: true },
    { path: "issued_on", label: "conf.field.issuedOn", kind: "date" },
    { path: "source", label: "conf.field.source", kind: "text" },
  ],
  contributions: [
    { path: "organization_id", label: "conf.field.member", kind: "organization", required: true },
    ...bilingual("description", "conf.field.descriptionEs", "conf.field.descriptionEn"),
    { path: "contributed_on", label: "conf.field.contributedOn", kind: "date" },
    ...provenance,
  ],
};

export type FormValues = Record<string, string | boolean>;

/** The form's flat values as the API's nested body; empty text is left out. */
export function toPayload(fields: PartField[], values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.path];
    if (value === undefined || value === "") continue;
    const [head, tail] = field.path.split(".") as [string, string | undefined];
    if (tail === undefined) body[head] = typeof value === "string" ? value.trim() : value;
    else {
      const group = (body[head] ?? {}) as Record<string, unknown>;
      group[tail] = typeof value === "string" ? value.trim() : value;
      body[head] = group;
    }
  }
  return body;
}

type Part =
  | ConferenceDetail["sessions"][number]
  | ConferenceDetail["delegations"][number]
  | ConferenceDetail["documents"][number]
  | ConferenceDetail["contributions"][number];

/** A stored part as the form's values, to edit it. */
export function fromPart(kind: PartKind, part: Part): FormValues {
  const flat: FormValues = {};
  const put = (path: string, value: string | boolean | null | undefined) => {
    if (value !== null && value !== undefined) flat[path] = value;
  };
  const record = part as Record<string, unknown>;
  for (const field of partFields[kind]) {
    const [head, tail] = field.path.split(".") as [string, string | undefined];
    const value = tail ? (record[head] as Record<string, unknown> | null)?.[tail] : record[head];
    if (typeof value === "string" || typeof value === "boolean") put(field.path, value);
  }
  if ("organization" in part) put("organization_id", part.organization.id);
  if ("chair" in part && part.chair) {
    put("chair_organization_id", part.chair.organization?.id);
    put("chair_role.es", part.chair.role?.es);
    put("chair_role.en", part.chair.role?.en);
  }
  return flat;
}
