import { z } from "zod/mini";
import { flowFields } from "./enum-values.ts";
import { isoDate, moneySchema, names, reference, timestamp, uuid } from "./shapes.ts";

/** US dollars as a decimal string ("1500000000.00"), as every roll-up figure leaves the API. */
const usd = z.string().check(z.meta({ example: "1500000000.00" }));

/** The running figures of the conference, from the funding roll-up (summarizeFunding). */
export const liveBoardMeasuresSchema = z.object({
  announced: usd.check(z.meta({ description: "Pledged at the conference, net of reversals" })),
  committed: usd.check(
    z.meta({ description: "Committed so far: tagged to the conference or following its pledges" }),
  ),
  disbursed: usd,
  announced_not_committed: z.nullable(usd),
});
export type LiveBoardMeasures = z.infer<typeof liveBoardMeasuresSchema>;

export const liveBoardPartnerSchema = z.object({
  partner: reference,
  ...liveBoardMeasuresSchema.shape,
});
export type LiveBoardPartner = z.infer<typeof liveBoardPartnerSchema>;

/** A pledge announced at the conference, newest recorded first. */
export const liveBoardPledgeSchema = z.object({
  id: uuid,
  partner: reference,
  value: z.nullable(moneySchema),
  value_usd: z.nullable(moneySchema),
  description: z.nullable(z.string()),
  value_date: isoDate,
  recorded_at: timestamp,
  reversed: z.boolean().check(z.meta({ description: "Withdrawn since by a reversal" })),
  illustrative: z.boolean(),
  illustrative_fields: z.array(z.enum(flowFields)),
  source: z.nullable(z.string()),
});
export type LiveBoardPledge = z.infer<typeof liveBoardPledgeSchema>;

/**
 * The live pledge board of a conference (GET /conferences/{id}/live, and each `snapshot`
 * event of /live/events): totals and per-partner rows from the one roll-up; published figures
 * only. `sources` names where the conference's entries come from; `illustrative` says some
 * of them were made up for the demo.
 */
export const liveBoardSchema = z
  .object({
    conference: z.object({
      id: uuid,
      code: z.string(),
      name: names,
      city: z.string(),
      country: z.string(),
      start_date: isoDate,
      end_date: isoDate,
      source: z.nullable(z.string()),
    }),
    as_of: timestamp,
    currency: z.literal("USD"),
    totals: liveBoardMeasuresSchema,
    partners: z.array(liveBoardPartnerSchema),
    latest_pledges: z.array(liveBoardPledgeSchema),
    pledge_count: z.int(),
    sources: z.array(z.string()),
    illustrative: z.boolean(),
  })
  .check(z.meta({ id: "LiveBoard" }));
export type LiveBoard = z.infer<typeof liveBoardSchema>;

/** The `heartbeat` event of the live board's stream: the server's clock, every ~15 s. */
export const liveBoardHeartbeatSchema = z.object({ at: timestamp });
