import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  setUpInitiativeWorld,
  usdPayload,
} from "../../src/modules/initiatives/initiatives.fixtures.ts";
import { createTestApp, type TestApp, type TestSession } from "../support/app.ts";

interface Versioned {
  id: string;
  version: number;
}
interface Refusal {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

/**
 * ETag and If-Match on every kind of versioned record: a record's ETag is its own version,
 * never one of a record nested inside it, and If-Match is checked or refused, never ignored.
 */
describe("ETags and If-Match", () => {
  let t: TestApp;
  let first: TestSession;
  let second: TestSession;
  beforeAll(async () => {
    t = await createTestApp();
    first = await t.signIn({ role: "secretariat", organization: "SICA-DSD", kind: "sica_body" });
    second = await t.signIn({ role: "secretariat", organization: "SICA-DSD", kind: "sica_body" });
    await setUpInitiativeWorld(t);
    // The line of action moves to version 3 while its component stays at version 1.
    for (const en of ["Youth at risk", "Youth and schools"]) {
      const edit = await t.request({
        method: "PATCH",
        url: "/api/lines-of-action/BA",
        payload: { name: { en } },
      });
      expect(edit.status).toBe(200);
    }
  });
  afterAll(async () => t.close());

  const get = (url: string) => t.anonymous<Versioned>({ method: "GET", url });

  it("gives a record the ETag of its own version, not of a record nested in it", async () => {
    const component = await get("/api/components/B");
    const line = await get("/api/lines-of-action/BA");
    expect(component.body.version).toBe(1);
    expect(line.body.version).toBe(3);
    expect(
      (component.body as unknown as { lines_of_action: Versioned[] }).lines_of_action[0]?.version,
    ).toBe(3);
    // The public's answers add the digest of their bytes after the version (public-cache.ts).
    expect(component.headers.etag).toMatch(/^"1\.[\w-]{27}"$/);
    expect(line.headers.etag).toMatch(/^"3\.[\w-]{27}"$/);
    for (const url of ["/api/organizations/IDB", "/api/indicators/homicide_rate"]) {
      const record = await get(url);
      expect(record.headers.etag).toMatch(new RegExp(`^"${record.body.version}\\.`));
      const signedIn = await t.request<Versioned>({ method: "GET", url });
      expect(signedIn.headers.etag).toBe(`"${signedIn.body.version}"`);
    }
    const user = await t.request<Versioned>({ method: "GET", url: `/api/users/${first.userId}` });
    expect(user.headers.etag).toBe(`"${user.body.version}"`);
  });

  it("gives a list no item's version as ETag, however its first item is versioned", async () => {
    for (const url of [
      "/api/components",
      "/api/lines-of-action",
      "/api/organizations",
      "/api/indicators",
    ]) {
      const list = await t.anonymous({ method: "GET", url });
      expect(list.status).toBe(200);
      // The public's answer: the digest of its bytes alone, which If-Match refuses.
      expect(list.headers.etag).toMatch(/^"[\w-]{27}"$/);
      const signedIn = await t.request({ method: "GET", url });
      expect(signedIn.headers.etag).toBeUndefined();
    }
  });

  it("sends the new version's ETag with an update", async () => {
    const loaded = await get("/api/lines-of-action/BA");
    const saved = await t.request<Versioned>({
      method: "PATCH",
      url: "/api/lines-of-action/BA",
      headers: { "if-match": String(loaded.headers.etag) },
      payload: { name: { es: "Juventud y escuelas" } },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(loaded.body.version + 1);
    expect(saved.headers.etag).toBe(`"${saved.body.version}"`);
  });

  it("refuses a stale If-Match taken from a component, keeping another user's two edits", async () => {
    // Component A stays at version 1 while its line of action AC moves to version 3.
    for (const en of ["Criminal investigation units", "Criminal investigation and forensics"]) {
      const edit = await t.request({
        method: "PATCH",
        url: "/api/lines-of-action/AC",
        payload: { name: { en } },
      });
      expect(edit.status).toBe(200);
    }
    const loadedByFirst = await first.request<Versioned>({
      method: "GET",
      url: "/api/components/A",
    });
    expect(loadedByFirst.headers.etag).toBe('"1"');
    for (const es of ["Combate al delito organizado", "Combate contra el delito"]) {
      const edit = await second.request({
        method: "PATCH",
        url: "/api/components/A",
        payload: { name: { es } },
      });
      expect(edit.status).toBe(200);
    }
    const stale = await first.request<
      Refusal & { error: { context: { current_version: number } } }
    >({
      method: "PATCH",
      url: "/api/components/A",
      headers: { "if-match": String(loadedByFirst.headers.etag) },
      payload: { name: { es: "Combate al delito" } },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict");
    expect(stale.body.error.context.current_version).toBe(3);
    const now = await get("/api/components/A");
    expect((now.body as unknown as { name: { es: string } }).name.es).toBe(
      "Combate contra el delito",
    );
    expect(now.body.version).toBe(3);
  });

  it("refuses If-Match and a body version that disagree, changing nothing", async () => {
    const before = await get("/api/organizations/IDB");
    for (const [ifMatch, version] of [
      [`"${before.body.version}"`, before.body.version + 1],
      [`"${before.body.version + 1}"`, before.body.version],
    ] as const) {
      const refused = await t.request<Refusal>({
        method: "PATCH",
        url: "/api/organizations/IDB",
        headers: { "if-match": ifMatch },
        payload: { version, acronym: "BID" },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe("validation_failed");
      expect(refused.body.error.message).toContain("If-Match");
      expect(refused.body.error.details.map((d) => d.path)).toEqual(["header.if-match", "version"]);
    }
    const after = await get("/api/organizations/IDB");
    expect(after.body).toEqual(before.body);
  });

  it("leaves a body version that is not a number for the schema to refuse", async () => {
    const before = await get("/api/organizations/IDB");
    for (const version of [String(before.body.version), null, [before.body.version]]) {
      const refused = await t.request<Refusal>({
        method: "PATCH",
        url: "/api/organizations/IDB",
        headers: { "if-match": `"${before.body.version}"` },
        payload: { version, acronym: "BID" },
      });
      expect(refused.status, JSON.stringify(version)).toBe(400);
      expect(refused.body.error.details.map((d) => d.path)).toEqual(["version"]);
    }
    expect((await get("/api/organizations/IDB")).body).toEqual(before.body);
  });

  it("takes If-Match and the same body version together", async () => {
    const before = await get("/api/indicators/homicide_rate");
    const saved = await t.request<Versioned>({
      method: "PATCH",
      url: "/api/indicators/homicide_rate",
      headers: { "if-match": `"${before.body.version}"` },
      payload: { version: before.body.version, unit: "per 100,000 inhabitants" },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(before.body.version + 1);
  });

  it("refuses a malformed If-Match with what is wrong, changing nothing", async () => {
    const before = await get("/api/organizations/IDB");
    for (const ifMatch of [
      "abc",
      '"abc"',
      '""',
      '"0"',
      '"-1"',
      '"1.5"',
      '"99999999999"',
      `W/"${before.body.version}"`,
      `"${before.body.version}", "${before.body.version + 1}"`,
      `"${before.body.version}`.padEnd(300, "9"),
    ]) {
      const refused = await t.request<Refusal>({
        method: "PATCH",
        url: "/api/organizations/IDB",
        headers: { "if-match": ifMatch },
        payload: { acronym: "BID" },
      });
      expect(refused.status, ifMatch).toBe(400);
      expect(refused.body.error.code).toBe("validation_failed");
      expect(refused.body.error.message).toMatch(/^If-Match /);
      expect(refused.body.error.details[0]?.path).toBe("header.if-match");
    }
    expect((await get("/api/organizations/IDB")).body).toEqual(before.body);
  });

  it("takes If-Match: * as 'whatever the current version' and still needs the record", async () => {
    const before = await get("/api/organizations/IDB");
    const saved = await t.request<Versioned & { acronym: string }>({
      method: "PATCH",
      url: "/api/organizations/IDB",
      headers: { "if-match": "*" },
      payload: { acronym: "BID" },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.acronym).toBe("BID");
    expect(saved.body.version).toBe(before.body.version + 1);
    const missing = await t.request<Refusal>({
      method: "PATCH",
      url: "/api/organizations/NOPE",
      headers: { "if-match": "*" },
      payload: { acronym: "X" },
    });
    expect(missing.status).toBe(404);
  });

  it("checks If-Match on an initiative's update, transitions and publication", async () => {
    const created = await t.request<Versioned>({
      method: "POST",
      url: "/api/initiatives",
      payload: usdPayload("BB9"),
    });
    expect(created.status).toBe(201);
    const loaded = await t.request<Versioned>({ method: "GET", url: "/api/initiatives/BB9" });
    expect(loaded.headers.etag).toBe('"1"');
    const edited = await t.request<Versioned>({
      method: "PATCH",
      url: "/api/initiatives/BB9",
      headers: { "if-match": '"1"' },
      payload: { title: { en: "Initiative BB9, revised" } },
    });
    expect(edited.status).toBe(200);
    expect(edited.headers.etag).toBe('"2"');
    for (const [url, payload] of [
      ["/api/initiatives/BB9", { title: { en: "Lost" } }],
      ["/api/initiatives/BB9/transitions", { to: "submitted" }],
      ["/api/initiatives/BB9/publication", { published: false }],
    ] as const) {
      const stale = await t.request<Refusal>({
        method: url.endsWith("BB9") ? "PATCH" : "POST",
        url,
        headers: { "if-match": '"1"' },
        payload,
      });
      expect(stale.status, url).toBe(409);
      expect(stale.body.error.code, url).toBe("conflict");
    }
    const submitted = await t.request<{ initiative: Versioned }>({
      method: "POST",
      url: "/api/initiatives/BB9/transitions",
      headers: { "if-match": '"2"' },
      payload: { to: "submitted" },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.initiative.version).toBe(3);
  });

  it("refuses If-Match on a write whose records have no version, rather than ignoring it", async () => {
    const refused = await t.request<Refusal>({
      method: "POST",
      url: "/api/organizations",
      headers: { "if-match": '"1"' },
      payload: { code: "WB", kind: "international_org", name: { es: "BM", en: "WB" } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("has no version");
    expect(refused.body.error.details[0]?.path).toBe("header.if-match");
    expect((await t.anonymous({ method: "GET", url: "/api/organizations/WB" })).status).toBe(404);
  });

  it("ignores If-Match on reads", async () => {
    const read = await t.anonymous({
      method: "GET",
      url: "/api/organizations/IDB",
      headers: { "if-match": "nonsense" },
    });
    expect(read.status).toBe(200);
  });
});
