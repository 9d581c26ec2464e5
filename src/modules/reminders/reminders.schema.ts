// The answers are shared with the web: src/contracts/reminders.ts.
export {
  type ReminderItem,
  type ReminderList,
  type ReminderRule,
  type ReminderRun,
  reminderItemSchema,
  reminderListSchema,
  reminderRules,
  reminderRunListSchema,
  reminderRunSchema,
} from "../../contracts/reminders.ts";
