import type { IndicatorDirection } from "../../contracts/indicators.ts";
import type { Progress } from "../../contracts/results.ts";

interface Measurement {
  value: string;
  year: number;
}

/** Ten decimals, as the database keeps them: "41.4" → 414000000000n. Exact, never a float. */
const SCALE = 10;
function scaled(value: string): bigint {
  const negative = value.startsWith("-");
  const [whole = "0", fraction = ""] = value.replace(/^-/, "").split(".");
  const digits = BigInt(whole + fraction.padEnd(SCALE, "0").slice(0, SCALE));
  return negative ? -digits : digits;
}

/** numerator ÷ denominator × 100 to one decimal, half away from zero: "50.0", "-12.5". */
function percentOf(numerator: bigint, denominator: bigint): string {
  const tenths = numerator * 1000n;
  const negative = tenths < 0n !== denominator < 0n;
  const a = tenths < 0n ? -tenths : tenths;
  const b = denominator < 0n ? -denominator : denominator;
  const rounded = (a * 2n + b) / (2n * b);
  const whole = rounded / 10n;
  const text = `${whole}.${rounded % 10n}`;
  return negative && rounded !== 0n ? `-${text}` : text;
}

/**
 * The one place "progress to target" is computed (API, pages, charts and reports read it from
 * here). Percent is how much of the way from the baseline to the target the actual has come:
 *
 *   higher is better: baseline 20, target 60, actual 40 → (40 − 20) ÷ (60 − 20) = 50.0 %
 *   lower is better:  baseline 40, target 30, actual 35 → (35 − 40) ÷ (30 − 40) = 50.0 %
 *   lower is better:  baseline 40, target 30, actual 45 → −50.0 %, "worsened"
 *   actual beyond the target (28 for a target of 30, lower is better) → "met", 120.0 %
 *
 * Where the baseline already met the target (lower is better, baseline 25, target 30) there is
 * no way to go: percent is null, the status says whether the actual still meets the target,
 * and baseline_met_target says why. Without a baseline only met / not met can be said.
 */
export function progressToTarget(options: {
  direction: IndicatorDirection;
  baseline: Measurement | null;
  target: Measurement | null;
  actual: Measurement | null;
}): Progress {
  const { direction, baseline, target, actual } = options;
  // Positive when `a` is better than `b` in this indicator's direction.
  const better = (a: bigint, b: bigint) => (direction === "higher_is_better" ? a - b : b - a);
  const baselineMet =
    baseline !== null &&
    target !== null &&
    better(scaled(baseline.value), scaled(target.value)) >= 0n;
  const base = { baseline_met_target: baselineMet, actual, target };
  if (actual === null || target === null) {
    return { status: "not_reported", percent: null, ...base };
  }
  const a = scaled(actual.value);
  const t = scaled(target.value);
  const met = better(a, t) >= 0n;
  if (baseline === null || baselineMet) {
    return { status: met ? "met" : "not_met", percent: null, ...base };
  }
  const b = scaled(baseline.value);
  const percent = percentOf(a - b, t - b);
  if (met) return { status: "met", percent, ...base };
  return { status: better(a, b) < 0n ? "worsened" : "progressing", percent, ...base };
}

/**
 * The target an actual is held to: the one of its year, else the next one after it, else the
 * final one. Targets sorted by year.
 */
export function targetFor(targets: Measurement[], year: number): Measurement | null {
  return (
    targets.find((t) => t.year === year) ??
    targets.find((t) => t.year > year) ??
    targets.at(-1) ??
    null
  );
}
