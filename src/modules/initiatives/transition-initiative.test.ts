import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestSession } from "../../../test/support/app.ts";
import {
  countInitiativeRows,
  type ErrorBody,
  type InitiativeWorld,
  insertCommitment,
  setUpInitiativeWorld,
  usdPayload,
} from "./initiatives.fixtures.ts";
import type { Initiative, Transition } from "./initiatives.schema.ts";

type Moved = { initiative: Initiative; transition: Transition };

describe("initiative lifecycle API", () => {
  let t: TestApp;
  let w: InitiativeWorld;
  // The lead country's focal point submits; the secretariat takes every other step (and the
  // one who submits may not endorse).
  let focal: TestSession;
  let secretariat: TestSession;
  beforeAll(async () => {
    t = await createTestApp();
    w = await setUpInitiativeWorld(t);
    focal = await t.signIn({ role: "focal_point", organization: "HN" });
    secretariat = await t.signIn({
      role: "secretariat",
      organization: "SICA-DSD",
      kind: "sica_body",
    });
  });
  afterAll(async () => t.close());

  const create = async (code: string) => {
    const response = await t.request<Initiative>({
      method: "POST",
      url: "/api/initiatives",
      payload: usdPayload(code),
    });
    expect(response.status).toBe(201);
    return response.body;
  };
  const move = (
    code: string,
    payload: { to: string } & Record<string, unknown>,
    as?: TestSession,
  ) =>
    (as ?? (payload.to === "submitted" ? focal : secretariat)).request<Moved & ErrorBody>({
      method: "POST",
      url: `/api/initiatives/${code}/transitions`,
      payload,
    });
  const walk = async (code: string, steps: string[]) => {
    for (const to of steps) expect((await move(code, { to })).status, to).toBe(201);
  };
  const history = async (code: string) =>
    (
      await t.request<{ data: Transition[] }>({
        method: "GET",
        url: `/api/initiatives/${code}/transitions`,
      })
    ).body.data;

  it("walks the whole lifecycle and records every step with who and why", async () => {
    await create("BA1");
    expect((await move("BA1", { to: "submitted" })).body.initiative).toMatchObject({
      status: "submitted",
      version: 2,
    });
    expect((await move("BA1", { to: "draft", reason: "Add a results framework" })).status).toBe(
      201,
    );
    await walk("BA1", ["submitted", "endorsed", "seeking_funding"]);
    const started = await move("BA1", {
      to: "in_execution",
      funding_override_reason: "Bridge funds approved by the Commission",
    });
    expect(started.status).toBe(201);
    expect(started.body.transition).toMatchObject({
      from: "seeking_funding",
      to: "in_execution",
      funding_override_reason: "Bridge funds approved by the Commission",
    });
    await walk("BA1", ["completed"]);
    const steps = await history("BA1");
    expect(steps.map((s) => `${s.from}→${s.to}`)).toEqual([
      "null→draft",
      "draft→submitted",
      "submitted→draft",
      "draft→submitted",
      "submitted→endorsed",
      "endorsed→seeking_funding",
      "seeking_funding→in_execution",
      "in_execution→completed",
    ]);
    expect(steps[1]?.actor).toBe(focal.email);
    expect(steps[2]).toMatchObject({ actor: secretariat.email, reason: "Add a results framework" });
    expect(steps.map((s) => s.at).every((at) => !Number.isNaN(Date.parse(at)))).toBe(true);
    expect(
      (await t.request<Initiative>({ method: "GET", url: "/api/initiatives/BA1" })).body.status,
    ).toBe("completed");
  });

  it("refuses a skipped step with 409, naming from, to and the allowed steps, and writes nothing", async () => {
    await create("BB1");
    const before = await countInitiativeRows(t.handle.db);
    const skipped = await move("BB1", { to: "endorsed" });
    expect(skipped.status).toBe(409);
    expect(skipped.body.error.code).toBe("invalid_transition");
    expect(skipped.body.error.message).toContain("from draft to endorsed");
    expect(skipped.body.error.message).toContain("submitted, cancelled");
    const noReason = await move("BB1", { to: "cancelled" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.map((d) => d.path)).toEqual(["reason"]);
    const badStatus = await move("BB1", { to: "paused" });
    expect(badStatus.status).toBe(400);
    const stale = await move("BB1", { to: "submitted", version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict");
    expect(await countInitiativeRows(t.handle.db)).toEqual(before);
    expect((await move("ZZ9", { to: "submitted" })).status).toBe(404);
  });

  it("lets a focal point submit only their own country's drafts, and never endorse", async () => {
    await create("BF1");
    const other = await t.signIn({ role: "focal_point", organization: "GT" });
    // Another country's draft is not theirs to see: it is not found, as a missing one.
    const foreign = await move("BF1", { to: "submitted" }, other);
    expect(foreign.status).toBe(404);
    expect((await move("BF1", { to: "submitted" })).status).toBe(201);
    // Once published it is public, and the refusal says why.
    await secretariat.request({
      method: "POST",
      url: "/api/initiatives/BF1/publication",
      payload: { published: true },
    });
    const published = await move("BF1", { to: "cancelled", reason: "Not ours" }, other);
    expect(published.status).toBe(403);
    expect(published.body.error.message).toBe(
      "You may act only on your own country's initiatives.",
    );
    const selfEndorse = await move("BF1", { to: "endorsed" }, focal);
    expect(selfEndorse.status).toBe(403);
    expect(selfEndorse.body.error.code).toBe("forbidden");
  });

  it("does not let the submitter endorse their own submission", async () => {
    await create("AC1");
    expect((await move("AC1", { to: "submitted" }, secretariat)).status).toBe(201);
    const own = await move("AC1", { to: "endorsed" }, secretariat);
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe("Whoever submitted an initiative cannot also endorse it.");
    const admin = await t.request<Moved>({
      method: "POST",
      url: "/api/initiatives/AC1/transitions",
      payload: { to: "endorsed" },
    });
    expect(admin.status).toBe(201);
  });

  it("rejects with a reason, after which nothing moves", async () => {
    await create("BC1");
    await walk("BC1", ["submitted"]);
    expect((await move("BC1", { to: "rejected" })).status).toBe(400);
    expect((await move("BC1", { to: "rejected", reason: "Duplicates BA1" })).status).toBe(201);
    const after = await move("BC1", { to: "cancelled", reason: "x" });
    expect(after.status).toBe(409);
    expect(after.body.error.message).toContain("none, it is final");
  });

  it("starts execution only with commitments covering the budget, or a recorded override", async () => {
    const initiative = await create("BD1");
    await walk("BD1", ["submitted", "endorsed", "seeking_funding"]);
    await insertCommitment(t.handle.db, {
      initiativeId: initiative.id,
      componentId: w.components.B,
      partnerId: w.organizations.IDB,
      usdMinor: 40_000_000n,
    });
    const refused = await move("BD1", { to: "in_execution" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("funding_not_secured");
    // USD 400,000.00 committed of a USD 1,000,000.00 budget
    expect(refused.body.error.message).toContain("40.00 %");
    expect((await history("BD1")).at(-1)?.to).toBe("seeking_funding");

    await insertCommitment(t.handle.db, {
      initiativeId: initiative.id,
      componentId: w.components.B,
      partnerId: w.organizations.EU,
      usdMinor: 60_000_000n,
    });
    const started = await move("BD1", { to: "in_execution", version: 4 });
    expect(started.status).toBe(201);
    expect(started.body.transition.funding_override_reason).toBeNull();
  });

  it("lets only one of two concurrent steps from the same status apply", async () => {
    await create("BE1");
    const results = await Promise.all([
      move("BE1", { to: "submitted" }),
      move("BE1", { to: "submitted" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await history("BE1")).map((s) => s.to)).toEqual(["draft", "submitted"]);
  });
});
