import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { type ErrorBody, setUpInitiativeWorld, usdPayload } from "./initiatives.fixtures.ts";
import type { Initiative, Transition } from "./initiatives.schema.ts";

describe("illustrative fields and effective dates of an initiative", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await setUpInitiativeWorld(t);
  });
  afterAll(async () => t.close());

  it("keeps each field marked illustrative once, in the order of the record", async () => {
    const created = await t.request<Initiative>({
      method: "POST",
      url: "/api/initiatives",
      payload: usdPayload("BA9", {
        illustrative: false,
        illustrative_fields: ["status", "budget", "budget"],
        source: "Title: SICA, 17 March 2014. Budget and status are illustrative.",
      }),
    });
    expect(created.status).toBe(201);
    expect(created.body.illustrative).toBe(false);
    expect(created.body.illustrative_fields).toEqual(["budget", "status"]);
    const updated = await t.request<Initiative>({
      method: "PATCH",
      url: "/api/initiatives/BA9",
      payload: { version: 1, illustrative_fields: ["end_date", "title"] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.illustrative_fields).toEqual(["title", "end_date"]);
  });

  it("refuses a field it does not know, naming it, and changes nothing", async () => {
    const refused = await t.request<ErrorBody>({
      method: "PATCH",
      url: "/api/initiatives/BA9",
      payload: { illustrative_fields: ["title", "colour"] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((d) => d.path)).toEqual(["illustrative_fields.1"]);
    const read = await t.request<Initiative>({ method: "GET", url: "/api/initiatives/BA9" });
    expect(read.body.illustrative_fields).toEqual(["title", "end_date"]);
    expect(read.body.version).toBe(2);
  });

  it("dates a step taken through the API on the day it is entered", async () => {
    const step = await t.request<{ transition: Transition }>({
      method: "POST",
      url: "/api/initiatives/BA9/transitions",
      payload: { to: "submitted" },
    });
    expect(step.status).toBe(201);
    const history = await t.request<{ data: Transition[] }>({
      method: "GET",
      url: "/api/initiatives/BA9/transitions",
    });
    expect(history.body.data.map((s) => s.to)).toEqual(["draft", "submitted"]);
    for (const s of history.body.data) expect(s.effective_on).toBe(s.at.slice(0, 10));
  });
});
