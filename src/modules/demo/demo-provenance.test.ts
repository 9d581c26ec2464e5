import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import type { Flow } from "../funding/index.ts";
import type { Initiative, Transition } from "../initiatives/index.ts";
import { loadDemoDataset } from "./index.ts";
import { seedDemo } from "./seed-demo.ts";

/**
 * What the public reads of the demo: when its history happened (2011–2014, not the day it
 * was loaded) and where each figure comes from, or that it was made up, field by field.
 */
describe("the demo's history and sources, as the public API shows them", () => {
  let t: TestApp;
  let initiatives: Initiative[];
  let flows: Flow[];
  let seededFrom: Date;
  beforeAll(async () => {
    t = await createTestApp();
    const clock = await sql<{ now: Date }>`select now() as now`.execute(t.handle.db);
    seededFrom = new Date(clock.rows[0]?.now ?? 0);
    await seedDemo({ db: t.handle.db, force: true });
    initiatives = (await t.anonymous<{ data: Initiative[] }>({ url: "/api/initiatives?limit=100" }))
      .body.data;
    flows = (await t.anonymous<{ data: Flow[] }>({ url: "/api/flows?limit=500" })).body.data;
  });
  afterAll(async () => t.close());

  const byCode = (code: string) => {
    const found = initiatives.find((i) => i.code === code);
    if (!found) throw new Error(`no ${code}`);
    return found;
  };
  const history = async (code: string) =>
    (await t.anonymous<{ data: Transition[] }>({ url: `/api/initiatives/${code}/transitions` }))
      .body.data;

  it("dates every seeded step of every initiative's history in 2011–2014", async () => {
    const rows = await t.handle.db
      .selectFrom("initiative_transitions")
      .select(["effective_on", "at"])
      .execute();
    expect(rows.length).toBeGreaterThan(22);
    for (const row of rows) {
      const effective = row.effective_on ?? "";
      expect(effective >= "2011-01-01" && effective <= "2014-12-31", effective).toBe(true);
      // Entered when the demo was loaded, not backdated.
      expect(row.at.getTime()).toBeGreaterThanOrEqual(seededFrom.getTime());
    }
  });

  it("shows both the day a step took effect and the day it was entered", async () => {
    const steps = await history("BF1");
    expect(steps.map((s) => [s.to, s.effective_on])).toEqual([
      ["draft", "2011-05-16"],
      ["submitted", "2011-06-01"],
      ["endorsed", "2011-06-23"],
      ["seeking_funding", "2011-09-15"],
      ["in_execution", "2011-10-01"],
      ["completed", "2013-09-30"],
    ]);
    for (const step of steps) expect(step.at.slice(0, 10)).not.toBe(step.effective_on);
  });

  it("shows each entry's value date apart from the time it was entered", () => {
    expect(flows.length).toBe(53);
    for (const flow of flows) {
      expect(flow.value_date >= "2011-01-01" && flow.value_date <= "2014-12-31").toBe(true);
      expect(new Date(flow.recorded_at).getTime()).toBeGreaterThanOrEqual(seededFrom.getTime());
    }
  });

  it("keeps the audit trail's own recording times", async () => {
    const events = await t.handle.db
      .selectFrom("audit_log")
      .select("at")
      .where("entity_type", "in", ["initiative_transitions", "support_flows"])
      .execute();
    expect(events.length).toBeGreaterThan(53);
    for (const event of events)
      expect(event.at.getTime()).toBeGreaterThanOrEqual(seededFrom.getTime());
  });

  it("marks what each record's own source text calls illustrative", () => {
    // "Budget, lead country, dates, sectors and status are illustrative." → those fields.
    const words: Record<string, Initiative["illustrative_fields"]> = {
      summary: ["summary"],
      "lead country": ["lead_country"],
      lead: ["lead_country"],
      "participating countries": ["countries"],
      "executing agency": ["executing_agency"],
      sectors: ["sectors"],
      budget: ["budget"],
      dates: ["start_date", "end_date"],
      status: ["status"],
      target: ["targets"],
      code: ["code"],
    };
    const checked: string[] = [];
    for (const initiative of initiatives) {
      if (initiative.illustrative) continue;
      const claim = /([^.]*) (?:is|are) illustrative\./.exec(initiative.source ?? "")?.[1];
      expect(claim, `${initiative.code} names what is illustrative`).toBeDefined();
      const named = (claim ?? "")
        .toLowerCase()
        .split(/, | and /)
        .flatMap((word) => words[word.replace(/ wording$/, "")] ?? []);
      expect(named.length, initiative.code).toBeGreaterThan(0);
      for (const field of named)
        expect(initiative.illustrative_fields, initiative.code).toContain(field);
      checked.push(initiative.code);
    }
    expect(checked.sort()).toEqual(["AC1", "AD1", "BA1", "BB1", "BC1", "BD1", "BE1", "BF1"]);
    for (const code of ["AC1", "AD1", "BA1", "BE1", "BF1"])
      for (const field of ["start_date", "end_date", "status"] as const)
        expect(byCode(code).illustrative_fields).toContain(field);
  });

  it("gives every entry its published source, or says it is illustrative", () => {
    for (const flow of flows) expect(flow.illustrative || Boolean(flow.source), flow.id).toBe(true);
    const pledges = flows.filter((f) => f.flow_type === "pledge" && f.conference_id);
    expect(pledges).toHaveLength(4);
    for (const pledge of pledges) {
      expect(pledge.illustrative).toBe(false);
      expect(pledge.source).toBeTruthy();
      // No partner allocated its announcement: it stays unallocated, to no component.
      expect(pledge.initiative_id).toBeNull();
      expect(pledge.component_id).toBeNull();
      expect(pledge.illustrative_fields).toEqual([]);
    }
    // About 80 % of the 2011 announcements were soft loans: 1.5 of 1.95 billion.
    const loans = pledges.filter((p) => p.finance_type === "421");
    expect(loans.map((p) => p.value_usd?.amount).sort()).toEqual(["1000000000.00", "500000000.00"]);
    expect(pledges.filter((p) => p.finance_type === "110")).toHaveLength(2);
    // Every financial entry says whether it is a grant or a loan.
    for (const flow of flows.filter((f) => f.support_kind === "financial"))
      expect(flow.finance_type, flow.id).not.toBeNull();
    const ac1 = flows.filter(
      (f) => f.initiative_id === byCode("AC1").id && f.flow_type === "commitment",
    );
    expect(ac1).toHaveLength(2);
    for (const commitment of ac1) {
      expect(commitment.source).toMatch(/La Gaceta 504/);
      // La Gaceta names the amount, not whether it is a grant: that part is illustrative.
      expect(commitment.illustrative_fields).toEqual(["amount", "value_date", "finance_type"]);
    }
  });

  it("loads the dataset's illustrative fields as they are written", () => {
    for (const record of loadDemoDataset().initiatives)
      expect(byCode(record.code).illustrative_fields, record.code).toEqual(
        record.illustrative_fields ?? [],
      );
  });
});
