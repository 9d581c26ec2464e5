import { z } from "zod/mini";
import { isoDate, listOf, moneySchema, names, reference, timestamp, uuid } from "./shapes.ts";

/** The closed lists of a conference record (columns' CHECKs in 20261207003000). */
export const conferenceStatuses = ["draft", "published"] as const;
export type ConferenceStatus = (typeof conferenceStatuses)[number];
/** The rank of a head of delegation, as protocol lists it. */
export const delegationLevels = [
  "head_of_state",
  "vice_president",
  "minister",
  "vice_minister",
  "ambassador",
  "head_of_organization",
  "senior_official",
  "other",
] as const;
export type DelegationLevel = (typeof delegationLevels)[number];
export const conferenceDocumentKinds = [
  "declaration",
  "action_plan",
  "programme",
  "resolution",
  "report",
  "press_release",
  "other",
] as const;
export type ConferenceDocumentKind = (typeof conferenceDocumentKinds)[number];

const provenance = {
  illustrative: z
    .boolean()
    .check(z.meta({ description: "Made up for the demo, not from the public record" })),
  source: z.nullable(z.string()),
};

/** A conference where support was announced (the 2011 Guatemala City conference). */
export const conferenceSchema = z
  .object({
    id: uuid,
    code: z.string(),
    name: names,
    city: z.string(),
    country: z.string(),
    start_date: isoDate,
    end_date: isoDate,
    source: z.nullable(z.string()),
    status: z.enum(conferenceStatuses),
    published_at: z.nullable(timestamp),
    version: z.int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .check(z.meta({ id: "Conference" }));
export type Conference = z.infer<typeof conferenceSchema>;

export const conferenceListSchema = listOf(conferenceSchema);

export const conferenceSessionSchema = z
  .object({
    id: uuid,
    day: isoDate,
    starts_at: z.string().check(z.meta({ description: "HH:MM, local to the venue" })),
    ends_at: z.string(),
    title: names,
    chair: z.nullable(z.object({ organization: z.nullable(reference), role: z.nullable(names) })),
    ...provenance,
    version: z.int(),
  })
  .check(z.meta({ id: "ConferenceSession" }));
export type ConferenceSession = z.infer<typeof conferenceSessionSchema>;

export const conferenceDelegationSchema = z
  .object({
    id: uuid,
    organization: reference,
    level: z.enum(delegationLevels),
    head_title: names,
    head_name: z
      .nullable(z.string())
      .check(z.meta({ description: "Only when the public record names the person (published)" })),
    head_name_published: z.boolean(),
    ...provenance,
    version: z.int(),
  })
  .check(z.meta({ id: "ConferenceDelegation" }));
export type ConferenceDelegation = z.infer<typeof conferenceDelegationSchema>;

export const conferenceDocumentSchema = z
  .object({
    id: uuid,
    kind: z.enum(conferenceDocumentKinds),
    title: names,
    url: z.string(),
    issued_on: z.nullable(isoDate),
    source: z.nullable(z.string()),
    version: z.int(),
  })
  .check(z.meta({ id: "ConferenceDocument" }));
export type ConferenceDocument = z.infer<typeof conferenceDocumentSchema>;

/** ¶2: a preparatory contribution of a member of the Group of Friends, in words. */
export const conferenceContributionSchema = z
  .object({
    id: uuid,
    conference: z.object({ id: uuid, code: z.string(), name: names }),
    organization: reference,
    description: names,
    contributed_on: z.nullable(isoDate),
    ...provenance,
    version: z.int(),
  })
  .check(z.meta({ id: "ConferenceContribution" }));
export type ConferenceContribution = z.infer<typeof conferenceContributionSchema>;

/** A pledge announced at the conference, standing (not reversed), with its session. */
export const conferenceAnnouncementSchema = z.object({
  flow_id: uuid,
  partner: reference,
  session_id: z.nullable(uuid),
  value: z.nullable(moneySchema),
  value_usd: z.nullable(moneySchema),
  value_date: isoDate,
  description: z.nullable(z.string()),
  finance_type: z.nullable(z.string()),
  illustrative: z.boolean(),
  source: z.nullable(z.string()),
});
export type ConferenceAnnouncement = z.infer<typeof conferenceAnnouncementSchema>;

/** USD decimal strings from summarizeFunding: announced (pledged), committed, disbursed. */
export const pledgeFiguresSchema = z.object({
  announced: z.string(),
  committed: z.string(),
  disbursed: z.string(),
});
export type PledgeFigures = z.infer<typeof pledgeFiguresSchema>;

/** One partner's line of a roll-up: what it announced, committed and disbursed. */
export const partnerFiguresSchema = z.object({ partner: reference, figures: pledgeFiguresSchema });

export const conferenceDetailSchema = z
  .object({
    ...conferenceSchema.shape,
    sessions: z.array(conferenceSessionSchema),
    delegations: z.array(conferenceDelegationSchema),
    documents: z.array(conferenceDocumentSchema),
    contributions: z.array(conferenceContributionSchema),
    announcements: z.array(conferenceAnnouncementSchema),
    /**
     * From summarizeFunding, filtered to this conference: announced = its pledges;
     * committed = the commitments made against them since; disbursed = paid against those.
     */
    funding: z.object({ rows: z.array(partnerFiguresSchema), total: pledgeFiguresSchema }),
  })
  .check(z.meta({ id: "ConferenceDetail" }));
export type ConferenceDetail = z.infer<typeof conferenceDetailSchema>;

export const groupOfFriendsMemberSchema = z.object({
  organization: z.object({ ...reference.shape, kind: z.string(), country: z.nullable(z.string()) }),
  joined: z.nullable(
    z.object({ on: isoDate, illustrative: z.boolean(), source: z.nullable(z.string()) }),
  ),
  figures: pledgeFiguresSchema,
  contributions: z.array(conferenceContributionSchema),
});
export type GroupOfFriendsMember = z.infer<typeof groupOfFriendsMemberSchema>;

/** The Group of Friends (¶2): members and, from summarizeFunding, what each gave. */
export const groupOfFriendsSchema = z
  .object({ members: z.array(groupOfFriendsMemberSchema), total: pledgeFiguresSchema })
  .check(z.meta({ id: "GroupOfFriends" }));
export type GroupOfFriends = z.infer<typeof groupOfFriendsSchema>;
