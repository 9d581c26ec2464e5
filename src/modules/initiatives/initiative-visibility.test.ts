import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestSession } from "../../../test/support/app.ts";
import { setUpInitiativeWorld, usdPayload } from "./initiatives.fixtures.ts";
import type { Initiative, Transition } from "./initiatives.schema.ts";

type Body = { error?: { code: string; message: string; details?: unknown } } & Record<
  string,
  unknown
>;

/**
 * A record the caller may not read is answered exactly as one that does not exist, on every
 * read and write route of initiatives and for every kind of caller; and "public" means
 * published: a draft (also one returned for changes) is never public, and the public history
 * names organizations and roles, never a person.
 */
describe("initiative visibility", () => {
  let t: TestApp;
  let callers: Record<string, TestSession | undefined>;
  let hnDraft: Initiative;
  beforeAll(async () => {
    t = await createTestApp();
    await setUpInitiativeWorld(t);
    callers = {
      anonymous: undefined,
      "focal point of Guatemala": await t.signIn({ role: "focal_point", organization: "GT" }),
      "partner (IDB)": await t.signIn({ role: "partner", organization: "IDB-P" }),
    };
    hnDraft = (
      await t.request<Initiative>({
        method: "POST",
        url: "/api/initiatives",
        payload: usdPayload("HD1"),
      })
    ).body;
  });
  afterAll(async () => t.close());

  const send = (who: string, request: InjectOptions) => {
    const session = callers[who];
    return session ? session.request<Body>(request) : t.anonymous<Body>(request);
  };

  /** Every initiative route that takes an id, with a request for that id. */
  const routes: Record<string, (ref: string, version: number) => InjectOptions> = {
    "GET /initiatives/:id": (ref) => ({ method: "GET", url: `/api/initiatives/${ref}` }),
    "GET /initiatives/:id/transitions": (ref) => ({
      method: "GET",
      url: `/api/initiatives/${ref}/transitions`,
    }),
    "PATCH /initiatives/:id": (ref, version) => ({
      method: "PATCH",
      url: `/api/initiatives/${ref}`,
      payload: { source: "probe", version },
    }),
    "POST /initiatives/:id/transitions (submit)": (ref, version) => ({
      method: "POST",
      url: `/api/initiatives/${ref}/transitions`,
      payload: { to: "submitted", version },
    }),
    "POST /initiatives/:id/transitions (cancel)": (ref) => ({
      method: "POST",
      url: `/api/initiatives/${ref}/transitions`,
      payload: { to: "cancelled", reason: "probe" },
    }),
    "POST /initiatives/:id/publication": (ref) => ({
      method: "POST",
      url: `/api/initiatives/${ref}/publication`,
      payload: { published: true },
    }),
  };

  it("answers another country's draft exactly as a missing one, by code and by id, for every caller", async () => {
    const missing = { code: "HD9", id: "0190f5d4-0000-7000-8000-000000000000" };
    const differences: string[] = [];
    for (const who of Object.keys(callers)) {
      for (const [name, request] of Object.entries(routes)) {
        for (const by of ["code", "id"] as const) {
          const hidden = await send(who, request(hnDraft[by], 1));
          const absent = await send(who, request(missing[by], 1));
          const same = (body: Body, ref: string) =>
            JSON.stringify(body).replaceAll(ref, "<ref>").replaceAll(ref.toUpperCase(), "<ref>");
          if (
            hidden.status !== absent.status ||
            same(hidden.body, hnDraft[by]) !== same(absent.body, missing[by])
          )
            differences.push(
              `${name} as ${who} by ${by}: ${hidden.status} ${JSON.stringify(hidden.body)} vs ${absent.status} ${JSON.stringify(absent.body)}`,
            );
        }
      }
    }
    expect(differences).toEqual([]);
    // The focal point, who may write to initiatives, gets 404 rather than 403.
    const focal = callers["focal point of Guatemala"];
    const patch = await focal?.request<Body>(routes["PATCH /initiatives/:id"]?.("HD1", 1) ?? {});
    expect(patch?.status).toBe(404);
    expect(patch?.body.error?.code).toBe("not_found");
    // Nothing was written by any of the probes.
    const after = await t.request<Initiative>({ method: "GET", url: "/api/initiatives/HD1" });
    expect(after.body).toMatchObject({ status: "draft", version: 1, source: null });
  });

  it("lists another country's draft to no one but its country and staff", async () => {
    for (const who of Object.keys(callers)) {
      const list = await send(who, { method: "GET", url: "/api/initiatives?status=draft" });
      expect(JSON.stringify(list.body), who).not.toContain("HD1");
    }
    const own = await t.signIn({ role: "focal_point", organization: "HN" });
    const list = await own.request<{ data: Initiative[] }>({
      method: "GET",
      url: "/api/initiatives?status=draft",
    });
    expect(list.body.data.map((i) => i.code)).toContain("HD1");
  });

  it("withdraws an initiative returned for changes from the public, and names no person in public history", async () => {
    const hn = await t.signIn({ role: "focal_point", organization: "HN" });
    const secretariat = await t.signIn({
      role: "secretariat",
      organization: "SICA-DSD",
      kind: "sica_body",
    });
    await t.request({ method: "POST", url: "/api/initiatives", payload: usdPayload("HR1") });
    const step = (to: string, as: TestSession, reason?: string) =>
      as.request<Body>({
        method: "POST",
        url: "/api/initiatives/HR1/transitions",
        payload: { to, ...(reason && { reason }) },
      });
    expect((await step("submitted", hn)).status).toBe(201);
    const published = await secretariat.request<Initiative>({
      method: "POST",
      url: "/api/initiatives/HR1/publication",
      payload: { published: true },
    });
    expect(published.body.published_at).not.toBeNull();

    const publicHistory = await t.anonymous<{ data: Transition[] }>({
      method: "GET",
      url: "/api/initiatives/HR1/transitions",
    });
    expect(publicHistory.status).toBe(200);
    expect(JSON.stringify(publicHistory.body)).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
    expect(publicHistory.body.data.at(-1)).toMatchObject({
      to: "submitted",
      actor: null,
      actor_kind: "user",
      actor_organization: { code: "HN" },
      actor_role: "focal_point",
    });
    // The initiative's own country and the secretariat still see who it was.
    for (const reader of [hn, secretariat]) {
      const own = await reader.request<{ data: Transition[] }>({
        method: "GET",
        url: "/api/initiatives/HR1/transitions",
      });
      expect(own.body.data.at(-1)?.actor).toBe(hn.email);
    }

    const returned = await step("draft", secretariat, "Add a results framework");
    expect(returned.status).toBe(201);
    expect((returned.body.initiative as Initiative).published_at).toBeNull();
    for (const who of Object.keys(callers)) {
      for (const url of ["/api/initiatives?status=draft", "/api/initiatives?q=HR1"]) {
        const answer = await send(who, { method: "GET", url });
        expect(JSON.stringify(answer.body), `${url} as ${who}`).not.toContain("HR1");
      }
      for (const url of ["/api/initiatives/HR1", "/api/initiatives/HR1/transitions"]) {
        expect((await send(who, { method: "GET", url })).status, `${url} as ${who}`).toBe(404);
      }
    }
    // The database itself keeps a draft unpublished.
    await expect(
      t.handle.db
        .updateTable("initiatives")
        .set({ published_at: new Date() })
        .where("code", "=", "HR1")
        .execute(),
    ).rejects.toThrow(/initiatives_draft_unpublished/);
  });
});
