import { z } from "zod/mini";
import { isoDate, moneySchema, names, timestamp, uuid } from "./shapes.ts";

/**
 * Reminders and data-quality checks (issue 12, item 3): each open item is computed from the
 * data, so it closes by itself once its record is fixed. An item belongs to the organization
 * that must act (a partner, a member state), or to the secretariat (organization null).
 */
export const reminderRules = [
  "pledge_not_committed",
  "commitment_not_disbursed",
  "over_disbursement_pending",
  "result_not_reported",
  "mandate_status_missing",
  "source_missing",
  "rate_missing",
] as const;
export type ReminderRule = (typeof reminderRules)[number];

export const reminderRecordTypes = [
  "flow",
  "initiative",
  "over_disbursement_request",
  "mandate",
  "exchange_rate",
] as const;
export type ReminderRecordType = (typeof reminderRecordTypes)[number];

export const reminderItemSchema = z
  .object({
    key: z.string().check(z.meta({ description: "rule:record id; stable while the item is open" })),
    rule: z.enum(reminderRules),
    organization: z.nullable(z.object({ id: uuid, code: z.string(), name: names })),
    record: z.object({
      type: z.enum(reminderRecordTypes),
      id: z.string(),
      label: z.string(),
    }),
    initiative_code: z.nullable(z.string()),
    value: z.nullable(moneySchema),
    period: z.nullable(z.string()),
    records: z.nullable(z.int()),
    since: isoDate.check(z.meta({ description: "The day the item fell due" })),
    age_days: z.int(),
    fix_path: z.string().check(z.meta({ description: "Where in the web app it is fixed" })),
  })
  .check(z.meta({ id: "ReminderItem" }));
export type ReminderItem = z.infer<typeof reminderItemSchema>;

export const reminderThresholdsSchema = z.object({
  pledge_months: z.int(),
  commitment_months: z.int(),
});

export const reminderListSchema = z
  .object({
    data: z.array(reminderItemSchema),
    total: z.int(),
    by_rule: z.array(z.object({ rule: z.enum(reminderRules), count: z.int() })),
    as_of: isoDate,
    thresholds: reminderThresholdsSchema,
  })
  .check(z.meta({ id: "ReminderList" }));
export type ReminderList = z.infer<typeof reminderListSchema>;

export const reminderRunSchema = z
  .object({
    id: uuid,
    trigger: z.enum(["schedule", "manual"]),
    started_by: z.string(),
    started_at: timestamp,
    finished_at: z.nullable(timestamp),
    as_of: isoDate,
    item_count: z.int(),
    new_count: z.int(),
    digests_sent: z.int(),
  })
  .check(z.meta({ id: "ReminderRun" }));
export type ReminderRun = z.infer<typeof reminderRunSchema>;
export const reminderRunListSchema = z.object({ data: z.array(reminderRunSchema) });
