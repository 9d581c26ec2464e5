import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildApp,
  createTestApp,
  type TestApp,
  type TestSession,
} from "../../../../test/support/app.ts";
import { addPublishingDonor, iatiFile, setUpIatiWorld } from "../iati-xml.fixtures.ts";
import type { ImportJob, ImportJobListItem } from "./import-job.schema.ts";

function upload(xml: string, name: string) {
  const boundary = "----esca-jobs-boundary";
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/xml\r\n\r\n${xml}\r\n--${boundary}--\r\n`;
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

type JobList = {
  data: ImportJobListItem[];
  page: { total: number; limit: number; offset: number };
};

const publication = iatiFile("XM-DAC-77", [
  {
    id: "XM-DAC-77-1",
    related: "XI-IATI-ESCA-GT1",
    transactions: [{ type: 2, date: "2012-02-01", amount: "800000" }],
  },
  // No EUR rate in 2010: reported per row, kept out of the ledger.
  {
    id: "XM-DAC-77-2",
    transactions: [{ type: 3, date: "2010-03-01", amount: "10", currency: "EUR" }],
  },
]);

describe("IATI import jobs are kept", () => {
  let t: TestApp;
  let officer: TestSession;
  let otherOfficer: TestSession;
  let secretariat: TestSession;
  const started: Record<string, ImportJob> = {};

  beforeAll(async () => {
    t = await createTestApp();
    await setUpIatiWorld(t.handle.db);
    await addPublishingDonor(t.handle.db, "DONOR77", "XM-DAC-77");
    officer = await t.signIn({ role: "partner", organization: "DONOR77" });
    otherOfficer = await t.signIn({ role: "partner", organization: "OTHER77" });
    secretariat = await t.signIn({ role: "secretariat", organization: "SICA-DSD" });
  });
  afterAll(async () => t.close());

  it("records each upload with who started it, its size, its end and its report", async () => {
    const imported = await officer.request<ImportJob>({
      method: "POST",
      url: "/api/iati/imports?wait=true",
      ...upload(publication, "donor-2026.xml"),
    });
    expect(imported.status).toBe(200);
    started.import = imported.body;
    const checked = await secretariat.request<ImportJob>({
      method: "POST",
      url: "/api/iati/imports?wait=true&dry_run=true",
      ...upload(publication.replace("800000", "900000"), "donor-check.xml"),
    });
    started.dryRun = checked.body;
    const failed = await secretariat.request({
      method: "POST",
      url: "/api/iati/imports?wait=true",
      ...upload("this is not XML", "notes.txt"),
    });
    expect(failed.status).toBe(400);

    const row = await t.handle.db
      .selectFrom("iati_import_jobs")
      .selectAll()
      .where("id", "=", imported.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      file_name: "donor-2026.xml",
      file_size: BigInt(Buffer.byteLength(publication)),
      bytes_read: BigInt(Buffer.byteLength(publication)),
      dry_run: false,
      state: "succeeded",
      phase: null,
      created_by: officer.email,
      created_by_user_id: officer.userId,
      error_code: null,
    });
    expect(row.finished_at).toBeInstanceOf(Date);
    expect(row.summary).toMatchObject({ status: "imported", activities: 2, missingRates: 1 });

    // Read back from the database: the same job, report included.
    const again = await secretariat.request<ImportJob>({
      method: "GET",
      url: `/api/iati/imports/${imported.body.id}`,
    });
    expect(again.body).toEqual({ ...imported.body, phase: null });
    expect(again.body.summary?.problems).toEqual([
      expect.objectContaining({
        identifier: "XM-DAC-77-2",
        problems: [expect.objectContaining({ kind: "rate" })],
      }),
    ]);
    const dryRun = await secretariat.request<ImportJob>({
      method: "GET",
      url: `/api/iati/imports/${checked.body.id}`,
    });
    expect(dryRun.body).toMatchObject({
      dryRun: true,
      status: "succeeded",
      summary: { status: "dry_run" },
      validation: { activityCount: 2 },
    });
  });

  it("lists jobs newest first, paginated, with counts but not the per-activity problems", async () => {
    const all = await secretariat.request<JobList>({ method: "GET", url: "/api/iati/imports" });
    expect(all.status).toBe(200);
    expect(all.body.page).toEqual({ total: 3, limit: 50, offset: 0 });
    expect(all.body.data.map((job) => [job.file, job.status, job.dryRun])).toEqual([
      ["notes.txt", "failed", false],
      ["donor-check.xml", "succeeded", true],
      ["donor-2026.xml", "succeeded", false],
    ]);
    const [failed, checked, imported] = all.body.data;
    expect(failed?.error).toEqual({
      code: "validation_failed",
      message: expect.stringMatching(/XML/),
    });
    expect(imported?.summary).toMatchObject({ activities: 2, transactions: 2, problemCount: 1 });
    expect(imported?.summary).not.toHaveProperty("problems");
    expect(checked?.validation).toEqual({
      valid: expect.any(Boolean),
      problemCount: expect.any(Number),
      activityCount: 2,
      transactionCount: 2,
    });
    const second = await secretariat.request<JobList>({
      method: "GET",
      url: "/api/iati/imports?limit=1&offset=1",
    });
    expect(second.body.page).toEqual({ total: 3, limit: 1, offset: 1 });
    expect(second.body.data.map((job) => job.id)).toEqual([started.dryRun?.id]);
  });

  it("shows a partner only the jobs it started, and no one else's by id", async () => {
    const own = await officer.request<JobList>({ method: "GET", url: "/api/iati/imports" });
    expect(own.body.data.map((job) => job.id)).toEqual([started.import?.id]);
    const other = await otherOfficer.request<JobList>({ method: "GET", url: "/api/iati/imports" });
    expect(other.body).toEqual({ data: [], page: { total: 0, limit: 50, offset: 0 } });
    const byId = await otherOfficer.request({
      method: "GET",
      url: `/api/iati/imports/${started.import?.id}`,
    });
    expect(byId.status).toBe(404);
    expect((await t.anonymous({ method: "GET", url: "/api/iati/imports" })).status).toBe(401);
    const focal = await t.signIn({ role: "focal_point", organization: "GT" });
    expect((await focal.request({ method: "GET", url: "/api/iati/imports" })).status).toBe(403);
  });

  it("marks a job a stopped server left running as interrupted when a server starts", async () => {
    const running = (id: string, dryRun: boolean, heartbeatAgo: string) =>
      t.handle.db
        .insertInto("iati_import_jobs")
        .values({
          id,
          file_name: "big.xml",
          file_size: 50_000_000,
          dry_run: dryRun,
          phase: "importing",
          bytes_read: 12_000_000,
          created_by: officer.email,
          created_by_user_id: officer.userId,
          created_at: sql<Date>`now() - ${heartbeatAgo}::interval`,
          heartbeat_at: sql<Date>`now() - ${heartbeatAgo}::interval`,
        })
        .execute();
    const stale = randomUUID();
    const staleDryRun = randomUUID();
    const fresh = randomUUID();
    await running(stale, false, "10 minutes");
    await running(staleDryRun, true, "10 minutes");
    await running(fresh, false, "1 second");

    // A server starting on this database: the embedded one is a single process, so every job
    // left running is an orphan; on PostgreSQL another live instance may still run a fresh one.
    const restarted = await buildApp({
      ctx: { db: t.handle.db, backend: t.handle.backend },
      logLevel: "silent",
    });
    await restarted.close();

    const job = await officer.request<ImportJob>({
      method: "GET",
      url: `/api/iati/imports/${stale}`,
    });
    expect(job.body).toMatchObject({
      status: "failed",
      phase: null,
      bytesRead: 12_000_000,
      totalBytes: 50_000_000,
      error: {
        code: "interrupted",
        message: expect.stringMatching(/^The server stopped before this import finished/),
      },
    });
    expect(job.body.finishedAt).not.toBeNull();
    const dryRun = await officer.request<ImportJob>({
      method: "GET",
      url: `/api/iati/imports/${staleDryRun}`,
    });
    expect(dryRun.body.error?.message).toMatch(/dry run finished; nothing was written/);
    const other = await officer.request<ImportJob>({
      method: "GET",
      url: `/api/iati/imports/${fresh}`,
    });
    expect(other.body.status).toBe(t.handle.backend === "pglite" ? "failed" : "running");

    // Once its heartbeat is stale, whoever looks sees it interrupted.
    await t.handle.db
      .updateTable("iati_import_jobs")
      .set({ heartbeat_at: sql<Date>`now() - interval '5 minutes'` })
      .where("id", "=", fresh)
      .execute();
    const list = await officer.request<JobList>({ method: "GET", url: "/api/iati/imports" });
    expect(list.body.data.filter((j) => j.status === "running")).toEqual([]);
    expect(list.body.data.find((j) => j.id === fresh)?.error?.code).toBe("interrupted");
  });

  it("streams the progress of a job another server runs, from its row, until it ends", async () => {
    const id = randomUUID();
    await t.handle.db
      .insertInto("iati_import_jobs")
      .values({
        id,
        file_name: "elsewhere.xml",
        file_size: 1000,
        dry_run: false,
        phase: "importing",
        bytes_read: 100,
        created_by: secretariat.email,
        created_by_user_id: secretariat.userId,
      })
      .execute();
    const advance = (set: Record<string, unknown>) =>
      t.handle.db.updateTable("iati_import_jobs").set(set).where("id", "=", id).execute();
    const events = secretariat.request<string>({
      method: "GET",
      url: `/api/iati/imports/${id}/events`,
    });
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await pause(1000);
    await advance({ bytes_read: 600, heartbeat_at: new Date() });
    // The route reads the row every second: leave it time to see this step.
    await pause(2500);
    await advance({
      state: "succeeded",
      phase: null,
      bytes_read: 1000,
      finished_at: new Date(),
      summary: JSON.stringify({ status: "unchanged", activities: 0 }),
    });
    const body = (await events).body;
    const sent = [...body.matchAll(/event: (\w+)\ndata: (.*)\n\n/g)].map(
      ([, type, data]) => `${type} ${(JSON.parse(data ?? "{}") as ImportJob).bytesRead}`,
    );
    expect(sent).toEqual(["progress 100", "progress 600", "done 1000"]);
  });

  it("streams every job a follower may see, once connected before the upload", async () => {
    const url = await t.app.listen({ port: 0, host: "127.0.0.1" });
    const follow = async (session: TestSession) => {
      const stop = new AbortController();
      const response = await fetch(`${url}/api/iati/imports/events`, {
        headers: { cookie: session.cookie },
        signal: stop.signal,
      });
      expect(response.headers.get("content-type")).toBe("text/event-stream");
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = "";
      return {
        text: () => text,
        async until(pattern: RegExp) {
          while (!pattern.test(text)) {
            const { value, done } = await reader.read();
            if (done) throw new Error(`stream ended before ${pattern}: ${text}`);
            text += decoder.decode(value, { stream: true });
          }
          return text;
        },
        stop: () => stop.abort(),
      };
    };
    const staff = await follow(secretariat);
    const stranger = await follow(otherOfficer);
    const own = await follow(officer);
    await Promise.all([staff, stranger, own].map((s) => s.until(/^: following import jobs\n\n/)));
    try {
      const started = await officer.request<ImportJob>({
        method: "POST",
        url: "/api/iati/imports?dry_run=true",
        ...upload(publication, "followed.xml"),
      });
      expect(started.status).toBe(202);
      const done = new RegExp(
        `event: done\\ndata: \\{"id":"${started.body.id}"[^\\n]*"status":"succeeded"`,
      );
      const seen = await staff.until(done);
      expect(seen).toMatch(new RegExp(`event: progress\\ndata: \\{"id":"${started.body.id}"`));
      await own.until(done);
      expect(stranger.text()).not.toContain(started.body.id);
    } finally {
      for (const s of [staff, stranger, own]) s.stop();
    }
  });

  it("streams a finished job's end at once over server-sent events", async () => {
    const events = await secretariat.request<string>({
      method: "GET",
      url: `/api/iati/imports/${started.import?.id}/events`,
    });
    expect(events.headers["content-type"]).toBe("text/event-stream");
    expect(events.body).toMatch(/^event: done\ndata: \{"id":"[^"]+","file":"donor-2026.xml"/);
  });
});
