import { z } from "zod/mini";
import { isoDate, listOf, names, timestamp, uuid } from "./shapes.ts";

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
    version: z.int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .check(z.meta({ id: "Conference" }));
export type Conference = z.infer<typeof conferenceSchema>;

export const conferenceListSchema = listOf(conferenceSchema);
