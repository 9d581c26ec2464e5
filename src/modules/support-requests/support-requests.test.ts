import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestSession } from "../../../test/support/app.ts";
import type { SupportRequestDetail } from "./support-requests.schema.ts";

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string }> };
}

const body = (code: string, name: string) => ({
  code,
  name: { es: name, en: name },
  body_kind: "entity",
  mandate: { es: `Mandato de ${name}`, en: `Mandate of ${name}` },
  contact_role: { es: `Secretaría Ejecutiva, ${code}`, en: `Executive Secretary, ${code}` },
  components: ["A"],
});

describe("support requests (AG/RES. 2626 ¶7–¶8)", () => {
  let t: TestApp;
  let focalGt: TestSession;
  let focalHn: TestSession;
  let cicad: TestSession;
  let cicte: TestSession;
  let partner: TestSession;
  const ask = (session: TestSession, initiative: string, extra: object = {}) =>
    session.request<SupportRequestDetail & ErrorBody>({
      method: "POST",
      url: "/api/support-requests",
      payload: {
        initiative,
        body: "CICAD",
        what: "Training of prosecutors in money-laundering investigation",
        why: "The new asset-forfeiture law needs trained prosecutors",
        needed_by: "2012-06-30",
        paragraph: 8,
        ...extra,
      },
    });
  const step = (session: TestSession, id: string, action: string, note?: string) =>
    session.request<SupportRequestDetail & ErrorBody>({
      method: "POST",
      url: `/api/support-requests/${id}/steps`,
      payload: { action, ...(note && { note }) },
    });

  beforeAll(async () => {
    t = await createTestApp();
    await t.request({
      method: "POST",
      url: "/api/components",
      payload: {
        code: "A",
        name: { es: "Combate al delito", en: "Combating crime" },
      },
    });
    for (const b of [body("CICAD", "CICAD"), body("CICTE", "CICTE")]) {
      const created = await t.request({ method: "POST", url: "/api/oas-bodies", payload: b });
      expect(created.status).toBe(201);
    }
    focalGt = await t.signIn({ role: "focal_point", organization: "GT" });
    focalHn = await t.signIn({ role: "focal_point", organization: "HN" });
    cicad = await t.signIn({ role: "body_officer", organization: "CICAD" });
    cicte = await t.signIn({ role: "body_officer", organization: "CICTE" });
    partner = await t.signIn({ role: "partner", organization: "ESP" });
    for (const [code, published] of [
      ["GTP1", true],
      ["GTD1", false],
    ] as const) {
      const created = await focalGt.request({
        method: "POST",
        url: "/api/initiatives",
        payload: {
          code,
          title: { en: `Initiative ${code}` },
          component: "A",
          lead_country: "GT",
          budget: { amount: "1000.00", currency: "USD" },
        },
      });
      expect(created.status).toBe(201);
      if (published) {
        await t.request({
          method: "POST",
          url: `/api/initiatives/${code}/transitions`,
          payload: { to: "submitted" },
        });
        const pub = await t.request({
          method: "POST",
          url: `/api/initiatives/${code}/publication`,
          payload: { published: true },
        });
        expect(pub.status).toBe(200);
      }
    }
  }, 60_000);
  afterAll(async () => t.close());

  it("walks a request from the focal point to completion with a public timeline", async () => {
    const created = await ask(focalGt, "GTP1");
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: "submitted",
      country: "GT",
      body: { code: "CICAD" },
      resolution_symbol: "AG/RES. 2626 (XLI-O/11)",
      paragraph: 8,
    });
    const id = created.body.id;
    // Unacknowledged: the public, another country and another body see nothing.
    expect((await t.anonymous({ method: "GET", url: `/api/support-requests/${id}` })).status).toBe(
      404,
    );
    expect(
      (await focalHn.request({ method: "GET", url: `/api/support-requests/${id}` })).status,
    ).toBe(404);
    expect((await step(cicte, id, "acknowledge")).status).toBe(404);
    // A focal point or a partner cannot answer.
    expect((await step(focalGt, id, "acknowledge")).status).toBe(403);
    expect((await step(partner, id, "acknowledge")).status).toBe(403);
    // Out of order is refused and changes nothing.
    const early = await step(cicad, id, "complete");
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("invalid_transition");
    expect((await step(cicad, id, "acknowledge")).body.status).toBe("acknowledged");
    // Acknowledged, on a published initiative: public, without anyone's address.
    const seen = await t.anonymous<SupportRequestDetail>({
      method: "GET",
      url: `/api/support-requests/${id}`,
    });
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.body)).not.toMatch(/@/);
    // Another body may read it now, but still not answer it.
    expect((await step(cicte, id, "accept")).status).toBe(403);
    expect((await step(cicad, id, "accept")).body.status).toBe("accepted");
    const noNote = await step(cicad, id, "progress");
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.details.map((d) => d.path)).toEqual(["note"]);
    expect((await step(cicad, id, "progress", "First course held in Guatemala City")).status).toBe(
      201,
    );
    const done = await t.request<SupportRequestDetail>({
      method: "POST",
      url: `/api/support-requests/${id}/steps`,
      payload: { action: "complete", note: "Two courses, 60 prosecutors" },
    });
    expect(done.body.status).toBe("completed");
    expect(done.body.timeline.map((s) => s.action)).toEqual([
      "submitted",
      "acknowledged",
      "accepted",
      "progress",
      "completed",
    ]);
    expect(done.body.timeline[1]).toMatchObject({
      role: "body_officer",
      organization: { code: "CICAD" },
    });
    expect(done.body.timeline[4]).toMatchObject({
      role: "admin",
      note: "Two courses, 60 prosecutors",
    });
    expect(done.body.timeline[0]).toMatchObject({
      role: "focal_point",
      organization: { code: "GT" },
    });
    // Every step is in the audit trail.
    const audited = await t.handle.db
      .selectFrom("audit_log")
      .select(["entity_type", "action"])
      .where("entity_type", "in", ["support_requests", "support_request_steps"])
      .execute();
    expect(audited.filter((a) => a.entity_type === "support_request_steps")).toHaveLength(5);
    expect(
      audited.filter((a) => a.entity_type === "support_requests").length,
    ).toBeGreaterThanOrEqual(4);
  });

  it("declines only with a reason, and keeps drafts' requests to the country, body and secretariat", async () => {
    const draft = await ask(focalGt, "GTD1");
    expect(draft.status).toBe(201);
    const id = draft.body.id;
    const bare = await step(cicad, id, "decline");
    expect(bare.status).toBe(400);
    expect(bare.body.error.details.map((d) => d.path)).toEqual(["note"]);
    const declined = await step(cicad, id, "decline", "Outside CICAD's working programme for 2012");
    expect(declined.body.status).toBe("declined");
    // A request on a draft stays private even once answered.
    expect((await t.anonymous({ method: "GET", url: `/api/support-requests/${id}` })).status).toBe(
      404,
    );
    expect(
      (await focalGt.request({ method: "GET", url: `/api/support-requests/${id}` })).status,
    ).toBe(200);
    const publicList = await t.anonymous<{ data: Array<{ id: string }> }>({
      method: "GET",
      url: "/api/support-requests",
    });
    expect(publicList.body.data.map((r) => r.id)).not.toContain(id);
    const cicadList = await cicad.request<{ data: Array<{ id: string }> }>({
      method: "GET",
      url: "/api/support-requests?body=CICAD",
    });
    expect(cicadList.body.data.map((r) => r.id)).toContain(id);
  });

  it("refuses another country's initiative, an unknown body and a bad paragraph, naming the field", async () => {
    expect((await ask(focalHn, "GTP1")).status).toBe(403);
    expect((await ask(focalHn, "GTD1")).status).toBe(404);
    const unknown = await ask(focalGt, "GTP1", { body: "ESP" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.map((d) => d.path)).toEqual(["body"]);
    const paragraph = await ask(focalGt, "GTP1", { paragraph: 0 });
    expect(paragraph.body.error.details.map((d) => d.path)).toEqual(["paragraph"]);
    const list = await t.request<{ page: { total: number } }>({
      method: "GET",
      url: "/api/support-requests",
    });
    expect(list.body.page.total).toBe(2);
  });

  it("links a completed request to a technical entry recorded for the body, and counts it", async () => {
    const created = await ask(focalGt, "GTP1");
    const id = created.body.id;
    for (const action of ["acknowledge", "accept", "complete"]) await step(cicad, id, action);
    const ids = async (url: string) =>
      (await t.request<{ id: string }>({ method: "GET", url })).body.id;
    const cicadId = await ids("/api/organizations/CICAD");
    const componentId = await ids("/api/components/A");
    const record = async (kind: string, partner: string) =>
      (
        await t.request<{ id: string }>({
          method: "POST",
          url: "/api/flows",
          payload: {
            flow_type: "commitment",
            support_kind: kind,
            partner_id: partner,
            component_id: componentId,
            description: "Prosecutors' training",
            value: { amount: "5000.00", currency: "USD" },
            value_date: "2012-03-01",
          },
        })
      ).body.id;
    const financial = await record("financial", cicadId);
    const wrongKind = await cicad.request<ErrorBody>({
      method: "POST",
      url: `/api/support-requests/${id}/flow`,
      payload: { flow_id: financial },
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.details.map((d) => d.path)).toEqual(["flow_id"]);
    const technical = await record("technical", cicadId);
    const linked = await cicad.request<SupportRequestDetail>({
      method: "POST",
      url: `/api/support-requests/${id}/flow`,
      payload: { flow_id: technical },
    });
    expect(linked.status).toBe(200);
    expect(linked.body.flow_id).toBe(technical);
    expect(linked.body.timeline.at(-1)?.action).toBe("flow_linked");
    const directory = await t.anonymous<{
      support: { requests_completed: number; technical_flows: number };
    }>({
      method: "GET",
      url: "/api/oas-bodies/CICAD",
    });
    expect(directory.body.support).toMatchObject({ requests_completed: 2, technical_flows: 1 });
  });
});
