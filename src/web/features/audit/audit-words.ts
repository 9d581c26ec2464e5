import type { AuditWho } from "../../../contracts/audit.ts";
import {
  type AuditColumn,
  type AuditedTable,
  auditedTables,
  auditValueKind,
  hiddenAuditColumns,
  isAuditColumn,
} from "../../../contracts/audit-fields.ts";
import { financeTypeNames } from "../../../contracts/finance-types.ts";
import { formatMinorUnits } from "../../../contracts/minor-units.ts";
import type { MessageKey } from "../../i18n/en.ts";
import type { Formatters } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/i18n.tsx";

type Image = Record<string, unknown> | null;
type Names = { es: string; en: string };
export type Refs = Record<string, { code: string; name: Names }>;
export interface Words {
  t: Translate;
  fmt: Formatters;
  pick: (names: Names | null | undefined) => string;
}

/** One field of an entry in words: its label, and its value before and after (null: none). */
export interface FieldChange {
  column: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** The columns an entry shows: the changed ones of an update, the filled ones of a creation or deletion. */
export function changedFields(entry: { action: string; before: Image; after: Image }): string[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const shown = (key: string) => !hiddenAuditColumns.includes(key);
  if (!["insert", "update", "delete"].includes(entry.action)) return [];
  return [...keys]
    .filter(shown)
    .filter((key) =>
      entry.action === "update"
        ? JSON.stringify(before[key]) !== JSON.stringify(after[key])
        : !isEmpty((entry.action === "insert" ? after : before)[key]),
    )
    .sort();
}

/** Its label in the reader's language; a column the catalogs do not know keeps its name. */
export function fieldLabel(column: string, t: Translate): string {
  return isAuditColumn(column) ? t(`auditField.${column as AuditColumn}`) : column;
}

/**
 * A value as the reader reads it: money with its currency (123450 minor units of EUR in the
 * row whose currency column says EUR → €1,234.50), dates as dates, closed lists by their
 * label, ids by the code and name they point to.
 */
export function formatValue(
  table: string,
  column: string,
  value: unknown,
  row: Record<string, unknown>,
  refs: Refs,
  words: Words,
): string | null {
  if (isEmpty(value)) return null;
  const { t, fmt, pick } = words;
  const kind = auditValueKind(table, column);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  if (kind === "boolean") return t(value === true ? "common.yes" : "common.no");
  if (kind === "date") return fmt.date(text);
  if (kind === "instant") return fmt.dateTime(text);
  if (kind === "number") return fmt.number(text);
  if (kind === "country") return fmt.country(text);
  if (kind === "usd" || kind.startsWith("money:")) {
    const currency = kind === "usd" ? "USD" : String(row[kind.slice(6)] ?? "");
    if (!/^[A-Z]{3}$/.test(currency) || !/^-?\d+$/.test(text)) return text;
    return fmt.money(formatMinorUnits(BigInt(text), currency), currency);
  }
  if (kind.startsWith("ref:")) {
    const ref = refs[text];
    return ref ? `${ref.code} · ${pick(ref.name)}` : text;
  }
  if (kind.startsWith("enum:")) return enumLabel(kind.slice(5), text, t);
  if (column === "finance_type" && text in financeTypeNames)
    return `${text} · ${pick(financeTypeNames[text as keyof typeof financeTypeNames])}`;
  return text;
}

/** Each shown field of an entry, labelled, before → after. */
export function fieldChanges(
  entry: { action: string; entity_type: string; before: Image; after: Image },
  refs: Refs,
  words: Words,
): FieldChange[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  return changedFields(entry).map((column) => ({
    column,
    label: fieldLabel(column, words.t),
    before:
      entry.action === "insert"
        ? null
        : formatValue(entry.entity_type, column, before[column], before, refs, words),
    after:
      entry.action === "delete"
        ? null
        : formatValue(entry.entity_type, column, after[column], after, refs, words),
  }));
}

const ACTIONS = [
  "insert",
  "update",
  "delete",
  "truncate",
  "login",
  "logout",
  "login_failed",
  "access_denied",
  "chain_verified",
] as const;

/** What happened, in words: a ledger entry that reverses another reads as a reversal. */
export function actionLabel(entry: { action: string; after: Image }, t: Translate): string {
  if (entry.action === "insert" && entry.after && !isEmpty(entry.after.reverses_id))
    return t("auditAction.reversed");
  return (ACTIONS as readonly string[]).includes(entry.action)
    ? t(`auditAction.${entry.action as (typeof ACTIONS)[number]}`)
    : entry.action;
}
export const auditActions = ACTIONS;

/**
 * Who, in words: the organization and role (all the public reads); for staff the person's
 * name and e-mail too. The platform's own changes (seeding, imports, commands) say so.
 */
export function whoText(who: AuditWho, words: Words): string {
  const { t, pick } = words;
  if (who.kind === "system")
    return who.person ? `${t("history.platform")} (${who.person.actor})` : t("history.platform");
  const parts = [
    who.organization ? pick(who.organization.name) : null,
    who.role ? t(`role.${who.role}`) : null,
  ].filter(Boolean);
  const where = parts.join(", ");
  if (!who.person) return where || t("audit.someone");
  const person = [who.person.name, who.person.email ? `<${who.person.email}>` : null]
    .filter(Boolean)
    .join(" ");
  const named = person || who.person.actor;
  return where ? `${named} · ${where}` : named;
}

/** The kind of record a table holds, in words; a table without a label keeps its name. */
export function tableLabel(table: string, t: Translate): string {
  return (auditedTables as readonly string[]).includes(table)
    ? t(`auditTable.${table as AuditedTable}`)
    : table;
}

function enumLabel(catalog: string, value: string, t: Translate): string {
  const key = `${catalog}.${value}` as MessageKey;
  const label = t(key);
  return label === key ? value : label;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "";
}
