import type { Language } from "../../contracts/enum-values.ts";
import type { ReminderItem } from "../../contracts/reminders.ts";
import { digestWording } from "./digest-wording.ts";

export interface DigestContent {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** One item's line: what, which record, its initiative and amount when it has them. */
function describe(item: ReminderItem, language: Language): string {
  const w = digestWording[language];
  const parts = [w.rules[item.rule], item.record.label];
  if (item.initiative_code && item.initiative_code !== item.record.label)
    parts.push(item.initiative_code);
  if (item.period) parts.push(item.period);
  if (item.value) parts.push(`${item.value.amount} ${item.value.currency}`);
  if (item.records !== null) parts.push(`×${item.records}`);
  return parts.join(" · ");
}

/**
 * A user's digest in their language: every open item of theirs, new ones (since their last
 * digest) first and marked, each with how long it has waited and a link to fix it.
 */
export function composeDigest(options: {
  language: Language;
  name: string;
  items: ReminderItem[];
  newKeys: ReadonlySet<string>;
  asOf: string;
  publicUrl: string;
}): DigestContent {
  const w = digestWording[options.language];
  const fresh = options.items.filter((i) => options.newKeys.has(i.key));
  const older = options.items.filter((i) => !options.newKeys.has(i.key));
  const ordered = [...fresh, ...older];
  const link = (path: string) => `${options.publicUrl}${path}?lang=${options.language}`;
  const inbox = link("/workspace/inbox");
  const textLines = ordered.map((item) => {
    const mark = options.newKeys.has(item.key) ? `[${w.newMark}] ` : "";
    return `- ${mark}${describe(item, options.language)}\n  ${w.since(item.since, item.age_days)}\n  ${w.fix}: ${link(item.fix_path)}`;
  });
  const text = [
    w.greeting(options.name),
    "",
    w.intro(options.items.length, options.asOf),
    "",
    ...textLines,
    "",
    `${w.inbox}: ${inbox}`,
    "",
    w.footer,
  ].join("\n");
  const rows = ordered
    .map((item) => {
      const mark = options.newKeys.has(item.key)
        ? `<strong>${escapeHtml(w.newMark)}</strong> `
        : "";
      return `<li>${mark}${escapeHtml(describe(item, options.language))}<br><small>${escapeHtml(
        w.since(item.since, item.age_days),
      )}</small> — <a href="${escapeHtml(link(item.fix_path))}">${escapeHtml(w.fix)}</a></li>`;
    })
    .join("\n");
  const html = `<!doctype html><html lang="${options.language}"><body>
<p>${escapeHtml(w.greeting(options.name))}</p>
<p>${escapeHtml(w.intro(options.items.length, options.asOf))}</p>
<ul>
${rows}
</ul>
<p><a href="${escapeHtml(inbox)}">${escapeHtml(w.inbox)}</a></p>
<p><small>${escapeHtml(w.footer)}</small></p>
</body></html>`;
  return { subject: w.subject(options.items.length, fresh.length), text, html };
}
