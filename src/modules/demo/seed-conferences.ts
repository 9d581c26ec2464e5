import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import { z } from "zod";
import { isoDateSchema } from "../../contracts/common.ts";
import { conferenceDocumentKinds, delegationLevels } from "../../contracts/conferences.ts";
import type { Database } from "../../platform/db/schema.ts";
import {
  addConferencePart,
  setGroupOfFriendsJoin,
  updateConference,
} from "../conferences/index.ts";
import { bilingual, orgCode, source, text } from "./demo.schema.ts";

/*
 * The 2011 conference as a record of its own (dataset/conference-2011-record.json): its
 * programme, delegations, documents, the Group of Friends' join dates and preparatory
 * contributions (¶2). Every record names its source; what the public record does not give
 * (the hours, ranks not published, join dates, contributions) is marked illustrative.
 */

const sessionKey = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, "must be a lowercase key");
const provenance = { illustrative: z.boolean(), source };

const recordFileSchema = z
  .object({
    source,
    conference: orgCode,
    sessions: z.array(
      z
        .object({
          key: sessionKey,
          day: isoDateSchema,
          starts_at: z.string(),
          ends_at: z.string(),
          title: bilingual(500),
          chair: z
            .object({ organization: orgCode, role: bilingual(300) })
            .strict()
            .optional(),
          ...provenance,
        })
        .strict(),
    ),
    delegations: z.array(
      z
        .object({
          organization: orgCode,
          level: z.enum(delegationLevels),
          head_title: bilingual(300),
          head_name: text(200).optional(),
          head_name_published: z.literal(true).optional(),
          ...provenance,
        })
        .strict(),
    ),
    documents: z.array(
      z
        .object({
          kind: z.enum(conferenceDocumentKinds),
          title: bilingual(500),
          url: z.url(),
          issued_on: isoDateSchema,
          source,
        })
        .strict(),
    ),
    contributions: z.array(
      z
        .object({
          organization: orgCode,
          description: bilingual(2000),
          contributed_on: isoDateSchema,
          ...provenance,
        })
        .strict(),
    ),
    group_of_friends_joins: z.array(
      z.object({ organization: orgCode, joined_on: isoDateSchema, ...provenance }).strict(),
    ),
  })
  .strict();
export type ConferenceRecordFile = z.infer<typeof recordFileSchema>;

export const CONFERENCE_RECORD_FILE = "conference-2011-record.json";

/** Reads and checks the file; a mistake names the file and the field. */
export function loadConferenceRecord(): ConferenceRecordFile {
  const raw = readFileSync(new URL(`./dataset/${CONFERENCE_RECORD_FILE}`, import.meta.url), "utf8");
  const result = recordFileSchema.safeParse(JSON.parse(raw));
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`);
  throw new Error(`Demo dataset file ${CONFERENCE_RECORD_FILE} is invalid: ${issues.join("; ")}`);
}

/**
 * Writes the record through the conferences module's use cases (the rules user input
 * meets), publishes the conference, and answers the sessions' ids by key, so that the
 * pledges of the ledger can name the session they were announced at.
 */
export async function seedConferenceRecord(options: {
  db: Kysely<Database>;
  record: ConferenceRecordFile;
  conferenceId: string;
  organizationIds: Map<string, string>;
}): Promise<{ sessionIds: Map<string, string>; parts: number }> {
  const { db, record, conferenceId } = options;
  const org = (code: string) => {
    const id = options.organizationIds.get(code);
    if (!id) throw new Error(`${CONFERENCE_RECORD_FILE}: no organization ${code} in the dataset`);
    return id;
  };
  const add = (kind: Parameters<typeof addConferencePart>[0]["kind"], input: object) =>
    addConferencePart({ db, idOrCode: conferenceId, kind, input: input as never });

  const sessionIds = new Map<string, string>();
  for (const { key, chair, ...session } of record.sessions) {
    const created = await add("sessions", {
      ...session,
      ...(chair && { chair_organization_id: org(chair.organization), chair_role: chair.role }),
    });
    sessionIds.set(key, created.id);
  }
  for (const { organization, ...delegation } of record.delegations) {
    await add("delegations", { ...delegation, organization_id: org(organization) });
  }
  for (const document of record.documents) await add("documents", document);
  for (const { organization, ...contribution } of record.contributions) {
    await add("contributions", { ...contribution, organization_id: org(organization) });
  }
  for (const { organization, ...join } of record.group_of_friends_joins) {
    await setGroupOfFriendsJoin({ db, organizationId: org(organization), input: join });
  }
  await updateConference({ db, idOrCode: conferenceId, input: { status: "published" } });
  const parts =
    record.sessions.length +
    record.delegations.length +
    record.documents.length +
    record.contributions.length;
  return { sessionIds, parts };
}
