import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { ac1Payload, type ErrorBody, setUpInitiativeWorld } from "./initiatives.fixtures.ts";
import type { Initiative } from "./initiatives.schema.ts";

describe("updating an initiative", () => {
  let t: TestApp;
  let ac1: Initiative;
  beforeAll(async () => {
    t = await createTestApp();
    await setUpInitiativeWorld(t);
    const created = await t.request<Initiative>({
      method: "POST",
      url: "/api/initiatives",
      payload: ac1Payload(),
    });
    expect(created.status).toBe(201);
    ac1 = created.body;
  });
  afterAll(async () => t.close());

  it("updates fields, replaces lists and re-values a changed budget", async () => {
    const updated = await t.request<Initiative>({
      method: "PATCH",
      url: "/api/initiatives/AC1",
      payload: {
        version: 1,
        title: { en: "Criminal investigation cooperation" },
        sectors: [{ code: "15210", percentage: "100" }],
        countries: ["PA"],
        budget: { amount: "20000000.00", currency: "EUR" },
        targets: [],
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      version: 2,
      title: { es: ac1.title.es, en: "Criminal investigation cooperation" },
      sectors: [{ code: "15210", percentage: "100.00" }],
      countries: ["GT", "PA"],
      targets: [],
      budget_usd: { amount: "28770000.00", currency: "USD" },
      status: "draft",
    });
  });

  it("refuses a stale version, a status change and unknown fields", async () => {
    const stale = await t.request<ErrorBody>({
      method: "PATCH",
      url: "/api/initiatives/AC1",
      payload: { version: 1, source: "x" },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict");
    const status = await t.request<ErrorBody>({
      method: "PATCH",
      url: "/api/initiatives/AC1",
      payload: { status: "endorsed" },
    });
    expect(status.status).toBe(400);
    expect(status.body.error.details.map((d) => d.path)).toEqual(["status"]);
    expect(status.body.error.message).toContain("transitions");
    const unknown = await t.request<ErrorBody>({
      method: "PATCH",
      url: "/api/initiatives/AC1",
      payload: { code: "AC9" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([
      {
        path: "code",
        label: "Code",
        message: "is not a field this request accepts",
        rule: { code: "unknown_field" },
      },
    ]);
    const read = await t.request<Initiative>({ method: "GET", url: "/api/initiatives/AC1" });
    expect(read.body).toMatchObject({ version: 2, status: "draft", source: "La Gaceta 504" });
  });

  it("keeps a line of action inside its component when the component changes", async () => {
    const moved = await t.request<ErrorBody>({
      method: "PATCH",
      url: "/api/initiatives/AC1",
      payload: { component: "B" },
    });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details.map((d) => d.path)).toEqual(["line_of_action"]);
    const withLine = await t.request<Initiative>({
      method: "PATCH",
      url: "/api/initiatives/AC1",
      payload: { component: "B", line_of_action: "BA" },
    });
    expect(withLine.body).toMatchObject({
      component: { code: "B" },
      line_of_action: { code: "BA" },
    });
    const cleared = await t.request<Initiative>({
      method: "PATCH",
      url: "/api/initiatives/AC1",
      payload: { component: "A", line_of_action: null },
    });
    expect(cleared.body).toMatchObject({ component: { code: "A" }, line_of_action: null });
  });
});
