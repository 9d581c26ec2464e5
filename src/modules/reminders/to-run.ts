import type { Selectable } from "kysely";
import type { ReminderRun } from "../../contracts/reminders.ts";
import type { ReminderRunsTable } from "../../platform/db/schema.ts";

export function toRun(row: Selectable<ReminderRunsTable>): ReminderRun {
  return {
    id: row.id,
    trigger: row.trigger,
    started_by: row.started_by,
    started_at: row.started_at.toISOString(),
    finished_at: row.finished_at?.toISOString() ?? null,
    as_of: row.as_of,
    item_count: row.item_count,
    new_count: row.new_count,
    digests_sent: row.digests_sent,
  };
}
