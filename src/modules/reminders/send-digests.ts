import type { Kysely } from "kysely";
import type { ReminderItem } from "../../contracts/reminders.ts";
import type { Database } from "../../platform/db/schema.ts";
import type { Mailer } from "../../platform/mail.ts";
import { findActiveRecipients } from "../accounts/index.ts";
import { composeDigest } from "./digest-mail.ts";
import { fixPathFor, isInInbox } from "./reminders.policy.ts";
import { findLastDigestRuns, findRunItemKeys, insertDigest } from "./reminders.queries.ts";

export interface DigestLog {
  warn(message: string): void;
}

/**
 * E-mails each active user whose inbox has something new since their last digest: all their
 * open items, in their language, new ones first. A user with nothing new gets nothing (the
 * inbox in the web app always has the full list). A failed send is logged and skipped; the
 * next run tries again, since no digest was recorded for it.
 */
export async function sendDigests(options: {
  db: Kysely<Database>;
  mailer: Mailer;
  runId: string;
  items: ReminderItem[];
  asOf: string;
  publicUrl: string;
  log: DigestLog;
}): Promise<number> {
  const { db } = options;
  const [recipients, lastRuns] = await Promise.all([
    findActiveRecipients(db),
    findLastDigestRuns(db),
  ]);
  const seenByRun = new Map<string, Set<string>>();
  let sent = 0;
  for (const user of recipients) {
    const staff = user.role === "secretariat" || user.role === "admin";
    const mine = options.items
      .filter((item) => isInInbox(item, { organizationId: user.organization_id, staff }))
      .map((item) => ({ ...item, fix_path: fixPathFor(item, staff) }));
    if (mine.length === 0) continue;
    const lastRun = lastRuns.get(user.id);
    let seen = new Set<string>();
    if (lastRun) {
      seen = seenByRun.get(lastRun) ?? (await findRunItemKeys(db, lastRun));
      seenByRun.set(lastRun, seen);
    }
    const newKeys = new Set(mine.filter((i) => !seen.has(i.key)).map((i) => i.key));
    if (newKeys.size === 0) continue;
    const content = composeDigest({
      language: user.language,
      name: user.name,
      items: mine,
      newKeys,
      asOf: options.asOf,
      publicUrl: options.publicUrl,
    });
    try {
      const messageId = await options.mailer.send({
        to: user.email,
        language: user.language,
        ...content,
      });
      await insertDigest(db, {
        user_id: user.id,
        run_id: options.runId,
        language: user.language,
        item_count: mine.length,
        new_count: newKeys.size,
        message_id: messageId,
      });
      sent++;
    } catch (error) {
      options.log.warn(`reminder digest to user ${user.id} not sent: ${String(error)}`);
    }
  }
  return sent;
}
