import { z } from "zod";
import {
  countryCodeSchema,
  isoDateSchema,
  paginationQuerySchema,
  sortSchema,
  versionInputSchema,
} from "../../contracts/common.ts";
import { conferenceStatuses } from "../../contracts/conferences.ts";

// The answers are shared with the web: src/contracts/conferences.ts.
export {
  type Conference,
  type ConferenceDetail,
  conferenceDetailSchema,
  conferenceListSchema,
  conferenceSchema,
  type GroupOfFriends,
  groupOfFriendsSchema,
} from "../../contracts/conferences.ts";

const name = z.string().trim().min(1).max(500);
const city = z.string().trim().min(1).max(200);
const source = z.string().trim().min(1).max(1000);

const endNotBeforeStart = (value: {
  start_date?: string | undefined;
  end_date?: string | undefined;
}) => !value.start_date || !value.end_date || value.end_date >= value.start_date;
const endDateRule = {
  path: ["end_date"],
  message: "must not be before start_date",
  params: { rule: "end_before_start" },
};

export const createConferenceSchema = z
  .object({
    code: z
      .string()
      .regex(
        /^[A-Z0-9][A-Z0-9-]{0,31}$/,
        "must be 1–32 capital letters, digits or dashes, e.g. GUA-2011",
      ),
    name: z.object({ es: name, en: name }).strict(),
    city,
    country: countryCodeSchema,
    start_date: isoDateSchema,
    end_date: isoDateSchema,
    source: source.nullable().optional(),
  })
  .strict()
  .refine(endNotBeforeStart, endDateRule);
export type CreateConferenceInput = z.infer<typeof createConferenceSchema>;

/** Dates are checked against each other here when both are sent, and against the record otherwise. */
export const updateConferenceSchema = z
  .object({
    version: versionInputSchema.optional(),
    name: z.object({ es: name, en: name }).partial().strict().optional(),
    city: city.optional(),
    country: countryCodeSchema.optional(),
    start_date: isoDateSchema.optional(),
    end_date: isoDateSchema.optional(),
    source: source.nullable().optional(),
    status: z
      .enum(conferenceStatuses)
      .optional()
      .meta({ description: "published: the public sees it; draft: staff only" }),
  })
  .strict()
  .refine(endNotBeforeStart, endDateRule);
export type UpdateConferenceInput = z.infer<typeof updateConferenceSchema>;

export const listConferencesQuerySchema = paginationQuerySchema.extend({
  sort: sortSchema(["start_date", "code", "name_en", "name_es"] as const).prefault("start_date"),
});
export type ListConferencesQuery = z.infer<typeof listConferencesQuerySchema>;

export const conferenceIdParams = z.object({ id: z.string().min(1).max(64) });
export const conferencePartParams = z.object({
  id: z.string().min(1).max(64),
  partId: z.uuid(),
});
