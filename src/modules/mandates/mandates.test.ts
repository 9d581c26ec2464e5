import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestSession } from "../../../test/support/app.ts";
import type { MandateDetail, MandateList, Trace } from "../../contracts/mandates.ts";
import { seedDemo } from "../demo/index.ts";
import { summarizeFunding } from "../funding/index.ts";
import { findMandateByParagraph } from "./index.ts";

const SYMBOL = "AG/RES. 2626 (XLI-O/11)";
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

describe("mandates over the demo data", () => {
  let t: TestApp;
  let secretariat: TestSession;
  let mandates: MandateList["data"];
  const paragraph = (n: number) => {
    const mandate = mandates.find((m) => m.paragraph === n);
    if (!mandate) throw new Error(`no ¶${n}`);
    return mandate;
  };
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo({ db: t.handle.db, force: true });
    secretariat = await t.signIn({
      role: "secretariat",
      organization: "SICA-DSD",
      kind: "sica_body",
    });
    const list = await t.anonymous<MandateList>({ method: "GET", url: "/api/mandates" });
    expect(list.status).toBe(200);
    mandates = list.body.data;
  }, 120_000);
  afterAll(async () => t.close());

  it("lists AG/RES. 2626's ten paragraphs with a status per reporting period", () => {
    expect(mandates.map((m) => m.paragraph)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const first = paragraph(1);
    expect(first.resolution.symbol).toBe(SYMBOL);
    expect(first.text_es_official).toBe(false);
    expect(first.statuses.map((s) => [s.period, s.status])).toEqual([
      ["2011-2012", "implemented"],
      ["2012-2013", "not_started"],
    ]);
    expect(first.statuses[0]?.illustrative).toBe(true);
    expect(paragraph(9).addressees).toEqual(["permanent_council"]);
  });

  it("finds a mandate by symbol and paragraph for other modules", async () => {
    const found = await findMandateByParagraph(t.handle.db, SYMBOL, 7);
    expect(found?.id).toBe(paragraph(7).id);
    expect(await findMandateByParagraph(t.handle.db, SYMBOL, 11)).toBeUndefined();
  });

  it("sets a status, keeps its history from the audit trail, and names no e-mail", async () => {
    const id = paragraph(8).id;
    const first = await secretariat.request<{ status: string; version: number }>({
      method: "PUT",
      url: `/api/mandates/${id}/statuses/2011-2012`,
      payload: { status: "in_progress", note: "Requests for support received" },
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(1);
    const second = await secretariat.request({
      method: "PUT",
      url: `/api/mandates/${id}/statuses/2011-2012`,
      payload: { status: "implemented", version: 1 },
    });
    expect(second.status).toBe(200);
    const stale = await secretariat.request<{ error: { code: string } }>({
      method: "PUT",
      url: `/api/mandates/${id}/statuses/2011-2012`,
      payload: { status: "not_started", version: 1 },
    });
    expect(stale.status).toBe(409);
    const detail = await t.anonymous<MandateDetail>({ method: "GET", url: `/api/mandates/${id}` });
    expect(detail.status).toBe(200);
    expect(detail.body.history.map((h) => [h.action, h.status])).toEqual([
      ["insert", "in_progress"],
      ["update", "implemented"],
    ]);
    expect(detail.body.history[1]?.set_by).toEqual({
      organization: "SICA-DSD",
      role: "secretariat",
    });
    expect(JSON.stringify(detail.body)).not.toMatch(EMAIL);
  });

  it("refuses a status for a period the resolution does not have, naming the field", async () => {
    const response = await secretariat.request<{ error: { details: Array<{ path: string }> } }>({
      method: "PUT",
      url: `/api/mandates/${paragraph(8).id}/statuses/2099`,
      payload: { status: "implemented" },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0]?.path).toBe("period");
  });

  it("links evidence and initiatives, and hides unpublished ones from the public", async () => {
    const id = paragraph(6).id;
    const draft = await secretariat.request<{ id: string }>({
      method: "POST",
      url: "/api/initiatives",
      payload: {
        code: "GTM1",
        title: { en: "A draft answering ¶6" },
        component: "D",
        lead_country: "GT",
        budget: { amount: "1000.00", currency: "USD" },
      },
    });
    expect(draft.status).toBe(201);
    const linked = await secretariat.request({
      method: "PUT",
      url: `/api/mandates/${id}/initiatives/${draft.body.id}`,
    });
    expect(linked.status).toBe(200);
    const evidence = await secretariat.request<{ id: string }>({
      method: "POST",
      url: `/api/mandates/${id}/evidence`,
      payload: { kind: "initiative", target_id: draft.body.id, period: "2012-2013" },
    });
    expect(evidence.status).toBe(201);
    const staffView = await secretariat.request<MandateDetail>({
      method: "GET",
      url: `/api/mandates/${id}`,
    });
    expect(staffView.body.initiatives.map((i) => i.code)).toContain("GTM1");
    expect(staffView.body.evidence.map((e) => e.label)).toContain("GTM1");
    const publicView = await t.anonymous<MandateDetail>({
      method: "GET",
      url: `/api/mandates/${id}`,
    });
    expect(publicView.body.initiatives.map((i) => i.code)).toEqual(
      ["DA2", "DB1"].filter((code) => staffView.body.initiatives.some((i) => i.code === code)),
    );
    expect(publicView.body.evidence.map((e) => e.label)).not.toContain("GTM1");
    const missing = await secretariat.request<{ error: { details: Array<{ path: string }> } }>({
      method: "POST",
      url: `/api/mandates/${id}/evidence`,
      payload: { kind: "flow", target_id: draft.body.id },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0]?.path).toBe("target_id");
    const removed = await secretariat.request({
      method: "DELETE",
      url: `/api/mandates/${id}/evidence/${evidence.body.id}`,
    });
    expect(removed.status).toBe(200);
  });

  it("takes a practice or an issued report as evidence, checked, labelled, drafts kept private", async () => {
    const id = paragraph(6).id;
    const practice = await secretariat.request<{ id: string; version: number }>({
      method: "POST",
      url: "/api/practices",
      payload: {
        slug: "evidence-draft",
        title: "Peer review of drug policies",
        summary: "How a mechanism reviews its members.",
        body: "A **peer review** by experts of other states.",
        language: "en",
        source: { kind: "mechanism", name: "CICAD", citation: "CICAD, MEM (2011)" },
      },
    });
    expect(practice.status, JSON.stringify(practice.body)).toBe(201);
    const linked = await secretariat.request({
      method: "POST",
      url: `/api/mandates/${id}/evidence`,
      payload: { kind: "practice", target_id: practice.body.id },
    });
    expect(linked.status).toBe(201);
    const labels = async (session: (o: object) => Promise<{ body: MandateDetail }>) =>
      (await session({ method: "GET", url: `/api/mandates/${id}` })).body.evidence
        .filter((e) => e.kind === "practice")
        .map((e) => e.label);
    const asStaff = (o: object) => secretariat.request<MandateDetail>(o as never);
    const asPublic = (o: object) => t.anonymous<MandateDetail>(o as never);
    expect(await labels(asStaff)).toEqual(["Peer review of drug policies"]);
    // A draft practice is no public record: the public sees no trace of the link.
    expect(await labels(asPublic)).toEqual([]);
    const published = await secretariat.request({
      method: "PUT",
      url: `/api/practices/${practice.body.id}/status`,
      payload: { status: "published", version: practice.body.version },
    });
    expect(published.status).toBe(200);
    expect(await labels(asPublic)).toEqual(["Peer review of drug policies"]);

    // A draft practice discarded takes its evidence link with it.
    const discarded = await secretariat.request<{ id: string }>({
      method: "POST",
      url: "/api/practices",
      payload: {
        slug: "evidence-discarded",
        title: "A draft to discard",
        summary: "Written, then dropped.",
        body: "Nothing to keep.",
        language: "en",
        source: { kind: "state", name: "Guatemala", citation: "Guatemala (2011)" },
      },
    });
    expect(discarded.status).toBe(201);
    const discardedLink = await secretariat.request({
      method: "POST",
      url: `/api/mandates/${id}/evidence`,
      payload: { kind: "practice", target_id: discarded.body.id },
    });
    expect(discardedLink.status).toBe(201);
    expect(await labels(asStaff)).toContain("A draft to discard");
    const deleted = await secretariat.request({
      method: "DELETE",
      url: `/api/practices/${discarded.body.id}`,
    });
    expect(deleted.status).toBe(200);
    const staffAfterDelete = await asStaff({ method: "GET", url: `/api/mandates/${id}` });
    expect(staffAfterDelete.body.evidence.filter((e) => e.target_id === discarded.body.id)).toEqual(
      [],
    );

    // A report or practice that does not exist is refused under target_id, and nothing kept.
    for (const kind of ["report", "practice"] as const) {
      const missing = await secretariat.request<{ error: { details: Array<{ path: string }> } }>({
        method: "POST",
        url: `/api/mandates/${id}/evidence`,
        payload: { kind, target_id: "00000000-0000-4000-8000-000000000000" },
      });
      expect(missing.status).toBe(400);
      expect(missing.body.error.details[0]?.path).toBe("target_id");
    }
    const after = await secretariat.request<MandateDetail>({
      method: "GET",
      url: `/api/mandates/${id}`,
    });
    expect(after.body.evidence.filter((e) => e.kind === "report")).toEqual([]);

    // An issued report is public: it is named by its symbol, language, format and date.
    const bytes = Buffer.from("<p>Report</p>");
    const report = await t.handle.db
      .insertInto("reports")
      .values({
        symbol: "CP/doc. 4700/12",
        as_of: new Date("2012-04-30T00:00:00Z"),
        language: "en",
        format: "html",
        original_language: "en",
        figures: JSON.stringify({}),
        sha256: createHash("sha256").update(bytes).digest("hex"),
        size_bytes: bytes.length,
        bytes,
        issued_by: "test",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const reportLinked = await secretariat.request({
      method: "POST",
      url: `/api/mandates/${id}/evidence`,
      payload: { kind: "report", target_id: report.id, period: "2011-2012" },
    });
    expect(reportLinked.status).toBe(201);
    const publicReports = (await asPublic({ method: "GET", url: `/api/mandates/${id}` })).body
      .evidence;
    expect(publicReports.filter((e) => e.kind === "report").map((e) => e.label)).toEqual([
      "CP/doc. 4700/12 · en · html · 2012-04-30",
    ]);
  });

  it("traces ¶3 down to disbursements with the roll-up's totals for the same initiatives", async () => {
    for (const [n, as] of [
      [3, "anonymous"],
      [7, "secretariat"],
    ] as const) {
      const request = { method: "GET" as const, url: `/api/mandates/${paragraph(n).id}/trace` };
      const trace =
        as === "anonymous"
          ? await t.anonymous<Trace>(request)
          : await secretariat.request<Trace>(request);
      expect(trace.status).toBe(200);
      const ids = trace.body.initiatives.map((i) => i.id);
      expect(ids.length).toBeGreaterThan(0);
      const summary = await summarizeFunding({
        db: t.handle.db,
        by: ["initiative"],
        filter: { initiativeIds: ids, publishedOnly: as === "anonymous" },
      });
      expect(trace.body.totals).toEqual({
        budget: summary.total.budget,
        announced: summary.total.announced,
        committed: summary.total.committed,
        disbursed: summary.total.disbursed,
        gap: summary.total.gap,
      });
      for (const initiative of trace.body.initiatives) {
        const row = summary.rows.find((r) => r.key.initiative?.id === initiative.id);
        expect(initiative.totals.committed).toBe(row?.committed ?? "0.00");
        expect(initiative.totals.disbursed).toBe(row?.disbursed ?? "0.00");
      }
      const disbursements = trace.body.initiatives.flatMap((i) =>
        [...i.pledges.flatMap((p) => p.commitments), ...i.unpledged_commitments].flatMap(
          (c) => c.disbursements,
        ),
      );
      expect(disbursements.length).toBeGreaterThan(0);
      expect(Number(trace.body.totals.disbursed)).toBeGreaterThan(0);
      if (n === 3) {
        // The chain ends in the initiative's own results, each with its progress to target.
        const ba1 = trace.body.initiatives.find((i) => i.code === "BA1");
        expect(ba1?.results.map((r) => r.code).sort()).toEqual(["OC-1", "OUT-1"]);
        for (const indicator of ba1?.results ?? []) {
          expect(indicator.initiative.code).toBe("BA1");
          expect(indicator.progress.status).toMatch(
            /^(not_reported|met|progressing|worsened|not_met)$/,
          );
        }
      }
    }
  });

  it("shows the requests made under ¶8 as the reader may see them, on the page and in the trace", async () => {
    const eighth = paragraph(8).id;
    // The secretariat asks on Guatemala's behalf; the request stays submitted (not public).
    const submitted = await secretariat.request<{ id: string }>({
      method: "POST",
      url: "/api/support-requests",
      payload: {
        initiative: "AA2",
        body: "CICAD",
        what: "A submitted request nobody has acknowledged yet",
        why: "To check who sees it",
        paragraph: 8,
      },
    });
    expect(submitted.status).toBe(201);
    const read = async <T = MandateDetail>(as: "anonymous" | "secretariat", url: string) =>
      as === "anonymous"
        ? await t.anonymous<T>({ method: "GET", url })
        : await secretariat.request<T>({ method: "GET", url });
    const publicView = (await read("anonymous", `/api/mandates/${eighth}`)).body;
    const staffView = (await read("secretariat", `/api/mandates/${eighth}`)).body;
    const whats = (list: MandateDetail["requests"]) => list.map((r) => r.what);
    expect(publicView.requests.length).toBeGreaterThan(0);
    expect(publicView.requests.every((r) => r.status !== "submitted" && r.paragraph === 8)).toBe(
      true,
    );
    expect(whats(publicView.requests)).not.toContain(
      "A submitted request nobody has acknowledged yet",
    );
    expect(whats(staffView.requests)).toContain("A submitted request nobody has acknowledged yet");
    expect(JSON.stringify(publicView)).not.toMatch(EMAIL);
    // In the trace, each request sits under its initiative.
    const trace = (await read<Trace>("anonymous", `/api/mandates/${eighth}/trace`)).body;
    const traced = trace.initiatives.flatMap((i) =>
      i.requests.map((r) => [i.code, r.initiative.code]),
    );
    expect(traced.length).toBe(publicView.requests.length);
    expect(traced.every(([under, own]) => under === own)).toBe(true);
    // Linked as evidence, an unacknowledged request is named to staff and hidden from the public.
    const linked = await secretariat.request<{ id: string }>({
      method: "POST",
      url: `/api/mandates/${eighth}/evidence`,
      payload: { kind: "support_request", target_id: submitted.body.id },
    });
    expect(linked.status).toBe(201);
    const staffEvidence = (await read("secretariat", `/api/mandates/${eighth}`)).body.evidence;
    expect(staffEvidence.map((e) => e.label)).toContain(
      "CICAD → AA2: A submitted request nobody has acknowledged yet",
    );
    const publicEvidence = (await read("anonymous", `/api/mandates/${eighth}`)).body.evidence;
    expect(publicEvidence.map((e) => e.target_id)).not.toContain(submitted.body.id);
    const unknown = await secretariat.request<{ error: { details: Array<{ path: string }> } }>({
      method: "POST",
      url: `/api/mandates/${eighth}/evidence`,
      payload: { kind: "support_request", target_id: paragraph(1).id },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0]?.path).toBe("target_id");
  });

  it("refuses a request under a paragraph the resolution does not have, naming the field", async () => {
    const response = await secretariat.request<{
      error: { details: Array<{ path: string; rule?: { code: string } }> };
    }>({
      method: "POST",
      url: "/api/support-requests",
      payload: { initiative: "AA2", body: "CICAD", what: "x", why: "y", paragraph: 12 },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0]).toMatchObject({
      path: "paragraph",
      rule: { code: "unknown_paragraph" },
    });
  });

  it("shows on an initiative which paragraphs it answers", async () => {
    const dc1 = (await t.anonymous<{ id: string }>({ method: "GET", url: "/api/initiatives/DC1" }))
      .body;
    const response = await t.anonymous<{ items: Array<{ paragraph: number; symbol: string }> }>({
      method: "GET",
      url: `/api/mandates/by-initiative/${dc1.id}`,
    });
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      expect.objectContaining({ symbol: SYMBOL, paragraph: 7 }),
    ]);
  });

  it("gives the resolution file back over the API", async () => {
    const response = await t.anonymous<{ symbol: string; paragraphs: unknown[] }>({
      method: "GET",
      url: `/api/resolutions/export?symbol=${encodeURIComponent(SYMBOL)}`,
    });
    expect(response.status).toBe(200);
    expect(response.body.symbol).toBe(SYMBOL);
    expect(response.body.paragraphs).toHaveLength(10);
  });
});
