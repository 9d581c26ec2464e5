import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createInProcessScheduler } from "./in-process-scheduler.ts";

describe("the embedded database's in-process scheduler", () => {
  const messages: string[] = [];
  const log = {
    info: (m: string) => messages.push(`info ${m}`),
    warn: (m: string) => messages.push(`warn ${m}`),
    error: (m: string) => messages.push(`error ${m}`),
  };
  beforeEach(() => {
    messages.length = 0;
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-06T05:58:30Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("runs a job at each occurrence of its cron, and no more once stopped", async () => {
    const scheduler = createInProcessScheduler(log);
    const ran: string[] = [];
    await scheduler.schedule("check", "0 6 * * *", async ({ id }) => {
      ran.push(id);
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(ran).toEqual(["check@2026-12-06T06:00:00.000Z"]);
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(ran).toEqual(["check@2026-12-06T06:00:00.000Z", "check@2026-12-07T06:00:00.000Z"]);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(48 * 3_600_000);
    expect(ran).toHaveLength(2);
  });

  it("skips an occurrence while the run before is still going, and logs a failed run", async () => {
    const scheduler = createInProcessScheduler(log);
    let release: () => void = () => {};
    let runs = 0;
    await scheduler.schedule("slow", "* * * * *", async () => {
      runs++;
      if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
      if (runs === 2) throw new Error("database unreachable");
    });
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(runs).toBe(1);
    expect(messages.filter((m) => m.startsWith("warn slow: the previous run"))).toHaveLength(2);
    release();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(2);
    expect(messages).toContain("error slow failed: Error: database unreachable");
    await scheduler.stop();
  });

  it("refuses a malformed cron, naming the job and the field", async () => {
    const scheduler = createInProcessScheduler(log);
    await expect(scheduler.schedule("check", "0 24 * * *", async () => {})).rejects.toThrow(
      'schedule of check: hour "24" is outside 0–23',
    );
    await scheduler.stop();
  });
});
