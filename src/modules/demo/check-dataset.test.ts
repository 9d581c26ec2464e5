import { describe, expect, it } from "vitest";
import { checkDataset } from "./check-dataset.ts";
import { loadDemoDataset } from "./load-dataset.ts";

describe("the demo dataset files", () => {
  const dataset = loadDemoDataset();

  it("hold the portfolio, the partners and the published figures", () => {
    expect(dataset.initiatives).toHaveLength(22);
    expect(dataset.organizations.filter((o) => o.kind === "member_state")).toHaveLength(8);
    expect(dataset.organizations.filter((o) => o.kind === "partner_government")).toHaveLength(17);
    const published = dataset.flows.filter((f) => f.type === "pledge" && !f.illustrative);
    expect(published.map((f) => f.type !== "reversal" && f.partner).sort()).toEqual([
      "ESP",
      "IDB",
      "USA",
      "WB",
    ]);
    // The 2025 release's annual series (184 rows) and the 2011 Global Study's 2010 points (7).
    expect(dataset.indicators[0]?.observations).toHaveLength(191);
  });

  it("refuses a disbursement above its commitment", () => {
    const broken = structuredClone(dataset);
    const disbursement = broken.flows.find((f) => f.type === "disbursement");
    if (!disbursement || disbursement.type === "reversal") throw new Error("no disbursement");
    disbursement.amount = "999999999";
    expect(() => checkDataset(broken)).toThrow(/disbursements exceed commitment/);
  });

  it("refuses an amount with no exchange rate for its value date", () => {
    const broken = structuredClone(dataset);
    // Monthly averages: a gap is only a gap when no rate of the year before fills it.
    broken.exchangeRates = broken.exchangeRates.filter(
      (r) => !(r.currency === "EUR" && r.date >= "2011-01-01" && r.date < "2013-01-01"),
    );
    expect(() => checkDataset(broken)).toThrow(/no EUR rate on or within 366 days before 2012-/);
  });

  it("refuses an initiative in execution without covering commitments or an override", () => {
    const broken = structuredClone(dataset);
    const bordered = broken.initiatives.find((i) => i.code === "AD1");
    if (!bordered) throw new Error("no AD1");
    delete bordered.funding_override_reason;
    expect(() => checkDataset(broken)).toThrow(/AD1 is in_execution without commitments/);
  });
});
