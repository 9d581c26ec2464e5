import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/support/app.ts";
import type { RollupDimension } from "../../contracts/enums.ts";
import { systemPrincipal } from "../accounts/index.ts";
import { insertInitiative, type LedgerWorld, openLedgerWorld } from "./funding.fixtures.ts";
import { recordFlow } from "./record-flow.ts";
import { summarizeFunding } from "./summarize-funding.ts";

/**
 * The definitions of docs/MEASURES.md on the cases issue 18 found wrong: a commitment to no
 * initiative, a partner that commits without pledging, a pledge partly committed.
 */
describe("the measures' definitions", () => {
  let t: TestApp;
  let w: LedgerWorld;
  const ids: Record<string, string> = {};
  const summary = (by: RollupDimension[], filter = {}) =>
    summarizeFunding({ db: t.handle.db, by, filter });

  beforeAll(async () => {
    ({ t, w } = await openLedgerWorld());
    const db = t.handle.db;
    const initiative = (code: string, component: "A" | "B", country: string, budget: bigint) =>
      insertInitiative(db, {
        code,
        componentId: w.components[component],
        leadCountry: country,
        budgetUsdMinor: budget,
      });
    ids.AF9 = await initiative("AF9", "A", "GT", 300_000_000n); // 3,000,000.00
    ids.AF8 = await initiative("AF8", "A", "HN", 100_000_000n); // 1,000,000.00
    ids.BA1 = await initiative("BA1", "B", "GT", 50_000_000n); //    500,000.00
    const flow = (type: string, partner: "EU" | "IDB" | "ES", to: object, amount: string) =>
      recordFlow({
        db,
        principal: systemPrincipal("test"),
        input: {
          flow_type: type as "pledge",
          support_kind: "financial",
          partner_id: w.partners[partner],
          ...to,
          value: { amount, currency: "USD" },
          value_date: "2012-06-30",
        },
      });
    // The IDB pledges 1,000,000 to AF9 and commits 800,000 of it.
    await flow("pledge", "IDB", { initiative_id: ids.AF9 }, "1000000.00");
    await flow("commitment", "IDB", { initiative_id: ids.AF9 }, "800000.00");
    // Spain commits 1,500,000 to AF8 without pledging: 500,000 more than its budget.
    await flow("commitment", "ES", { initiative_id: ids.AF8 }, "1500000.00");
    // The EU pledges 2,000,000 to component B, commits 700,000 of it to BA1 and 200,000 to
    // component B without an initiative.
    await flow("pledge", "EU", { component_id: w.components.B }, "2000000.00");
    await flow("commitment", "EU", { initiative_id: ids.BA1 }, "700000.00");
    await flow("commitment", "EU", { component_id: w.components.B }, "200000.00");
  });
  afterAll(async () => t.close());

  it("gap: each initiative's budget − what is committed to it, never below zero, then summed", async () => {
    const { rows, total } = await summary(["initiative"]);
    expect(rows.map((r) => [r.key.initiative?.code ?? null, r.gap, r.remainder])).toEqual([
      ["AF8", "0.00", null],
      ["AF9", "2200000.00", null],
      ["BA1", "0.00", null],
      [null, null, "not_allocated_to_initiative"],
    ]);
    // Spain's 500,000 beyond AF8's budget and the EU's 200,000 to no initiative fill no gap.
    expect(total.gap).toBe("2200000.00");
    expect(total.committed).toBe("3200000.00");
    expect(total.committed_not_allocated).toBe("200000.00");
    // Coverage: committed to initiatives (3,000,000) ÷ budget (4,500,000).
    expect(total.coverage_pct).toBe("66.67");
  });

  it("commitments to no initiative are a remainder row of their own, not a country's", async () => {
    const { rows, total } = await summary(["country"]);
    expect(rows.map((r) => [r.key.country, r.committed, r.gap, r.remainder])).toEqual([
      ["GT", "1500000.00", "2200000.00", null],
      ["HN", "1500000.00", "0.00", null],
      [null, "200000.00", null, "not_allocated_to_initiative"],
    ]);
    expect(total).toMatchObject({ committed: "3200000.00", gap: "2200000.00" });
    const byComponent = await summary(["component"]);
    expect(
      byComponent.rows.map((r) => [r.key.component?.code, r.committed, r.budget, r.remainder]),
    ).toEqual([
      ["A", "2300000.00", "4000000.00", null],
      ["B", "700000.00", "500000.00", null],
      ["B", "200000.00", null, "not_allocated_to_initiative"],
    ]);
  });

  it("announced, not yet committed: per partner, then summed; nobody's commitment nets another's pledge", async () => {
    const byPartner = await summary(["partner"]);
    expect(byPartner.rows.map((r) => [r.key.partner?.code, r.announced_not_committed])).toEqual([
      ["ES", "0.00"],
      ["EU", "1100000.00"],
      ["IDB", "200000.00"],
    ]);
    expect(byPartner.total.announced_not_committed).toBe("1300000.00");
    // Guatemala: the IDB's 200,000 of AF9 is still open.
    const guatemala = await summary([], { countries: ["GT"] });
    expect(guatemala.total.announced_not_committed).toBe("200000.00");
    const byCountry = await summary(["country"]);
    expect(byCountry.rows.map((r) => r.announced_not_committed)).toEqual([
      "200000.00",
      "0.00",
      "1100000.00",
    ]);
  });

  it("has no 'not yet committed' by year: a pledge of one year may be committed in another", async () => {
    const byYear = await summary(["year"]);
    expect(byYear.total.announced_not_committed).toBeNull();
    expect(byYear.rows.every((r) => r.announced_not_committed === null)).toBe(true);
    expect((await summary([], { years: [2012] })).total.announced_not_committed).toBeNull();
  });

  it("a partner's commitments beyond its pledges meet its open pledges, unallocated ones first", async () => {
    // The EU commits 1,500,000 more to AF9, which it never pledged: it meets the EU's open
    // 1,100,000 of component B; the partner's total is then 2,000,000 − 2,400,000 → 0.
    await recordFlow({
      db: t.handle.db,
      principal: systemPrincipal("test"),
      input: {
        flow_type: "commitment",
        support_kind: "financial",
        partner_id: w.partners.EU,
        initiative_id: ids.AF9 ?? "",
        value: { amount: "1500000.00", currency: "USD" },
        value_date: "2013-01-15",
      },
    });
    const byPartner = await summary(["partner"]);
    expect(byPartner.rows.find((r) => r.key.partner?.code === "EU")?.announced_not_committed).toBe(
      "0.00",
    );
    const byCountry = await summary(["country"]);
    expect(byCountry.rows.map((r) => r.announced_not_committed)).toEqual([
      "200000.00",
      "0.00",
      "0.00",
    ]);
    expect(byCountry.total.announced_not_committed).toBe("200000.00");
  });
});
