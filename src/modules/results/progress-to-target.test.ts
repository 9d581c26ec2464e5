import { describe, expect, it } from "vitest";
import { progressToTarget, targetFor } from "./progress-to-target.ts";

const m = (value: string, year: number) => ({ value, year });

describe("progressToTarget", () => {
  it("measures the way from baseline to target when higher is better", () => {
    const p = progressToTarget({
      direction: "higher_is_better",
      baseline: m("20", 2011),
      target: m("60", 2015),
      actual: m("40", 2013),
    });
    expect(p).toMatchObject({ status: "progressing", percent: "50.0", baseline_met_target: false });
  });

  it("measures a fall as progress when lower is better", () => {
    const p = progressToTarget({
      direction: "lower_is_better",
      baseline: m("40", 2010),
      target: m("30", 2016),
      actual: m("35", 2013),
    });
    expect(p).toMatchObject({ status: "progressing", percent: "50.0" });
    const third = progressToTarget({
      direction: "lower_is_better",
      baseline: m("41.4", 2010),
      target: m("30", 2016),
      actual: m("37.6", 2013),
    });
    // (37.6 − 41.4) ÷ (30 − 41.4) = 3.8 ÷ 11.4 = 33.33… → 33.3
    expect(third.percent).toBe("33.3");
  });

  it("says worsened, with a negative share, when the actual moved the wrong way", () => {
    const lower = progressToTarget({
      direction: "lower_is_better",
      baseline: m("40", 2010),
      target: m("30", 2016),
      actual: m("45", 2013),
    });
    expect(lower).toMatchObject({ status: "worsened", percent: "-50.0" });
    const higher = progressToTarget({
      direction: "higher_is_better",
      baseline: m("100", 2010),
      target: m("200", 2016),
      actual: m("99.95", 2013),
    });
    expect(higher).toMatchObject({ status: "worsened", percent: "-0.1" });
  });

  it("says met, past 100 %, when the actual is beyond the target", () => {
    const p = progressToTarget({
      direction: "lower_is_better",
      baseline: m("40", 2010),
      target: m("30", 2016),
      actual: m("28", 2014),
    });
    expect(p).toMatchObject({ status: "met", percent: "120.0" });
    const exactly = progressToTarget({
      direction: "higher_is_better",
      baseline: m("0", 2011),
      target: m("12", 2014),
      actual: m("12", 2014),
    });
    expect(exactly).toMatchObject({ status: "met", percent: "100.0" });
  });

  it("gives no share when the baseline already met the target", () => {
    const kept = progressToTarget({
      direction: "lower_is_better",
      baseline: m("25", 2010),
      target: m("30", 2016),
      actual: m("27", 2014),
    });
    expect(kept).toMatchObject({ status: "met", percent: null, baseline_met_target: true });
    const lost = progressToTarget({
      direction: "lower_is_better",
      baseline: m("25", 2010),
      target: m("30", 2016),
      actual: m("31.5", 2014),
    });
    expect(lost).toMatchObject({ status: "not_met", percent: null, baseline_met_target: true });
    const equal = progressToTarget({
      direction: "higher_is_better",
      baseline: m("50", 2010),
      target: m("50", 2016),
      actual: m("49", 2014),
    });
    expect(equal).toMatchObject({ status: "not_met", percent: null, baseline_met_target: true });
  });

  it("says only met or not met without a baseline, and not reported without an actual", () => {
    expect(
      progressToTarget({
        direction: "higher_is_better",
        baseline: null,
        target: m("10", 2015),
        actual: m("9", 2014),
      }),
    ).toMatchObject({ status: "not_met", percent: null });
    expect(
      progressToTarget({
        direction: "higher_is_better",
        baseline: m("1", 2011),
        target: m("10", 2015),
        actual: null,
      }),
    ).toMatchObject({ status: "not_reported", percent: null, actual: null });
  });

  it("is exact on published decimals (no float rounding)", () => {
    const p = progressToTarget({
      direction: "lower_is_better",
      baseline: m("0.3", 2010),
      target: m("0.1", 2016),
      actual: m("0.2", 2013),
    });
    // In floats (0.2 − 0.3) ÷ (0.1 − 0.3) is 0.49999999999999994.
    expect(p.percent).toBe("50.0");
  });
});

describe("targetFor", () => {
  const targets = [m("10", 2013), m("20", 2015)];
  it("holds an actual to its year's target, else the next, else the final one", () => {
    expect(targetFor(targets, 2013)).toEqual(m("10", 2013));
    expect(targetFor(targets, 2014)).toEqual(m("20", 2015));
    expect(targetFor(targets, 2016)).toEqual(m("20", 2015));
    expect(targetFor([], 2016)).toBeNull();
  });
});
