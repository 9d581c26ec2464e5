import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import type { Report, ReportJob, ReportList } from "../../src/contracts/reports.ts";
import { systemPrincipal } from "../../src/modules/accounts/index.ts";
import { verifyAuditChain } from "../../src/modules/audit/index.ts";
import { recordFlow } from "../../src/modules/funding/index.ts";
import { setUpIatiWorld } from "../../src/modules/iati/iati-xml.fixtures.ts";
import { createOrganization } from "../../src/modules/organizations/index.ts";
import { testBackend } from "../support/database.ts";
import {
  type ApiClient,
  createFaultStore,
  type FaultStore,
  type FaultWork,
  faultRounds,
  faultSeed,
  runFaultRounds,
  seededRandom,
  sleep,
} from "../support/fault.ts";

/**
 * kill -9 of `esca serve` while it makes a report: per round the secretariat issues one (a
 * language, a format and an as-of instant of the round's own). After the restart a report is
 * either there whole — its file's SHA-256 the stored one — or not there, and the job is done
 * with that report or failed (on PostgreSQL, shared with other instances, an unfinished job
 * fails once silent for 15 minutes: until then it has no report). Re-running issues the
 * report the kill lost; the figures then match those of a run without kills.
 */
const rounds = faultRounds(6);
const FORMATS = ["pdf", "docx", "html"] as const;
const asOf = (round: number) => new Date(Date.UTC(2025, 0, 1 + round)).toISOString();
const requestOf = (round: number) => ({
  language: round % 2 ? "es" : "en",
  format: FORMATS[round % FORMATS.length] ?? "html",
  as_of: asOf(round),
});

async function ok<T>(response: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const { status: got, body } = await response;
  if (got !== status) throw new Error(`expected ${status}, got ${got}: ${JSON.stringify(body)}`);
  return body;
}

async function reportsOf(api: ApiClient, round?: number): Promise<Report[]> {
  const list = await ok(api.json<ReportList>("GET", "/api/reports?limit=500"));
  return round === undefined ? list.data : list.data.filter((r) => r.as_of === asOf(round));
}

/** The job each round asked for, once the server answered the request. */
const jobs = new Map<number, string>();

const work: FaultWork<unknown> = {
  async run(api, round) {
    // What an earlier run of the round (the clean run's) asked for is not this run's job.
    jobs.delete(round);
    if ((await reportsOf(api, round)).length) return;
    const started = await ok(
      api.json<ReportJob>("POST", "/api/report-jobs", requestOf(round)),
      202,
    );
    jobs.set(round, started.id);
    for (;;) {
      const job = await ok(api.json<ReportJob>("GET", `/api/report-jobs/${started.id}`));
      if (job.stage === "done") return;
      if (job.stage === "failed") throw new Error(`report job failed: ${job.error}`);
      await sleep(100);
    }
  },

  async checkNothingPartial(api, round) {
    const issued = await reportsOf(api, round);
    expect(issued.length).toBeLessThanOrEqual(1);
    for (const report of await reportsOf(api)) {
      const file = await api.bytes(`/api/reports/${report.id}/file`);
      expect(file.status).toBe(200);
      const hash = createHash("sha256").update(file.bytes).digest("hex");
      expect(hash, report.symbol).toBe(report.sha256);
      expect(file.bytes.length, report.symbol).toBe(report.size_bytes);
      expect(file.headers.get("x-content-sha256")).toBe(hash);
    }
    const jobId = jobs.get(round);
    if (!jobId) return;
    const job = await ok(api.json<ReportJob>("GET", `/api/report-jobs/${jobId}`));
    if (job.stage === "done") expect(job.report?.id).toBe(issued[0]?.id);
    else {
      expect(job.report).toBeNull();
      expect(issued).toEqual([]);
      // Embedded: the restarted server is the folder's only process, the job is dead.
      if (testBackend === "pglite") expect(job.stage).toBe("failed");
    }
  },

  async fingerprint(api) {
    const reports = (await reportsOf(api)).sort((a, b) => a.as_of.localeCompare(b.as_of));
    const figures = [];
    for (const report of reports)
      figures.push({
        as_of: report.as_of,
        language: report.language,
        format: report.format,
        figures: await ok(api.json(`GET`, `/api/reports/${report.id}/figures`)),
      });
    return figures;
  },
};

async function prepare(db: Parameters<Parameters<typeof createFaultStore>[0]>[0]) {
  const { initiativeId } = await setUpIatiWorld(db);
  const partner = await createOrganization({
    db,
    input: { code: "ESP", kind: "partner_government", name: { es: "España", en: "Spain" } },
  });
  const principal = systemPrincipal("test-setup");
  for (const [flow_type, amount] of [
    ["pledge", "3000000.00"],
    ["commitment", "2000000.00"],
    ["disbursement", "750000.00"],
  ] as const)
    await recordFlow({
      db,
      principal,
      input: {
        flow_type,
        support_kind: "financial",
        partner_id: partner.id,
        ...(flow_type === "pledge" ? {} : { initiative_id: initiativeId }),
        value: { amount, currency: "EUR" },
        value_date: "2012-06-01",
      },
    });
}

describe("kill -9 during report generation", { timeout: 900_000 }, () => {
  const stores: FaultStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.dispose();
  });

  it(`${rounds} rounds: a report is whole or absent, the chain holds, re-running reaches the clean state`, async () => {
    const random = seededRandom(faultSeed("reports"));
    const clean = await createFaultStore(prepare);
    stores.push(clean);
    const faulty = await createFaultStore(prepare);
    stores.push(faulty);
    const result = await runFaultRounds({ rounds, random, work, clean, faulty });
    console.log(
      `kill -9 reports: killed after ${result.killedAfter.join(", ")} ms, ${result.midWork} of ${rounds} while the work ran`,
    );

    expect(result.clean.at(-1)).toHaveLength(rounds);
    expect(result.recovered).toEqual(result.clean);
    expect(result.verdicts).toHaveLength(rounds + 1);
    for (const verdict of result.verdicts) expect(verdict.ok).toBe(true);
    await faulty.withDb(async (db) => {
      // Every done job names its report; on the embedded database no job is left unfinished.
      const jobsLeft = await sql<{ stage: string; report_id: string | null }>`
        select stage, report_id from report_jobs`.execute(db);
      for (const job of jobsLeft.rows) {
        if (job.stage === "done") expect(job.report_id).not.toBeNull();
        else expect(job.report_id).toBeNull();
        if (testBackend === "pglite") expect(["done", "failed"]).toContain(job.stage);
      }
      expect((await verifyAuditChain({ db })).ok).toBe(true);
    });
  });
});
