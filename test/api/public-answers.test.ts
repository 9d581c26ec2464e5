import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/modules/demo/index.ts";
import { createTestApp, type TestApp, type TestSession } from "../support/app.ts";

type OpenApi = { paths: Record<string, { get?: unknown }> };
type Listed = { data?: Array<Record<string, unknown>> };

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

/**
 * Public means published. With the demo data, an initiative the secretariat returned for
 * changes (AF1), a country's fresh draft and a pledge a partner's officer recorded, every GET the API offers (read from the served
 * OpenAPI description, so routes added later are walked too) and every call the public web
 * pages make is sent as anonymous; no answer may hold a draft, or an e-mail address.
 */
describe("what the public sees", () => {
  let t: TestApp;
  let drafts: Array<{ id: string; code: string }>;
  let pledgeId: string;
  let idbOfficer: TestSession;
  /** Support requests the public may not see: unacknowledged, and on a draft. */
  let hiddenRequests: string[];
  /** A good practice the secretariat has not published: its id and slug. */
  let draftPractice: { id: string; slug: string };
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo({ db: t.handle.db, force: true });
    const secretariat = await t.signIn({
      role: "secretariat",
      organization: "SICA-DSD",
      kind: "sica_body",
    });
    const returned = await secretariat.request({
      method: "POST",
      url: "/api/initiatives/AF1/transitions",
      payload: { to: "draft", reason: "Add a results framework" },
    });
    expect(returned.status).toBe(201);
    const focal = await t.signIn({ role: "focal_point", organization: "GT" });
    const fresh = await focal.request({
      method: "POST",
      url: "/api/initiatives",
      payload: {
        code: "GTX1",
        title: { en: "A Guatemalan working draft" },
        component: "A",
        lead_country: "GT",
        budget: { amount: "1000.00", currency: "USD" },
      },
    });
    expect(fresh.status).toBe(201);
    // Guatemala asks CICAD twice: one request not yet acknowledged (on a published
    // initiative), one acknowledged but on the fresh draft. Neither is public.
    const ask = (initiative: string) =>
      focal.request<{ id: string }>({
        method: "POST",
        url: "/api/support-requests",
        payload: { initiative, body: "CICAD", what: "Training", why: "Needed", paragraph: 8 },
      });
    const unanswered = await ask("AD1");
    const onDraft = await ask("GTX1");
    expect([unanswered.status, onDraft.status]).toEqual([201, 201]);
    const cicad = await t.signIn({ role: "body_officer", organization: "CICAD" });
    const acknowledged = await cicad.request({
      method: "POST",
      url: `/api/support-requests/${onDraft.body.id}/steps`,
      payload: { action: "acknowledge" },
    });
    expect(acknowledged.status).toBe(201);
    hiddenRequests = [unanswered.body.id, onDraft.body.id];
    // A practice still in draft, with a word no published record holds.
    const practice = await secretariat.request<{ id: string; slug: string }>({
      method: "POST",
      url: "/api/practices",
      payload: {
        slug: "draft-practice-zarzamora",
        title: "Observatorio en borrador",
        summary: "Prevención comunitaria, aún sin publicar.",
        body: "La palabra zarzamora solo está aquí.",
        language: "es",
        source: { kind: "state", name: "Guatemala", citation: "Borrador interno" },
        countries: ["GT"],
      },
    });
    expect(practice.status, JSON.stringify(practice.body)).toBe(201);
    draftPractice = { id: practice.body.id, slug: practice.body.slug };
    // A partner's officer records a pledge: the public sees the organization, not the person.
    const idb = await t.signIn({ role: "partner", organization: "IDB" });
    idbOfficer = idb;
    const ids = async (url: string) =>
      ((await t.request<{ id: string }>({ method: "GET", url })).body as { id: string }).id;
    const pledge = await idb.request<{ id: string }>({
      method: "POST",
      url: "/api/flows",
      payload: {
        flow_type: "pledge",
        support_kind: "financial",
        partner_id: await ids("/api/organizations/IDB"),
        initiative_id: await ids("/api/initiatives/AA1"),
        value: { amount: "1000.00", currency: "USD" },
        value_date: "2012-03-01",
      },
    });
    expect(pledge.status, JSON.stringify(pledge.body)).toBe(201);
    pledgeId = pledge.body.id;
    const all = await t.request<{ data: Array<{ id: string; code: string }> }>({
      method: "GET",
      url: "/api/initiatives?status=draft&limit=500",
    });
    drafts = all.body.data.map(({ id, code }) => ({ id, code }));
  }, 300_000);
  afterAll(async () => t.close());

  const get = (url: string) => t.anonymous<unknown>({ method: "GET", url });

  /** The values a path parameter takes: every id and code of the collection above it. */
  async function expand(path: string): Promise<string[]> {
    const match = /^(.*?)\/\{([^}]+)\}/.exec(path);
    if (!match) return [path];
    const [, collection = "", param = ""] = match;
    const refs = new Set<string>();
    if (collection === "/api/audit") {
      for (const d of drafts) refs.add(`initiatives/${d.id}`);
      // A published initiative's history is public: organizations and roles, no person.
      refs.add("initiatives/AA1");
    } else {
      const list = (await get(`${collection}?limit=500`)).body as Listed;
      for (const row of list.data ?? []) {
        if (param === "currency" && typeof row.currency === "string")
          refs.add(`${row.currency}/${row.date}`);
        for (const key of ["id", "code"]) if (typeof row[key] === "string") refs.add(row[key]);
      }
      // The records hidden from the public are asked for too: they must not be found.
      if (collection === "/api/initiatives") for (const d of drafts) refs.add(d.id).add(d.code);
      if (collection === "/api/support-requests") for (const id of hiddenRequests) refs.add(id);
      if (collection === "/api/practices") refs.add(draftPractice.id).add(draftPractice.slug);
    }
    const rest = path.slice(match[0].length).replace(/\/\{[^}]+\}/g, "");
    return [...refs].map(
      (ref) => `${collection}/${encodeURIComponent(ref).replace("%2F", "/")}${rest}`,
    );
  }

  /** An answer as text: JSON, CSV and XML as they are, a workbook's cells row by row. */
  async function answer(url: string): Promise<{ status: number; text: string }> {
    const response = await t.app.inject({ method: "GET", url });
    const type = String(response.headers["content-type"] ?? "");
    if (response.statusCode === 200 && type.includes("spreadsheetml")) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const cells: string[] = [];
      book.eachSheet((sheet) =>
        sheet.eachRow((row) => {
          cells.push(JSON.stringify(row.values));
        }),
      );
      return { status: response.statusCode, text: cells.join("\n") };
    }
    return { status: response.statusCode, text: response.body };
  }

  function problemsIn(url: string, body: string): string[] {
    const problems: string[] = [];
    const email = EMAIL.exec(body);
    if (email) problems.push(`${url}: e-mail address ${email[0]}`);
    if (/"status":\s*"draft"/.test(body)) problems.push(`${url}: a record with status draft`);
    if (/"status":\s*"submitted"/.test(body) && url.includes("support-requests"))
      problems.push(`${url}: an unacknowledged support request`);
    for (const id of hiddenRequests)
      if (body.includes(id)) problems.push(`${url}: hidden support request ${id}`);
    if (body.includes(draftPractice.id) || body.includes(draftPractice.slug))
      problems.push(`${url}: draft practice ${draftPractice.slug}`);
    for (const draft of drafts) {
      if (body.includes(draft.id) || new RegExp(`\\b${draft.code}\\b`).test(body))
        problems.push(`${url}: draft ${draft.code}`);
    }
    return problems;
  }

  it("finds no draft and no e-mail address in any public answer", async () => {
    expect(drafts.map((d) => d.code)).toEqual(expect.arrayContaining(["AF1", "GTX1"]));
    const spec = (await get("/api/openapi.json")).body as OpenApi;
    const paths = Object.entries(spec.paths)
      .filter(([, operations]) => operations.get)
      .map(([path]) => path);
    expect(paths.length).toBeGreaterThan(30);
    const af1 = drafts.find((d) => d.code === "AF1")?.id ?? "";
    // The calls the public pages make, with the queries they send.
    const pageCalls = [
      ...["component", "country", "partner", "year", "initiative", "country,year"].map(
        (by) => `/api/funding/summary?by=${by}`,
      ),
      "/api/initiatives?limit=500&sort=code",
      "/api/initiatives?status=draft",
      "/api/initiatives?country=GT&limit=500",
      "/api/initiatives?q=AF1",
      "/api/flows?limit=500&sort=value_date",
      `/api/flows?limit=500&sort=value_date&initiative_id=${af1}`,
      "/api/organizations?limit=500",
      "/api/components?limit=50",
      "/api/indicators/homicide_rate/observations?limit=500&sort=year",
      "/api/conferences",
      "/api/reconciliation",
      "/api/iati/publications",
      "/api/iati/activities",
      "/api/practices?limit=200",
      "/api/search?q=prevencion&lang=es",
      "/api/search?q=zarzamora",
      "/api/search?q=borrador&kind=practice",
      // AF1 (returned to draft) is about trafficking in persons: the search must not find it.
      "/api/search?q=trafficking%20persons",
    ];
    const problems: string[] = [];
    const answered: string[] = [];
    const urls = [...pageCalls];
    for (const path of paths) {
      if (path === "/api/docs" || path.endsWith("/events")) continue;
      urls.push(...(await expand(path)));
    }
    for (const url of urls) {
      const response = await answer(url);
      if (response.status >= 500) problems.push(`${url}: ${response.status}`);
      if (response.status !== 200) continue;
      answered.push(url);
      problems.push(...problemsIn(url, response.text));
    }
    expect(problems).toEqual([]);
    // The walk did reach the public records, history and downloads.
    const reached = [
      "/api/initiatives/AA1",
      "/api/initiatives/AA1/transitions",
      "/api/audit/initiatives/AA1",
      "/api/indicators/homicide_rate/observations?limit=500&sort=year",
      "/api/iati/activities.xml",
      "/api/reconciliation.csv",
      "/api/oas-bodies/CICAD",
      "/api/support-requests",
      "/api/practices?limit=200",
      "/api/search?q=prevencion&lang=es",
    ];
    expect(reached.filter((url) => !answered.includes(url))).toEqual([]);
    // The demo's published practices were read one by one; the draft one was not found.
    expect(answered.filter((url) => /^\/api\/practices\/[0-9a-f-]{36}$/.test(url)).length).toBe(10);
  }, 600_000);

  it("names who recorded an entry by organization to the public, and by e-mail to its partner", async () => {
    const url = `/api/flows/${pledgeId}`;
    const seen = async (as?: TestSession) =>
      (
        (as ? await as.request({ method: "GET", url }) : await get(url)).body as {
          recorded_by: string;
        }
      ).recorded_by;
    expect(await seen()).toBe("IDB");
    expect(await seen(idbOfficer)).toBe(idbOfficer.email);
    expect(await seen(await t.signIn({ role: "partner", organization: "EU" }))).toBe("IDB");
  });
});
