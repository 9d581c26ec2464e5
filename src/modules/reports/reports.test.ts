import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/support/app.ts";
import type { Report, ReportJob, ReportList } from "../../contracts/reports.ts";
import { systemPrincipal } from "../../platform/principal.ts";
import {
  insertInitiative,
  type LedgerWorld,
  openLedgerWorld,
  postFlow,
  postReversal,
} from "../funding/funding.fixtures.ts";
import { summarizeFunding } from "../funding/index.ts";
import { generateReport } from "./generate-report.ts";
import { settleReportJobs } from "./report-jobs.ts";
import { docxText, htmlText, pdfText } from "./report-readback.fixtures.ts";

/**
 * A report as of an instant counts only what the ledger held then (entries and reversals
 * recorded by then); issued reports are public, immutable and checkable by their hash; the
 * secretariat issues them through a job it watches.
 */
describe("reports as of an instant", () => {
  let t: TestApp;
  let w: LedgerWorld;
  let asOf: Date;
  let initiative: string;
  let firstPledge: string;

  beforeAll(async () => {
    ({ t, w } = await openLedgerWorld());
    initiative = await insertInitiative(t.handle.db, {
      code: "AC1",
      componentId: w.components.A,
      leadCountry: "GT",
      budgetUsdMinor: 100_000_000n,
      published: true,
    });
    const entry = (flow_type: string, amount: string) =>
      postFlow(t, {
        flow_type,
        support_kind: "financial",
        partner_id: w.partners.EU,
        initiative_id: initiative,
        value: { amount, currency: "USD" },
        value_date: "2011-06-23",
      });
    const pledge = await entry("pledge", "400000.00");
    expect(pledge.status).toBe(201);
    firstPledge = pledge.body.id;
    // The instant just after the pledge was recorded: what a report "as of" it may count.
    asOf = new Date(new Date(pledge.body.recorded_at).getTime() + 1);
    const commitment = await entry("commitment", "250000.00");
    expect(commitment.status).toBe(201);
    const reversal = await postReversal(t, firstPledge, { reason: "Recorded twice" });
    expect(reversal.status, JSON.stringify(reversal.body)).toBe(201);
    // The later entries were recorded after the instant, or the test would prove nothing.
    expect(new Date(commitment.body.recorded_at).getTime()).toBeGreaterThan(asOf.getTime());
    expect(new Date(reversal.body.recorded_at).getTime()).toBeGreaterThan(asOf.getTime());
  });
  afterAll(async () => t.close());

  it("the roll-up as of the instant holds the pledge, not the later commitment or reversal", async () => {
    const then = await summarizeFunding({ db: t.handle.db, by: [], filter: { asOf } });
    const now = await summarizeFunding({ db: t.handle.db, by: [] });
    expect([then.total.announced, then.total.committed, then.total.gap]).toEqual([
      "400000.00",
      "0.00",
      "1000000.00",
    ]);
    expect([now.total.announced, now.total.committed, now.total.gap]).toEqual([
      "0.00",
      "250000.00",
      "750000.00",
    ]);
  });

  it("a report as of the instant excludes the flows recorded after it", async () => {
    const { figures, bytes } = await generateReport({
      db: t.handle.db,
      language: "en",
      format: "html",
      asOf,
      principal: systemPrincipal("test"),
    });
    expect(figures.as_of).toBe(asOf.toISOString());
    expect(figures.funding.total.announced).toBe("400000.00");
    expect(figures.funding.total.committed).toBe("0.00");
    expect(figures.initiatives.map((i) => [i.code, i.measures.committed])).toEqual([
      ["AC1", "0.00"],
    ]);
    const text = htmlText(bytes);
    expect(text).toContain("400,000.00");
    expect(text).not.toContain("250,000.00");
    // The Word and PDF files, read back, leave the later commitment out as well, in Spanish too.
    for (const [language, format, pledged, committed] of [
      ["en", "docx", "400,000.00", "250,000.00"],
      ["es", "pdf", "400.000,00", "250.000,00"],
    ] as const) {
      const issued = await generateReport({
        db: t.handle.db,
        language,
        format,
        asOf,
        principal: systemPrincipal("test"),
      });
      expect(issued.figures).toEqual(figures);
      const read = format === "docx" ? await docxText(issued.bytes) : pdfText(issued.bytes);
      expect(read, format).toContain(pledged);
      expect(read, format).not.toContain(committed);
    }
    const today = await generateReport({
      db: t.handle.db,
      language: "en",
      format: "html",
      principal: systemPrincipal("test"),
    });
    expect(today.figures.funding.total.committed).toBe("250000.00");
    expect(today.report.symbol).not.toBe(figures.symbol);
  });

  it("says each stage as it reaches it, so the workspace can show progress while it renders", async () => {
    const stages: string[] = [];
    await generateReport({
      db: t.handle.db,
      language: "en",
      format: "pdf",
      asOf,
      principal: systemPrincipal("test"),
      onStage: async (stage) => {
        stages.push(stage);
      },
    });
    expect(stages).toEqual(["gathering", "rendering", "storing"]);
  });

  it("refuses an as-of instant in the future, naming the field", async () => {
    const secretariat = await t.signIn({
      role: "secretariat",
      organization: "SICA-DSD",
      kind: "sica_body",
    });
    const response = await secretariat.request<{ error: { details: Array<{ path: string }> } }>({
      method: "POST",
      url: "/api/report-jobs",
      payload: { language: "es", format: "html", as_of: "2999-01-01" },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d) => d.path)).toEqual(["as_of"]);
  });

  it("the secretariat issues a report through a job; the public lists it and checks its hash", async () => {
    const secretariat = await t.signIn({
      role: "secretariat",
      organization: "SICA-DSD",
      kind: "sica_body",
    });
    const started = await secretariat.request<ReportJob>({
      method: "POST",
      url: "/api/report-jobs",
      payload: { language: "es", format: "pdf", as_of: asOf.toISOString() },
    });
    expect(started.status).toBe(202);
    expect(started.body.as_of).toBe(asOf.toISOString());
    await settleReportJobs();
    const job = await secretariat.request<ReportJob>({
      method: "GET",
      url: `/api/report-jobs/${started.body.id}`,
    });
    expect([job.body.stage, job.body.progress, job.body.error]).toEqual(["done", 100, null]);
    const report = job.body.report as Report;
    expect(report.format).toBe("pdf");

    const list = await t.anonymous<ReportList>({ method: "GET", url: "/api/reports" });
    expect(list.status).toBe(200);
    const listed = list.body.data.find((r) => r.id === report.id);
    expect(listed?.sha256).toBe(report.sha256);
    const file = await t.app.inject({ method: "GET", url: report.download_url });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    expect(createHash("sha256").update(file.rawPayload).digest("hex")).toBe(report.sha256);
    expect(file.rawPayload.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const figures = await t.anonymous<{ as_of: string; funding: { total: { announced: string } } }>(
      {
        method: "GET",
        url: `/api/reports/${report.id}/figures`,
      },
    );
    expect(figures.body.as_of).toBe(asOf.toISOString());
    expect(figures.body.funding.total.announced).toBe("400000.00");
    expect(JSON.stringify(list.body)).not.toMatch(/@/);
  });

  it("refuses the public and partners a report job, and hides jobs from them", async () => {
    const anonymous = await t.anonymous({
      method: "POST",
      url: "/api/report-jobs",
      payload: { language: "es", format: "html" },
    });
    expect(anonymous.status).toBe(401);
    const partner = await t.signIn({
      role: "partner",
      organization: "EU",
      kind: "international_org",
    });
    const refused = await partner.request({
      method: "POST",
      url: "/api/report-jobs",
      payload: { language: "es", format: "html" },
    });
    expect(refused.status).toBe(403);
    const job = await t.request<ReportJob>({
      method: "POST",
      url: "/api/report-jobs",
      payload: { language: "en", format: "html", as_of: asOf.toISOString() },
    });
    await settleReportJobs();
    const peek = await partner.request({ method: "GET", url: `/api/report-jobs/${job.body.id}` });
    expect(peek.status).toBe(403);
    const asAnonymous = await t.anonymous({
      method: "GET",
      url: `/api/report-jobs/${job.body.id}`,
    });
    expect(asAnonymous.status).toBe(401);
  });

  it("keeps an issued report for good: no update or delete reaches it", async () => {
    const { report } = await generateReport({
      db: t.handle.db,
      language: "es",
      format: "docx",
      asOf,
      principal: systemPrincipal("test"),
    });
    await expect(
      sql`update reports set sha256 = ${"0".repeat(64)} where id = ${report.id}`.execute(
        t.handle.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from reports where id = ${report.id}`.execute(t.handle.db),
    ).rejects.toThrow(/append-only/);
    const audit = await sql<{ n: number; bytes: boolean }>`
      select count(*)::int as n, bool_or(after ? 'bytes') as bytes from audit_log
      where entity_type = 'reports' and entity_id = ${report.id}`.execute(t.handle.db);
    expect(audit.rows[0]).toEqual({ n: 1, bytes: false });
  });

  it("refuses a malformed as-of with the field named", async () => {
    const secretariat = await t.signIn({
      role: "secretariat",
      organization: "SICA-DSD",
      kind: "sica_body",
    });
    for (const as_of of ["June 2012", "2011-02-30", "2010-12-31"]) {
      const response = await secretariat.request<{ error: { details: Array<{ path: string }> } }>({
        method: "POST",
        url: "/api/report-jobs",
        payload: { language: "es", format: "html", as_of },
      });
      expect(response.status, as_of).toBe(400);
      expect(response.body.error.details.map((d) => d.path)).toEqual(["as_of"]);
    }
  });
});
