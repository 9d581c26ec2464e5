import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorResponseSchema } from "../../src/contracts/common.ts";
import { createTestApp, type TestApp } from "../support/app.ts";

/**
 * Requests the write fuzz (test/api/fuzz-writes-*.test.ts) found answered outside the one
 * error shape: an upload cut in the middle (500), a path value over the router's length limit
 * or with a malformed %-escape (Fastify's own body). Each is refused as the client's fault.
 */
const boundary = "----esca-upload-boundary";
const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="portfolio.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`;
const multipartType = { "content-type": `multipart/form-data; boundary=${boundary}` };

const uploads: Record<string, { payload: string | Buffer; headers: Record<string, string> }> = {
  "cut before its closing boundary": {
    payload: Buffer.concat([Buffer.from(head), Buffer.from("PK\u0003\u0004 half a zip")]),
    headers: multipartType,
  },
  "a part header never ended": {
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"`,
    headers: multipartType,
  },
  "no boundary in its content type": {
    payload: `${head}x\r\n--${boundary}--\r\n`,
    headers: { "content-type": "multipart/form-data" },
  },
  "bytes that are no multipart at all": {
    payload: Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x0d, 0x0a]),
    headers: multipartType,
  },
};

describe("uploads that are not whole multipart bodies", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  for (const url of [
    "/api/spreadsheets/preview",
    `/api/spreadsheets/apply?plan_hash=${"0".repeat(64)}`,
    "/api/iati/imports?dry_run=true&wait=true",
  ]) {
    for (const [name, upload] of Object.entries(uploads)) {
      it(`${url.split("?")[0]}: ${name} is refused with a 4xx in the error shape`, async () => {
        const response = await t.request({ method: "POST", url, ...upload });
        expect(response.status, JSON.stringify(response.body)).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(errorResponseSchema.safeParse(response.body).success).toBe(true);
      });
    }
  }
});

describe("paths the router refuses before any route", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("refuses a path value over 100 characters with 414 in the error shape", async () => {
    const response = await t.request<{ error: { code: string; message: string } }>({
      method: "PUT",
      url: `/api/conferences/${crypto.randomUUID()}/sessions/${"%C3%A9".repeat(101)}`,
      payload: {},
    });
    expect(response.status).toBe(414);
    expect(errorResponseSchema.safeParse(response.body).success).toBe(true);
    expect(response.body.error.code).toBe("uri_too_long");
    expect(response.body.error.message).toContain("100 characters");
    expect(response.headers["x-request-id"]).toBeTruthy();
  });

  it("refuses a malformed %-escape in the path with 400 in the error shape", async () => {
    const response = await t.request<{ error: { code: string } }>({
      method: "DELETE",
      url: "/api/tokens/%E0%A4%A",
    });
    expect(response.status).toBe(400);
    expect(errorResponseSchema.safeParse(response.body).success).toBe(true);
    expect(response.body.error.code).toBe("validation_failed");
  });
});

describe("a report's as_of that is no date at all", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("refuses month 69 naming the field, where it answered 500", async () => {
    const response = await t.request<{ error: { code: string; details: { path: string }[] } }>({
      method: "POST",
      url: "/api/report-jobs",
      payload: { language: "en", format: "pdf", as_of: "0422-69-72" },
    });
    expect(response.status).toBe(400);
    expect(errorResponseSchema.safeParse(response.body).success).toBe(true);
    expect(response.body.error.details.map((d) => d.path)).toEqual(["as_of"]);
  });
});
