import type { Kysely } from "kysely";
import { type ReminderItem, type ReminderList, reminderRules } from "../../contracts/reminders.ts";
import { defaultReminderThresholds, type ReminderThresholds } from "../../platform/config.ts";
import type { Database } from "../../platform/db/schema.ts";
import type { Principal } from "../accounts/index.ts";
import { findOpenItems } from "./find-open-items.ts";
import { fixPathFor, inboxViewer, isInInbox } from "./reminders.policy.ts";

interface FindOptions {
  db: Kysely<Database>;
  thresholds?: ReminderThresholds | undefined;
  asOf?: string;
}

function toList(items: ReminderItem[], asOf: string, thresholds: ReminderThresholds): ReminderList {
  return {
    data: items,
    total: items.length,
    by_rule: reminderRules.map((rule) => ({
      rule,
      count: items.filter((i) => i.rule === rule).length,
    })),
    as_of: asOf,
    thresholds: {
      pledge_months: thresholds.pledgeMonths,
      commitment_months: thresholds.commitmentMonths,
    },
  };
}

/** The signed-in user's inbox: the open items of their organization (staff: and the secretariat's). */
export async function findInbox(options: FindOptions & { principal: Principal }) {
  const thresholds = options.thresholds ?? defaultReminderThresholds;
  const { asOf, items } = await findOpenItems({ ...options, thresholds });
  const viewer = inboxViewer(options.principal);
  const mine = items
    .filter((item) => isInInbox(item, viewer))
    .map((item) => ({ ...item, fix_path: fixPathFor(item, viewer.staff) }));
  return toList(mine, asOf, thresholds);
}

/** The secretariat's data-quality page: every open item, of every organization. */
export async function findDataQuality(options: FindOptions) {
  const thresholds = options.thresholds ?? defaultReminderThresholds;
  const { asOf, items } = await findOpenItems({ ...options, thresholds });
  return toList(items, asOf, thresholds);
}
