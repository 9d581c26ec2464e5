import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { testBackend } from "../../../test/support/database.ts";
import type { PracticeDetail } from "../../contracts/practices.ts";
import { setUpInitiativeWorld } from "../initiatives/initiatives.fixtures.ts";

type ErrorBody = { error: { code: string; details: { path: string; message: string }[] } };

const entry = (overrides: Record<string, unknown> = {}) => ({
  slug: "cicad-mem",
  title: "The Multilateral Evaluation Mechanism",
  summary: "Peer review of drug policies.",
  body: "## How\n\nRounds of **peer review**. See [MEM](https://www.oas.org/).",
  language: "en",
  source: { kind: "mechanism", name: "CICAD", citation: "CICAD, MEM", url: "https://www.oas.org/" },
  countries: ["GT"],
  components: ["A"],
  documents: [{ title: "MEM", url: "https://www.oas.org/mem" }],
  ...overrides,
});

describe(`good practices (${testBackend})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await setUpInitiativeWorld(t);
  }, 60_000);
  afterAll(async () => t.close());

  it("is written as a draft the public cannot see, then published", async () => {
    const created = await t.request<PracticeDetail>({
      method: "POST",
      url: "/api/practices",
      payload: entry(),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      status: "draft",
      published_at: null,
      components: ["A"],
      countries: ["GT"],
      documents: [{ title: "MEM", url: "https://www.oas.org/mem" }],
    });
    expect(created.body.body_html).toContain("<strong>peer review</strong>");
    const hidden = await t.anonymous({ method: "GET", url: "/api/practices/cicad-mem" });
    expect(hidden.status).toBe(404);
    const listed = await t.anonymous<{ data: unknown[] }>({ method: "GET", url: "/api/practices" });
    expect(listed.body.data).toEqual([]);

    const published = await t.request<PracticeDetail>({
      method: "PUT",
      url: "/api/practices/cicad-mem/status",
      payload: { status: "published", version: created.body.version },
    });
    expect(published.status).toBe(200);
    expect(published.body.published_at).not.toBeNull();
    const seen = await t.anonymous<PracticeDetail>({
      method: "GET",
      url: "/api/practices/cicad-mem",
    });
    expect(seen.status).toBe(200);
    expect(seen.body.title).toBe("The Multilateral Evaluation Mechanism");
    const byComponent = await t.anonymous<{ data: { slug: string }[] }>({
      method: "GET",
      url: "/api/practices?component=B",
    });
    expect(byComponent.body.data).toEqual([]);
  });

  it("refuses bad input field by field and writes nothing", async () => {
    const refused = await t.request<ErrorBody>({
      method: "POST",
      url: "/api/practices",
      payload: entry({
        slug: "bad-one",
        components: ["A", "Z"],
        initiatives: ["NOPE1"],
        body: "ok\n\n[click](javascript:alert(1))",
      }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((d) => d.path).sort()).toEqual([
      "body",
      "components.1",
      "initiatives.0",
    ]);
    expect(refused.body.error.details.find((d) => d.path === "body")?.message).toContain("line 3");
    const after = await t.request({ method: "GET", url: "/api/practices/bad-one" });
    expect(after.status).toBe(404);
  });

  it("refuses a stale edit, and deletes drafts only", async () => {
    const created = await t.request<PracticeDetail>({
      method: "POST",
      url: "/api/practices",
      payload: entry({ slug: "to-edit" }),
    });
    const edit = (version: number) =>
      t.request<PracticeDetail>({
        method: "PUT",
        url: "/api/practices/to-edit",
        payload: entry({ slug: "to-edit", title: `Edited at ${version}`, version }),
      });
    expect((await edit(created.body.version)).status).toBe(200);
    expect((await edit(created.body.version)).status).toBe(409);
    const deleted = await t.request({ method: "DELETE", url: "/api/practices/to-edit" });
    expect(deleted.status).toBe(200);
    expect((await t.request({ method: "DELETE", url: "/api/practices/cicad-mem" })).status).toBe(
      409,
    );
  });

  it("keeps its script and event handlers as text in the published answer", async () => {
    const created = await t.request<PracticeDetail>({
      method: "POST",
      url: "/api/practices",
      payload: entry({
        slug: "hostile",
        body: 'Hello <script>window.owned = 1</script> <img src=x onerror="window.owned = 2">',
      }),
    });
    expect(created.status).toBe(201);
    expect(created.body.body_html).not.toMatch(/<script|<img/);
  });
});
