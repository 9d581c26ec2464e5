/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week, in UTC), the form
 * pg-boss schedules on PostgreSQL, read here for the embedded database's in-process timer and
 * for checking ESCA_REMINDER_SCHEDULE at start. Each field: `*`, a number, a range `a-b`, a
 * step `*​/n` or `a-b/n`, or a comma-separated list of these. Day of week 0–7 (0 and 7 Sunday).
 * As in cron, when both day fields are restricted, a day matching either one matches.
 */
export interface CronSchedule {
  expression: string;
  /** The first minute strictly after `after` that the expression names. */
  nextAfter(after: Date): Date;
}

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 },
] as const;

/** Reads a field's values, or says what is wrong with it. */
function readField(text: string, field: (typeof FIELDS)[number]): Set<number> | string {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) return `${field.name} "${part}" is not *, a number, a range or a step`;
    const from = match[1] === "*" ? field.min : Number(match[2]);
    const to = match[1] === "*" ? field.max : match[3] !== undefined ? Number(match[3]) : from;
    const step = match[4] !== undefined ? Number(match[4]) : 1;
    if (from < field.min || to > field.max || from > to)
      return `${field.name} "${part}" is outside ${field.min}–${field.max}`;
    if (step < 1) return `${field.name} "${part}" has a step below 1`;
    const end =
      match[4] !== undefined && match[3] === undefined && match[1] !== "*" ? field.max : to;
    for (let v = from; v <= end; v += step) values.add(v);
  }
  return values;
}

/** A cron expression read, or the reason it cannot be (naming the field). */
export function parseCron(expression: string): CronSchedule | { problem: string } {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5)
    return {
      problem: `"${expression}" has ${parts.length} fields; cron needs 5 (m h dom mon dow)`,
    };
  const sets: Set<number>[] = [];
  for (const [index, field] of FIELDS.entries()) {
    const read = readField(parts[index] ?? "", field);
    if (typeof read === "string") return { problem: read };
    sets.push(read);
  }
  const [minutes, hours, days, months, weekdays] = sets as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  if (weekdays.has(7)) weekdays.add(0);
  const domAny = parts[2] === "*";
  const dowAny = parts[4] === "*";
  const dayMatches = (d: Date) => {
    const dom = days.has(d.getUTCDate());
    const dow = weekdays.has(d.getUTCDay());
    if (domAny && dowAny) return true;
    if (domAny) return dow;
    if (dowAny) return dom;
    return dom || dow;
  };
  return {
    expression,
    nextAfter(after) {
      const t = new Date(after.getTime());
      t.setUTCSeconds(0, 0);
      t.setUTCMinutes(t.getUTCMinutes() + 1);
      // Skips whole months, days and hours that cannot match; at most a few thousand steps.
      for (let guard = 0; guard < 100_000; guard++) {
        if (!months.has(t.getUTCMonth() + 1)) {
          t.setUTCMonth(t.getUTCMonth() + 1, 1);
          t.setUTCHours(0, 0);
        } else if (!dayMatches(t)) {
          t.setUTCDate(t.getUTCDate() + 1);
          t.setUTCHours(0, 0);
        } else if (!hours.has(t.getUTCHours())) {
          t.setUTCHours(t.getUTCHours() + 1, 0);
        } else if (!minutes.has(t.getUTCMinutes())) {
          t.setUTCMinutes(t.getUTCMinutes() + 1);
        } else return t;
      }
      throw new Error(`cron "${expression}" names no time within years`);
    },
  };
}
