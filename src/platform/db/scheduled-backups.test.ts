import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import { loadConfig } from "../config.ts";
import type { JobHandler, Scheduler } from "../jobs/scheduler.ts";
import { restoreFromFile } from "./backup-file.ts";
import type { DatabaseHandle } from "./connect.ts";
import { scheduleBackups } from "./scheduled-backups.ts";

describe("scheduled backups of the embedded database", () => {
  let handle: DatabaseHandle;
  let target: DatabaseHandle;
  let dir = "";
  beforeAll(async () => {
    handle = await createTestDatabase();
    target = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), "esca-scheduled-"));
  });
  afterAll(async () => {
    await handle.close();
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("are configured by cron, folder and days kept, or turned off", () => {
    const defaults = loadConfig({ ESCA_DATA_DIR: "/srv/esca" });
    expect(defaults.backups).toEqual({
      schedule: "30 2 * * *",
      dir: "/srv/esca/backups",
      keepDays: 7,
    });
    expect(loadConfig({ ESCA_BACKUP_SCHEDULE: "off" }).backups.schedule).toBeNull();
    expect(() => loadConfig({ ESCA_BACKUP_SCHEDULE: "0 25 * * *" })).toThrow(
      /ESCA_BACKUP_SCHEDULE: hour "25" is outside 0–23/,
    );
  });

  it("write a restorable backup named by its time and remove those past the days kept", async () => {
    const jobs = new Map<string, { cron: string; handler: JobHandler }>();
    const scheduler: Scheduler = {
      kind: "in-process",
      schedule: async (name, cron, handler) => {
        jobs.set(name, { cron, handler });
      },
      stop: async () => {},
    };
    const logged: string[] = [];
    const log = {
      info: (m: string) => logged.push(`info ${m}`),
      warn: (m: string) => logged.push(`warn ${m}`),
      error: (m: string) => logged.push(`error ${m}`),
    };
    // Two old backups (ten days) and a stranger's file, which is never touched.
    const old = ["esca-20261120T023000Z.jsonl.gz", "esca-20261121T023000Z.jsonl.gz"];
    const tenDaysAgo = new Date("2026-11-26T02:30:00Z");
    for (const name of [...old, "notes.txt"]) {
      writeFileSync(join(dir, name), "x");
      utimesSync(join(dir, name), tenDaysAgo, tenDaysAgo);
    }
    await scheduleBackups({
      scheduler,
      db: handle.db,
      backend: handle.backend,
      settings: { schedule: "30 2 * * *", dir, keepDays: 7 },
      log,
      now: () => new Date("2026-12-06T02:30:00Z"),
    });
    expect(jobs.get("backup")?.cron).toBe("30 2 * * *");
    await jobs.get("backup")?.handler({ id: "2026-12-06T02:30:00Z" });
    expect(readdirSync(dir).sort()).toEqual(["esca-20261206T023000Z.jsonl.gz", "notes.txt"]);
    expect(logged.some((l) => /^info backup written to .*esca-20261206T023000Z/.test(l))).toBe(
      true,
    );
    expect(logged.some((l) => l.includes(`removed ${old.join(", ")}`))).toBe(true);
    const restored = await restoreFromFile(target.db, join(dir, "esca-20261206T023000Z.jsonl.gz"));
    expect(restored.schema).toMatch(/^\d{14}$/);

    // A failed run is logged, not thrown into the scheduler, and leaves no partial file.
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, "a file where the folder should be");
    await jobs.get("backup")?.handler({ id: "again" });
    expect(logged.some((l) => l.startsWith("error backup to "))).toBe(true);
    rmSync(dir, { force: true });
    expect(existsSync(dir)).toBe(false);
  });
});
