import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildApp,
  createTestApp,
  type TestApp,
  type TestSession,
} from "../../../../test/support/app.ts";
import { generateWorkload, haveBench } from "../iati.fixtures.ts";
import { addPublishingDonor, iatiFile, setUpIatiWorld } from "../iati-xml.fixtures.ts";
import type { ImportJob } from "./import-job.schema.ts";
import { uploadPath } from "./import-jobs.ts";

function upload(xml: string, name: string) {
  const boundary = "----esca-uploads-boundary";
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/xml\r\n\r\n${xml}\r\n--${boundary}--\r\n`;
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

const publication = iatiFile("XM-DAC-88", [
  {
    id: "XM-DAC-88-1",
    related: "XI-IATI-ESCA-GT1",
    transactions: [{ type: 2, date: "2012-02-01", amount: "800000" }],
  },
]);

describe("IATI uploads", () => {
  let t: TestApp;
  let officer: TestSession;
  let otherOfficer: TestSession;
  let secretariat: TestSession;

  beforeAll(async () => {
    t = await createTestApp();
    await setUpIatiWorld(t.handle.db);
    await addPublishingDonor(t.handle.db, "DONOR88", "XM-DAC-88");
    officer = await t.signIn({ role: "partner", organization: "DONOR88" });
    otherOfficer = await t.signIn({ role: "partner", organization: "OTHER88" });
    secretariat = await t.signIn({ role: "secretariat", organization: "SICA-DSD" });
  });
  afterAll(async () => t.close());

  /** Uploads and waits for the job's end; the job as recorded, whatever the answer. */
  async function uploadAndWait(
    session: TestSession,
    xml: string,
    name: string,
    dryRun = false,
  ): Promise<{ status: number; job: ImportJob }> {
    const before = new Date();
    const response = await session.request<ImportJob>({
      method: "POST",
      url: `/api/iati/imports?wait=true${dryRun ? "&dry_run=true" : ""}`,
      ...upload(xml, name),
    });
    const row = await t.handle.db
      .selectFrom("iati_import_jobs")
      .select("id")
      // The browser's path is dropped from the name as the upload is read.
      .where("file_name", "=", basename(name))
      .where("created_at", ">=", before)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const job = await secretariat.request<ImportJob>({
      method: "GET",
      url: `/api/iati/imports/${row.id}`,
    });
    return { status: response.status, job: job.body };
  }

  it("answers unchanged each time the current file is uploaded again, and ends the job", async () => {
    const first = await uploadAndWait(officer, publication, "again.xml");
    expect(first.job).toMatchObject({ status: "succeeded", summary: { status: "imported" } });
    for (let round = 0; round < 4; round++) {
      const again = await uploadAndWait(officer, publication, "again.xml");
      expect(again.status, `round ${round}`).toBe(200);
      expect(again.job, `round ${round}`).toMatchObject({
        status: "succeeded",
        phase: null,
        summary: { status: "unchanged", publisher: "XM-DAC-88", activities: 1 },
      });
      expect(existsSync(uploadPath(again.job.id))).toBe(false);
    }
  }, 120_000);

  const title = haveBench
    ? "answers unchanged each time a file of 8 MB and more is uploaded again (staged in a worker)"
    : "answers unchanged for a file of 8 MB and more — skipped: ../shared/bench is absent";
  it.skipIf(!haveBench)(
    title,
    async () => {
      const path = join(mkdtempSync(join(tmpdir(), "esca-iati-uploads-")), "large.xml");
      generateWorkload(9, path, 11);
      const xml = readFileSync(path, "utf8");
      expect(Buffer.byteLength(xml)).toBeGreaterThanOrEqual(8 * 1024 * 1024);
      const first = await uploadAndWait(secretariat, xml, "large.xml");
      expect(first.job).toMatchObject({ status: "succeeded", summary: { status: "imported" } });
      for (let round = 0; round < 4; round++) {
        const again = await uploadAndWait(secretariat, xml, "large.xml");
        expect(again.job, `round ${round}`).toMatchObject({
          status: "succeeded",
          phase: null,
          summary: { status: "unchanged", activities: first.job.summary?.activities },
        });
        expect(existsSync(uploadPath(again.job.id))).toBe(false);
      }
    },
    300_000,
  );

  it("deletes the upload at the end of its job, whatever the end", async () => {
    const newer = publication
      .replaceAll("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")
      .replace("800000", "900000");
    const another = newer.replace("900000", "950000");
    const ends = [
      ["imported", officer, newer, "imported.xml", false, 200, "succeeded"],
      ["unchanged", officer, newer, "unchanged.xml", false, 200, "succeeded"],
      ["dry run", officer, newer, "dry-run.xml", true, 200, "succeeded"],
      ["failed: not XML", officer, "this is not XML", "notes.txt", false, 400, "failed"],
      ["refused: older", officer, publication, "older.xml", false, 400, "failed"],
      ["refused: another's", otherOfficer, another, "another.xml", false, 403, "failed"],
    ] as const;
    for (const [end, session, xml, name, dryRun, status, state] of ends) {
      const { status: answered, job } = await uploadAndWait(session, xml, name, dryRun);
      expect([end, answered, job.status, job.phase]).toEqual([end, status, state, null]);
      expect(existsSync(uploadPath(job.id)), end).toBe(false);
    }
  }, 120_000);

  it("stores an upload under its job's id, never under the name the browser sent", async () => {
    const hostile = `../../esca-upload-${randomUUID()}.xml`;
    // Newer than anything the tests before it imported, so the dry run is not refused as older.
    const newest = publication.replaceAll("2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z");
    const { job } = await uploadAndWait(officer, newest, hostile, true);
    expect(job.status).toBe("succeeded");
    expect(uploadPath(job.id)).toBe(join(tmpdir(), `esca-iati-upload-${job.id}.xml`));
    // The name is kept as text to show people; no file was written where it points.
    for (const base of [tmpdir(), process.cwd()])
      expect(existsSync(join(base, hostile)), base).toBe(false);
  }, 120_000);

  it("deletes at a server start the uploads of jobs left running, and of jobs that ended", async () => {
    const job = (state: "running" | "failed", heartbeatAgo: string) => {
      const id = randomUUID();
      writeFileSync(uploadPath(id), publication);
      return {
        id,
        insert: t.handle.db
          .insertInto("iati_import_jobs")
          .values({
            id,
            file_name: "left.xml",
            file_size: Buffer.byteLength(publication),
            dry_run: false,
            state,
            phase: state === "running" ? "importing" : null,
            ...(state === "failed" && {
              error_code: "validation_failed",
              error_message: "not XML",
              finished_at: sql<Date>`now()`,
            }),
            created_by: officer.email,
            created_by_user_id: officer.userId,
            heartbeat_at: sql<Date>`now() - ${heartbeatAgo}::interval`,
          })
          .execute(),
      };
    };
    const stale = job("running", "10 minutes");
    const fresh = job("running", "1 second");
    const ended = job("failed", "10 minutes");
    await Promise.all([stale.insert, fresh.insert, ended.insert]);
    // An upload with no job yet may be arriving at another server: it stays.
    const arriving = uploadPath(randomUUID());
    writeFileSync(arriving, publication);

    const restarted = await buildApp({
      ctx: { db: t.handle.db, backend: t.handle.backend },
      logLevel: "silent",
    });
    await restarted.ready();
    await restarted.close();

    expect(existsSync(uploadPath(stale.id))).toBe(false);
    expect(existsSync(uploadPath(ended.id))).toBe(false);
    // On the embedded database every job left running is an orphan; on PostgreSQL another
    // live instance may still run one with a fresh heartbeat, and its upload stays.
    expect(existsSync(uploadPath(fresh.id))).toBe(t.handle.backend !== "pglite");
    expect(existsSync(arriving)).toBe(true);
    const states = await t.handle.db
      .selectFrom("iati_import_jobs")
      .select(["id", "state", "error_code"])
      .where("id", "=", stale.id)
      .execute();
    expect(states.find((row) => row.id === stale.id)).toMatchObject({
      state: "failed",
      error_code: "interrupted",
    });

    // Once its heartbeat is stale, whoever looks marks it interrupted and deletes its upload.
    await t.handle.db
      .updateTable("iati_import_jobs")
      .set({ heartbeat_at: sql<Date>`now() - interval '5 minutes'` })
      .where("id", "=", fresh.id)
      .execute();
    await officer.request({ method: "GET", url: "/api/iati/imports" });
    expect(existsSync(uploadPath(fresh.id))).toBe(false);
  }, 60_000);
});
