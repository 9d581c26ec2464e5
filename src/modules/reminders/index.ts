export { composeDigest, type DigestContent } from "./digest-mail.ts";
export { findOpenItems } from "./find-open-items.ts";
export { findReminderRuns } from "./find-reminder-runs.ts";
export { findDataQuality, findInbox } from "./find-reminders.ts";
export { reminderRoutes } from "./reminders.routes.ts";
export type { ReminderItem, ReminderList, ReminderRun } from "./reminders.schema.ts";
export { type ReminderCheckOptions, runReminderCheck } from "./run-reminder-check.ts";
export { REMINDER_JOB, scheduleReminderCheck } from "./schedule-reminders.ts";
