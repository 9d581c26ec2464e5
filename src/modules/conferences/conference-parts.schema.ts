import { z } from "zod";
import { isoDateSchema, uuidSchema, versionInputSchema } from "../../contracts/common.ts";
import { conferenceDocumentKinds, delegationLevels } from "../../contracts/conferences.ts";

/*
 * What the secretariat sends for each part of a conference record: a session of the
 * programme, a delegation, a document, a preparatory contribution (¶2). A part is sent
 * whole, on creation and on replacement alike (PUT), with the version it was read at.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const names = (max: number) => z.object({ es: text(max), en: text(max) }).strict();
const source = text(1000).nullable().optional();
const hhmm = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "must be a time of day as HH:MM, e.g. 09:30");
/** Recorded from the public record (source) or marked illustrative: one of the two. */
const sourcedOrIllustrative = {
  path: ["source"],
  message: "name the published source, or mark the record illustrative",
  params: { rule: "source_or_illustrative" },
};
const hasProvenance = (value: {
  illustrative?: boolean | undefined;
  source?: string | null | undefined;
}) => Boolean(value.illustrative) || Boolean(value.source);
const version = { version: versionInputSchema.optional() };

export const sessionInputSchema = z
  .object({
    day: isoDateSchema,
    starts_at: hhmm,
    ends_at: hhmm,
    title: names(500),
    chair_organization_id: uuidSchema.nullable().optional(),
    chair_role: names(300).nullable().optional(),
    illustrative: z.boolean().optional(),
    source,
    ...version,
  })
  .strict()
  .refine((value) => value.ends_at > value.starts_at, {
    path: ["ends_at"],
    message: "must be after starts_at",
    params: { rule: "end_before_start" },
  })
  .refine(hasProvenance, sourcedOrIllustrative);
export type SessionInput = z.infer<typeof sessionInputSchema>;

export const delegationInputSchema = z
  .object({
    organization_id: uuidSchema,
    level: z.enum(delegationLevels),
    head_title: names(300),
    head_name: text(200).nullable().optional(),
    head_name_published: z.boolean().optional().meta({
      description: "The public record names the head of delegation; required with head_name",
    }),
    illustrative: z.boolean().optional(),
    source,
    ...version,
  })
  .strict()
  .refine((value) => !value.head_name || value.head_name_published === true, {
    path: ["head_name_published"],
    message: "a person's name is kept only when the public record names them: mark it published",
    params: { rule: "name_not_published" },
  })
  .refine(hasProvenance, sourcedOrIllustrative);
export type DelegationInput = z.infer<typeof delegationInputSchema>;

export const documentInputSchema = z
  .object({
    kind: z.enum(conferenceDocumentKinds),
    title: names(500),
    url: z.url({ protocol: /^https?$/, message: "must be an http(s) address" }).max(2000),
    issued_on: isoDateSchema.nullable().optional(),
    source,
    ...version,
  })
  .strict();
export type DocumentInput = z.infer<typeof documentInputSchema>;

export const contributionInputSchema = z
  .object({
    organization_id: uuidSchema,
    description: names(2000),
    contributed_on: isoDateSchema.nullable().optional(),
    illustrative: z.boolean().optional(),
    source,
    ...version,
  })
  .strict()
  .refine(hasProvenance, sourcedOrIllustrative);
export type ContributionInput = z.infer<typeof contributionInputSchema>;

export const groupOfFriendsJoinInputSchema = z
  .object({
    joined_on: isoDateSchema,
    illustrative: z.boolean().optional(),
    source,
  })
  .strict()
  .refine(hasProvenance, sourcedOrIllustrative);
export type GroupOfFriendsJoinInput = z.infer<typeof groupOfFriendsJoinInputSchema>;
