import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestSession } from "../../../test/support/app.ts";
import { addPublishingDonor, iatiFile, setUpIatiWorld } from "./iati-xml.fixtures.ts";
import type { ImportJob } from "./jobs/import-jobs.ts";

/** A multipart/form-data body with one file field. */
function multipartFile(xml: string, field = "file", name = "publication.xml") {
  const boundary = "----esca-test-boundary";
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/xml\r\n\r\n${xml}\r\n--${boundary}--\r\n`;
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

const xml = iatiFile("XM-DAC-99", [
  {
    id: "XM-DAC-99-1",
    related: "XI-IATI-ESCA-GT1",
    transactions: [{ type: 2, date: "2012-02-01", amount: "800000" }],
  },
  {
    id: "XM-DAC-99-2",
    transactions: [{ type: 3, date: "2012-03-01", amount: "1000", currency: "EUR" }],
  },
]);

describe("IATI over HTTP", () => {
  let t: TestApp;
  let officer: TestSession;
  let secretariat: TestSession;
  beforeAll(async () => {
    t = await createTestApp();
    await setUpIatiWorld(t.handle.db);
    await addPublishingDonor(t.handle.db, "DONOR", "XM-DAC-99");
    officer = await t.signIn({ role: "partner", organization: "DONOR" });
    secretariat = await t.signIn({ role: "secretariat", organization: "SICA-DSD" });
  });
  afterAll(async () => t.close());

  it("imports a partner's own upload, writing it to a temporary file and waiting for the job", async () => {
    const response = await officer.request<ImportJob>({
      method: "POST",
      url: "/api/iati/imports?wait=true",
      ...multipartFile(xml),
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: "succeeded",
      file: "publication.xml",
      summary: { activities: 2, linked: 1, flowsRecorded: 1 },
    });
  });

  it("refuses another partner's publication with 403 and the public with 401", async () => {
    const other = await t.signIn({ role: "partner", organization: "OTHER" });
    const forbidden = await other.request<{ error: { message: string } }>({
      method: "POST",
      url: "/api/iati/imports?wait=true",
      ...multipartFile(
        iatiFile("XM-DAC-99", [{ id: "XM-DAC-99-3", transactions: [] }], "2027-01-01T00:00:00Z"),
      ),
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(
      /Only XM-DAC-99's own officers or the secretariat/,
    );
    expect(
      (await t.anonymous({ method: "POST", url: "/api/iati/imports", ...multipartFile(xml) }))
        .status,
    ).toBe(401);
  });

  it("streams a job's progress and end over server-sent events", async () => {
    const started = await secretariat.request<ImportJob>({
      method: "POST",
      url: "/api/iati/imports?dry_run=true",
      ...multipartFile(xml.replace("800000", "850000")),
    });
    expect(started.status).toBe(202);
    const events = await secretariat.request<string>({
      method: "GET",
      url: `/api/iati/imports/${started.body.id}/events`,
    });
    expect(events.headers["content-type"]).toBe("text/event-stream");
    expect(events.body).toMatch(
      /event: done\ndata: \{"id":"[^"]+","file":"publication.xml","dryRun":true,"status":"succeeded"/,
    );
    const job = await secretariat.request<ImportJob>({
      method: "GET",
      url: `/api/iati/imports/${started.body.id}`,
    });
    const stranger = await officer.request({
      method: "GET",
      url: `/api/iati/imports/${started.body.id}`,
    });
    expect(stranger.status).toBe(404);
    expect(job.body.summary).toMatchObject({
      status: "dry_run",
      flowsRecorded: 1,
      flowsReversed: 1,
    });
  });

  it("lets the secretariat map an activity to an initiative, and its flows follow", async () => {
    const refused = await officer.request({
      method: "PUT",
      url: "/api/iati/links/XM-DAC-99-2",
      payload: { initiative: "GT1" },
    });
    expect(refused.status).toBe(403);
    const mapped = await secretariat.request({
      method: "PUT",
      url: "/api/iati/links/XM-DAC-99-2",
      payload: { initiative: "GT1" },
    });
    expect(mapped.body).toEqual({ relinked: 1, recorded: 1, reversed: 0 });
    const unmapped = await secretariat.request({
      method: "DELETE",
      url: "/api/iati/links/XM-DAC-99-2",
    });
    expect(unmapped.body).toEqual({ relinked: 1, recorded: 0, reversed: 1 });
    const publications = await t.anonymous<{ data: Array<{ linked_count: number }> }>({
      method: "GET",
      url: "/api/iati/publications",
    });
    expect(publications.body.data).toMatchObject([
      { publisher_ref: "XM-DAC-99", activity_count: 2, linked_count: 1 },
    ]);
  });

  it("publishes the IATI activity and organisation files to the public", async () => {
    const activities = await t.anonymous<string>({
      method: "GET",
      url: "/api/iati/activities.xml",
    });
    expect(activities.status).toBe(200);
    expect(activities.headers["content-type"]).toMatch(/^application\/xml/);
    expect(activities.body).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<iati-activities version="2.03"/,
    );
    const organisation = await t.anonymous<string>({
      method: "GET",
      url: "/api/iati/organisation.xml",
    });
    expect(organisation.body).toContain(
      "<organisation-identifier>XI-IATI-ESCA</organisation-identifier>",
    );
  });
});

describe("the upload size cap", () => {
  let t: TestApp;
  beforeAll(async () => {
    process.env.ESCA_UPLOAD_MAX_MB = "0.001";
    t = await createTestApp();
    delete process.env.ESCA_UPLOAD_MAX_MB;
  });
  afterAll(async () => t.close());

  it("refuses a file over ESCA_UPLOAD_MAX_MB with 413, keeping nothing", async () => {
    const response = await t.request<{ error: { message: string } }>({
      method: "POST",
      url: "/api/iati/imports",
      ...multipartFile(xml),
    });
    expect(response.status).toBe(413);
    expect(response.body.error.message).toBe("The file is larger than 0 MB (ESCA_UPLOAD_MAX_MB).");
  });
});
