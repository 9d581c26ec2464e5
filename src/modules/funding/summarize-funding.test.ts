import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/support/app.ts";
import { formatMinorUnits, toMinorUnits } from "../../contracts/money.ts";
import {
  type ErrorBody,
  insertInitiative,
  type LedgerWorld,
  openLedgerWorld,
  postFlow,
  postReversal,
  readFundingSummary,
} from "./funding.fixtures.ts";
import { isBudgetCovered, summarizeFunding } from "./summarize-funding.ts";

describe("GET /api/funding/summary", () => {
  let t: TestApp;
  let w: LedgerWorld;
  const ids: Record<string, string> = {};
  const summary = (query = "") => readFundingSummary(t.request, query);

  beforeAll(async () => {
    ({ t, w } = await openLedgerWorld());
    const db = t.handle.db;
    ids.AC1 = await insertInitiative(db, {
      code: "AC1",
      componentId: w.components.A,
      leadCountry: "GT",
      budgetUsdMinor: 100_000_000n,
    });
    ids.BA1 = await insertInitiative(db, {
      code: "BA1",
      componentId: w.components.B,
      leadCountry: "HN",
      budgetUsdMinor: 50_000_000n,
    });
    // A rejected initiative's budget is not a need any more.
    await insertInitiative(db, {
      code: "BX9",
      componentId: w.components.B,
      leadCountry: "HN",
      budgetUsdMinor: 99_000_000n,
      status: "rejected",
    });
    const flow = (
      flow_type: string,
      partner: string,
      target: object,
      amount: string,
      cur = "USD",
      date = "2011-06-23",
    ) =>
      postFlow(t, {
        flow_type,
        support_kind: "financial",
        partner_id: partner,
        ...target,
        value: { amount, currency: cur },
        value_date: date,
        ...(flow_type === "disbursement" && { over_commitment_reason: "test data" }),
      });
    const ac1 = { initiative_id: ids.AC1 };
    await flow("offer", w.partners.ES, { component_id: w.components.C }, "250000.00");
    await flow("pledge", w.partners.EU, ac1, "700000.00");
    await flow("commitment", w.partners.EU, ac1, "400000.00", "USD", "2012-02-01");
    await flow("disbursement", w.partners.EU, ac1, "150000.00", "USD", "2012-06-01");
    // 100,000.00 EUR at 1.2939 = 129,390.00 USD, to component B without an initiative.
    await flow(
      "commitment",
      w.partners.IDB,
      { component_id: w.components.B },
      "100000.00",
      "EUR",
      "2012-03-01",
    );
    const mistake = await flow("commitment", w.partners.IDB, { initiative_id: ids.BA1 }, "999.99");
    await postReversal(t, mistake.body.id, { reason: "typo" });
  });
  afterAll(async () => t.close());

  it("gives budget, announced, committed, disbursed, coverage and gap for the strategy", async () => {
    const total = (await summary()).total;
    // Budget 1,000,000 + 500,000 (the rejected 990,000 left out); committed 400,000 to AC1 +
    // 129,390 to component B but no initiative + (999.99 − 999.99) = 529,390.00. The 129,390
    // fills nobody's gap: AC1 600,000 + BA1 500,000 = 1,100,000.00; coverage 400,000 ÷
    // 1,500,000 = 26.67 %. The EU's 700,000 pledge to AC1 is 300,000 short of its commitment;
    // the IDB pledged nothing, so its commitments leave nothing open.
    expect(total).toEqual({
      budget: "1500000.00",
      offered: "250000.00",
      announced: "700000.00",
      committed: "529390.00",
      committed_not_allocated: "129390.00",
      disbursed: "150000.00",
      announced_not_committed: "300000.00",
      coverage_pct: "26.67",
      gap: "1100000.00",
    });
  });

  it("equals sums computed directly in SQL over the flows", async () => {
    const bySql = await sql<{ flow_type: string; cents: string }>`
      select flow_type, sum(usd_minor)::text as cents from support_flows group by flow_type`.execute(
      t.handle.db,
    );
    const cents = (type: string) =>
      BigInt(bySql.rows.find((r) => r.flow_type === type)?.cents ?? 0);
    const budget = await sql<{ cents: string }>`
      select sum(budget_usd_minor)::text as cents from initiatives
      where status not in ('rejected', 'cancelled')`.execute(t.handle.db);
    const usd = (c: bigint) => formatMinorUnits(c, "USD");
    for (const by of ["", "?by=component", "?by=partner,year", "?by=country,initiative"]) {
      const { total, rows } = await summary(by);
      expect(total).toMatchObject({
        offered: usd(cents("offer")),
        announced: usd(cents("pledge")),
        committed: usd(cents("commitment")),
        disbursed: usd(cents("disbursement")),
      });
      const rowSum = (m: "committed" | "disbursed") =>
        usd(rows.reduce((s, r) => s + toMinorUnits(r[m], "USD"), 0n));
      if (by) expect(rowSum("committed")).toBe(total.committed);
      if (by) expect(rowSum("disbursed")).toBe(total.disbursed);
      if (!by.includes("partner"))
        expect(total.budget).toBe(usd(BigInt(budget.rows[0]?.cents ?? 0)));
    }
  });

  it("names each group with codes and both languages; unallocated support has no country", async () => {
    const { rows } = await summary("?by=component,country");
    expect(rows.map((r) => [r.key.component?.code, r.key.country, r.remainder])).toEqual([
      ["A", "GT", null],
      ["B", "HN", null],
      ["B", null, "not_allocated_to_initiative"],
      ["C", null, "not_allocated_to_initiative"],
    ]);
    expect(rows[2]).toMatchObject({ budget: null, gap: null, committed: "129390.00" });
    expect(rows[0]?.key.component?.name).toEqual({ es: "Componente A", en: "Combating crime" });
    const byInitiative = await summary(`?by=initiative&initiative=${ids.AC1}`);
    expect(byInitiative.rows).toHaveLength(1);
    expect(byInitiative.rows[0]?.key.initiative).toMatchObject({
      code: "AC1",
      title: { es: "Iniciativa AC1", en: "Initiative AC1" },
    });
    expect(byInitiative.rows[0]).toMatchObject({ coverage_pct: "40.00", gap: "600000.00" });
  });

  it("has no budget by partner or year, since budgets are neither", async () => {
    const byYear = await summary("?by=year");
    expect(byYear.rows.map((r) => [r.key.year, r.budget, r.committed])).toEqual([
      [2011, null, "0.00"],
      [2012, null, "529390.00"],
    ]);
    expect(byYear.total).toMatchObject({ budget: null, coverage_pct: null, gap: null });
    const oneYear = await summary(`?year=2012&partner=${w.partners.EU}`);
    expect(oneYear.total).toMatchObject({
      budget: null,
      committed: "400000.00",
      announced: "0.00",
    });
  });

  it("tells the initiatives module whether the funding is secured", async () => {
    const one = async (id: string) =>
      summarizeFunding({ db: t.handle.db, by: [], filter: { initiativeIds: [id] } });
    expect(isBudgetCovered((await one(ids.AC1 ?? "")).total)).toBe(false);
    await postFlow(t, {
      flow_type: "commitment",
      support_kind: "financial",
      partner_id: w.partners.ES,
      initiative_id: ids.AC1,
      value: { amount: "600000.00", currency: "USD" },
      value_date: "2012-07-01",
    });
    const covered = (await one(ids.AC1 ?? "")).total;
    expect(covered).toMatchObject({ committed: "1000000.00", coverage_pct: "100.00", gap: "0.00" });
    expect(isBudgetCovered(covered)).toBe(true);
  });

  it("is described in the OpenAPI document, with no way to edit or delete a flow", async () => {
    const doc = await t.request<{ paths: Record<string, object>; components: { schemas: object } }>(
      {
        method: "GET",
        url: "/api/openapi.json",
      },
    );
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/flows",
        "/api/flows/{id}",
        "/api/flows/{id}/reversal",
        "/api/funding/summary",
      ]),
    );
    expect(Object.keys(doc.body.paths["/api/flows/{id}"] ?? {})).toEqual(["get"]);
    expect(doc.body.components.schemas).toHaveProperty("Flow");
    expect(doc.body.components.schemas).toHaveProperty("FundingSummary");
  });

  it("refuses an unknown dimension with 400 naming the query field", async () => {
    const response = await t.request<ErrorBody>({
      method: "GET",
      url: "/api/funding/summary?by=component,donor",
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0]?.path).toMatch(/^query\.by/);
  });
});
