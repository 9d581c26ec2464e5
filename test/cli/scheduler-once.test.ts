import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cliEnv, startCliServer } from "../support/cli.ts";
import { adminQuery, withDatabase } from "../support/global-setup.ts";

const serverUrl = process.env.ESCA_TEST_DATABASE_URL;
const template = inject("postgresTemplate");

interface RunRow {
  job_id: string | null;
  started_by: string;
}

/**
 * Two `esca serve` processes on one PostgreSQL database, both scheduling the reminder check
 * every minute: each minute's occurrence runs on one of them, never on both.
 */
const skipped =
  !serverUrl || !template
    ? "skipped on PGlite: one process holds the embedded database; set ESCA_TEST_DATABASE_URL"
    : "";

describe.skipIf(Boolean(skipped))(
  skipped || "the scheduled reminder check with two server processes on one PostgreSQL database",
  () => {
    const name = `${String(template).replace("esca_tpl_", "esca_t_")}_sched_${randomBytes(3).toString("hex")}`;
    // Made in beforeAll: a skipped suite's body still runs when it is collected.
    let url = "";
    let dataDir = "";
    const servers: Awaited<ReturnType<typeof startCliServer>>[] = [];
    beforeAll(async () => {
      url = withDatabase(serverUrl ?? "", name);
      dataDir = mkdtempSync(join(tmpdir(), "esca-sched-"));
      await adminQuery(serverUrl ?? "", `create database ${name} template ${template}`);
      // cliEnv keeps children off any server's database; these two share this one.
      const env = (folder: string) => ({
        ...cliEnv(join(dataDir, folder), {
          ESCA_REMINDER_SCHEDULE: "* * * * *",
          ESCA_CRON_MONITOR_SECONDS: "1",
        }),
        DATABASE_URL: url,
      });
      // One after the other: the first installs the job queue's schema, the second finds it.
      servers.push(await startCliServer(env("one")));
      servers.push(await startCliServer(env("two")));
    }, 120_000);
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await adminQuery(serverUrl ?? "", `drop database if exists ${name} with (force)`);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    async function scheduledRuns(): Promise<RunRow[]> {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const result = await client.query<RunRow>(
          `select job_id, started_by
           from reminder_runs where trigger = 'schedule' order by started_at`,
        );
        return result.rows;
      } finally {
        await client.end();
      }
    }

    it("runs each minute's check once, not twice", async () => {
      // Until two minutes have had their run: a second job for the first minute would have
      // been fetched long before the next minute's occurrence was filed.
      let runs: RunRow[] = [];
      for (let attempt = 0; attempt < 200; attempt++) {
        runs = await scheduledRuns();
        if (runs.length >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      expect(runs.length).toBeGreaterThanOrEqual(2);
      expect(runs.every((r) => r.started_by === "scheduler (pg-boss)")).toBe(true);
      const jobIds = runs.map((r) => r.job_id);
      expect(new Set(jobIds).size).toBe(runs.length);
      // Both processes scheduled it: pg-boss holds one schedule for it, files each minute's
      // occurrence once (a slot per minute, even when one instance catches up a missed minute),
      // and every run belongs to a job of its own. Two runs may start in one clock minute when
      // a missed minute is caught up, so the slots are read from the queue, not from started_at.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const schedules = await client.query(
          "select name from pgboss.schedule where name = 'reminder-check'",
        );
        expect(schedules.rowCount).toBe(1);
        const filed = await client.query<{ slot: string; jobs: number }>(
          `select data->>'slot' as slot, count(*)::int as jobs from pgboss.job
           where name = '__pgboss__send-it' and data->>'name' = 'reminder-check'
           group by 1 order by 1`,
        );
        expect(filed.rows.length).toBeGreaterThanOrEqual(2);
        expect(filed.rows.filter((r) => r.jobs !== 1)).toEqual([]);
        const queued = await client.query<{ id: string }>(
          "select id from pgboss.job where name = 'reminder-check'",
        );
        const known = new Set(queued.rows.map((r) => r.id));
        expect(jobIds.filter((id) => !id || !known.has(id))).toEqual([]);
      } finally {
        await client.end();
      }
    }, 240_000);
  },
);
