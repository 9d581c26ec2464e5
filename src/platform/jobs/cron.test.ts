import { describe, expect, it } from "vitest";
import { type CronSchedule, parseCron } from "./cron.ts";

const read = (expression: string): CronSchedule => {
  const parsed = parseCron(expression);
  if ("problem" in parsed) throw new Error(parsed.problem);
  return parsed;
};
const next = (expression: string, after: string) =>
  read(expression).nextAfter(new Date(after)).toISOString();

describe("cron expressions of the in-process scheduler (UTC)", () => {
  it("finds the next minute each form names", () => {
    expect(next("0 6 * * *", "2026-12-06T05:59:30Z")).toBe("2026-12-06T06:00:00.000Z");
    expect(next("0 6 * * *", "2026-12-06T06:00:00Z")).toBe("2026-12-07T06:00:00.000Z");
    expect(next("*/15 * * * *", "2026-12-06T06:01:00Z")).toBe("2026-12-06T06:15:00.000Z");
    expect(next("30 8 1 * *", "2026-12-06T00:00:00Z")).toBe("2027-01-01T08:30:00.000Z");
    // Mondays (1) at 07:00; 2026-12-06 is a Sunday.
    expect(next("0 7 * * 1", "2026-12-06T12:00:00Z")).toBe("2026-12-07T07:00:00.000Z");
    // 7 is Sunday too.
    expect(next("0 7 * * 7", "2026-12-05T12:00:00Z")).toBe("2026-12-06T07:00:00.000Z");
    expect(next("0 0 29 2 *", "2026-03-01T00:00:00Z")).toBe("2028-02-29T00:00:00.000Z");
    expect(next("5,45 9-10 * 6 *", "2026-12-06T00:00:00Z")).toBe("2027-06-01T09:05:00.000Z");
    // Both day fields restricted: either one matches, as in cron.
    expect(next("0 0 15 * 1", "2026-12-06T00:00:00Z")).toBe("2026-12-07T00:00:00.000Z");
  });

  it("refuses a malformed expression, naming the field", () => {
    expect(parseCron("0 6 * *")).toEqual({
      problem: '"0 6 * *" has 4 fields; cron needs 5 (m h dom mon dow)',
    });
    expect(parseCron("61 * * * *")).toEqual({ problem: 'minute "61" is outside 0–59' });
    expect(parseCron("0 6 * * mon")).toEqual({
      problem: 'day of week "mon" is not *, a number, a range or a step',
    });
    expect(parseCron("*/0 * * * *")).toEqual({ problem: 'minute "*/0" has a step below 1' });
  });
});
