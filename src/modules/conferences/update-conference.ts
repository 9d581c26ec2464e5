import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { updateVersioned } from "../../platform/db/versioned-update.ts";
import { invalidField, notFound } from "../../platform/errors.ts";
import { findConferenceRow, toConference } from "./conferences.queries.ts";
import type { Conference, UpdateConferenceInput } from "./conferences.schema.ts";

export async function updateConference(options: {
  db: Kysely<Database>;
  idOrCode: string;
  input: UpdateConferenceInput;
}): Promise<Conference> {
  const { db, input } = options;
  return inTransaction(db, async (trx) => {
    const existing = await findConferenceRow(trx, options.idOrCode);
    if (!existing) throw notFound("conference", options.idOrCode);
    // One date may be sent alone: it must still fit the other, stored one.
    const start = input.start_date ?? existing.start_date;
    const end = input.end_date ?? existing.end_date;
    if (end < start) {
      throw invalidField(
        input.end_date ? "end_date" : "start_date",
        `the conference would end (${end}) before it starts (${start})`,
        { code: "end_before_start" },
      );
    }
    await updateVersioned(trx, {
      table: "conferences",
      id: existing.id,
      expectedVersion: input.version,
      changes: {
        ...(input.name?.es !== undefined && { name_es: input.name.es }),
        ...(input.name?.en !== undefined && { name_en: input.name.en }),
        ...(input.city !== undefined && { city: input.city }),
        ...(input.country !== undefined && { country_iso2: input.country }),
        ...(input.start_date !== undefined && { start_date: input.start_date }),
        ...(input.end_date !== undefined && { end_date: input.end_date }),
        ...(input.source !== undefined && { source: input.source }),
        // Published since the first publication; back to draft hides it again.
        ...(input.status !== undefined &&
          input.status !== existing.status && {
            status: input.status,
            published_at: input.status === "published" ? new Date() : null,
          }),
      },
    });
    const updated = await findConferenceRow(trx, existing.id);
    if (!updated) throw notFound("conference", existing.id);
    return toConference(updated);
  });
}
