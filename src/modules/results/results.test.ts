import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestSession } from "../../../test/support/app.ts";
import type { ResultsFramework, ResultsIndicator } from "./results.schema.ts";

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string }> };
}
type Answer = ResultsIndicator & ErrorBody;

const definition = (overrides: object = {}) => ({
  code: "out-1",
  level: "output",
  name: { es: "Jóvenes en programas de prevención", en: "Young people in prevention programmes" },
  unit: "people",
  direction: "higher_is_better",
  baseline: { value: "200", year: 2011 },
  targets: [
    { value: "600", year: 2013 },
    { value: "1000", year: 2015 },
  ],
  ...overrides,
});

describe("results frameworks", () => {
  let t: TestApp;
  let focalGt: TestSession;
  let focalHn: TestSession;
  let partner: TestSession;
  let indicatorId = "";

  beforeAll(async () => {
    t = await createTestApp();
    await t.request({
      method: "POST",
      url: "/api/components",
      payload: { code: "B", name: { es: "Prevención", en: "Prevention" } },
    });
    focalGt = await t.signIn({ role: "focal_point", organization: "GT" });
    focalHn = await t.signIn({ role: "focal_point", organization: "HN" });
    partner = await t.signIn({ role: "partner", organization: "ESP" });
    for (const code of ["GTP1", "GTD1"]) {
      const created = await focalGt.request({
        method: "POST",
        url: "/api/initiatives",
        payload: {
          code,
          title: { en: `Initiative ${code}` },
          component: "B",
          lead_country: "GT",
          budget: { amount: "1000.00", currency: "USD" },
        },
      });
      expect(created.status).toBe(201);
    }
    await t.request({
      method: "POST",
      url: "/api/initiatives/GTP1/transitions",
      payload: { to: "submitted" },
    });
    const published = await t.request({
      method: "POST",
      url: "/api/initiatives/GTP1/publication",
      payload: { published: true },
    });
    expect(published.status).toBe(200);
  }, 60_000);
  afterAll(async () => t.close());

  it("lets the lead country's focal point define an indicator with baseline and targets", async () => {
    const created = await focalGt.request<Answer>({
      method: "POST",
      url: "/api/initiatives/GTP1/results",
      payload: definition(),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: "OUT-1",
      baseline: { value: "200", year: 2011 },
      targets: [
        { value: "600", year: 2013 },
        { value: "1000", year: 2015 },
      ],
      progress: { status: "not_reported", percent: null },
    });
    indicatorId = created.body.id;
  });

  it("refuses a bad definition field by field and writes nothing", async () => {
    const bad = await focalGt.request<ErrorBody>({
      method: "POST",
      url: "/api/initiatives/GTP1/results",
      payload: definition({
        code: "OUT-2",
        baseline: { value: "1,5", year: 2016 },
        targets: [
          { value: "10", year: 2013 },
          { value: "20", year: 2013 },
        ],
      }),
    });
    expect(bad.status).toBe(400);
    // The baseline's year is after the first target's (2013) too.
    expect(bad.body.error.details.map((d) => d.path).sort()).toEqual([
      "baseline.value",
      "baseline.year",
      "targets.1.year",
    ]);
    const framework = await t.anonymous<ResultsFramework>({
      method: "GET",
      url: "/api/initiatives/GTP1/results",
    });
    expect(framework.body.data.map((i) => i.code)).toEqual(["OUT-1"]);
  });

  it("records a reported actual with its evidence and computes progress once", async () => {
    const reported = await focalGt.request<Answer>({
      method: "POST",
      url: `/api/results-indicators/${indicatorId}/actuals`,
      payload: { year: 2013, value: "400", evidence: "Programme register, December 2013" },
    });
    expect(reported.status).toBe(201);
    // Against its year's target: (400 − 200) ÷ (600 − 200) = 50 %; overall against 1000: 25 %.
    expect(reported.body.actuals[0]).toMatchObject({
      year: 2013,
      value: "400",
      evidence: "Programme register, December 2013",
      progress: { status: "progressing", percent: "50.0", target: { year: 2013 } },
      reported_by: { organization: "GT", role: "focal_point" },
    });
    expect(reported.body.progress).toMatchObject({ status: "progressing", percent: "25.0" });

    const corrected = await focalGt.request<Answer>({
      method: "POST",
      url: `/api/results-indicators/${indicatorId}/actuals`,
      payload: { year: 2013, value: "650", evidence: "Audited register", version: 1 },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.actuals).toHaveLength(1);
    expect(corrected.body.actuals[0]).toMatchObject({
      value: "650",
      version: 2,
      progress: { status: "met", percent: "112.5" },
    });
    const stale = await focalGt.request<ErrorBody>({
      method: "POST",
      url: `/api/results-indicators/${indicatorId}/actuals`,
      payload: { year: 2013, value: "1", evidence: "x", version: 1 },
    });
    expect(stale.status).toBe(409);
  });

  it("shows the framework to the public without naming the person who reported", async () => {
    const framework = await t.anonymous<ResultsFramework>({
      method: "GET",
      url: "/api/initiatives/GTP1/results",
    });
    expect(framework.status).toBe(200);
    const text = JSON.stringify(framework.body);
    expect(text).not.toContain(focalGt.email);
    expect(text).not.toMatch(/@/);
    // A draft's framework is as missing to the public as the draft itself.
    const draft = await t.anonymous({ method: "GET", url: "/api/initiatives/GTD1/results" });
    expect(draft.status).toBe(404);
  });

  it("refuses actuals with an error under each bad field", async () => {
    const bad = await focalGt.request<ErrorBody>({
      method: "POST",
      url: `/api/results-indicators/${indicatorId}/actuals`,
      payload: { year: 1800, value: "abc", evidence: " ", evidence_url: "ftp://x" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.path).sort()).toEqual([
      "evidence",
      "evidence_url",
      "value",
      "year",
    ]);
  });

  it("refuses another country's focal point and partners", async () => {
    const other = await focalHn.request<ErrorBody>({
      method: "POST",
      url: `/api/results-indicators/${indicatorId}/actuals`,
      payload: { year: 2014, value: "700", evidence: "HN says so" },
    });
    expect(other.status).toBe(403);
    const hidden = await focalHn.request<ErrorBody>({
      method: "POST",
      url: "/api/initiatives/GTD1/results",
      payload: definition(),
    });
    expect(hidden.status).toBe(404);
    const byPartner = await partner.request<ErrorBody>({
      method: "POST",
      url: `/api/results-indicators/${indicatorId}/actuals`,
      payload: { year: 2014, value: "700", evidence: "Donor report" },
    });
    expect(byPartner.status).toBe(403);
  });

  it("resets targets and recomputes progress (lower is better, target already met)", async () => {
    const outcome = await t.request<Answer>({
      method: "POST",
      url: "/api/initiatives/GTP1/results",
      payload: definition({
        code: "OC-1",
        level: "outcome",
        unit: "per 100,000 inhabitants",
        direction: "lower_is_better",
        national_indicator: "no_such_indicator",
        baseline: { value: "40", year: 2011 },
        targets: [{ value: "30", year: 2015 }],
      }),
    });
    expect(outcome.status).toBe(400);
    expect(outcome.body.error.details.map((d) => d.path)).toEqual(["national_indicator"]);
    const created = await t.request<Answer>({
      method: "POST",
      url: "/api/initiatives/GTP1/results",
      payload: definition({
        code: "OC-1",
        level: "outcome",
        unit: "per 100,000 inhabitants",
        direction: "lower_is_better",
        baseline: { value: "40", year: 2011 },
        targets: [{ value: "30", year: 2015 }],
      }),
    });
    const reported = await focalGt.request<Answer>({
      method: "POST",
      url: `/api/results-indicators/${created.body.id}/actuals`,
      payload: { year: 2014, value: "35", evidence: "Police statistics" },
    });
    expect(reported.body.progress).toMatchObject({ status: "progressing", percent: "50.0" });
    const eased = await focalGt.request<Answer>({
      method: "PATCH",
      url: `/api/results-indicators/${created.body.id}`,
      payload: { targets: [{ value: "45", year: 2015 }] },
    });
    expect(eased.status).toBe(200);
    expect(eased.body.progress).toMatchObject({
      status: "met",
      percent: null,
      baseline_met_target: true,
    });
  });
});
