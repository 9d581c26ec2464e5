import { memberStates } from "../../contracts/enums.ts";
import { convertToUsdMinor, toMinorUnits } from "../../contracts/money.ts";
import { latestRateOnOrBefore, RATE_LOOKBACK_DAYS } from "../exchange-rates/index.ts";
import type { DemoEntry, DemoExchangeRate } from "./demo-ledger.schema.ts";
import type { DemoDataset } from "./load-dataset.ts";

/** The rate the ledger would apply (exchange-rates' rule: latest on or before, in the window). */
function rateFor(rates: DemoExchangeRate[], currency: string, date: string): string | undefined {
  const sorted = rates
    .filter((r) => r.currency === currency)
    .map((r) => ({ rate_date: r.date, usd_per_unit: r.usd_per_unit }))
    .sort((a, b) => a.rate_date.localeCompare(b.rate_date));
  return latestRateOnOrBefore(sorted, date)?.usd_per_unit;
}

function duplicates(values: string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

/**
 * Checks what one file's schema cannot: references between files, the exchange rates the
 * amounts need, disbursements within their commitments, and the funding that lets an
 * initiative be in execution. Throws one error listing every problem.
 */
export function checkDataset(data: DemoDataset): void {
  const problems: string[] = [];
  const orgs = new Map(data.organizations.map((o) => [o.code, o]));
  const lines = new Set(data.components.flatMap((c) => c.lines.map((l) => l.code)));
  const initiatives = new Map(data.initiatives.map((i) => [i.code, i]));
  const componentCodes = new Set(data.components.map((c) => c.code));

  for (const code of duplicates(data.organizations.map((o) => o.code)))
    problems.push(`organization ${code} appears twice`);
  for (const code of duplicates(data.initiatives.map((i) => i.code)))
    problems.push(`initiative ${code} appears twice`);
  for (const key of duplicates(data.flows.map((f) => f.key)))
    problems.push(`flow ${key} appears twice`);
  const members = data.organizations.filter((o) => o.kind === "member_state");
  const memberCodes = members.map((o) =>
    o.code === o.country ? o.code : `${o.code}≠${o.country}`,
  );
  if (memberCodes.sort().join() !== [...memberStates].sort().join())
    problems.push(`member states must be the eight SICA members, coded by country: ${memberCodes}`);

  const usdOf = (amount: string, currency: string, date: string, what: string): bigint => {
    const minor = toMinorUnits(amount, currency);
    if (currency === "USD") return minor;
    const rate = rateFor(data.exchangeRates, currency, date);
    if (rate) return convertToUsdMinor(minor, currency, rate);
    problems.push(
      `${what}: no ${currency} rate on or within ${RATE_LOOKBACK_DAYS} days before ${date}`,
    );
    return 0n;
  };

  const budgetsUsd = new Map<string, bigint>();
  for (const i of data.initiatives) {
    if (!lines.has(i.line)) problems.push(`initiative ${i.code}: no line of action ${i.line}`);
    for (const target of i.targets ?? [])
      if (!data.indicators.some((indicator) => indicator.code === target.indicator))
        problems.push(`initiative ${i.code}: no indicator ${target.indicator}`);
    if (i.executing_agency && !orgs.has(i.executing_agency))
      problems.push(`initiative ${i.code}: no organization ${i.executing_agency}`);
    const { amount, currency, value_date } = i.budget;
    budgetsUsd.set(i.code, usdOf(amount, currency, value_date, `budget of ${i.code}`));
  }

  const entries = new Map<string, DemoEntry>();
  const reversed = new Set<string>();
  const committedUsd = new Map<string, bigint>();
  const disbursedByCommitment = new Map<string, bigint>();
  for (const flow of data.flows) {
    if (flow.type === "reversal") {
      const original = entries.get(flow.reverses);
      if (!original || reversed.has(flow.reverses))
        problems.push(`reversal ${flow.key}: ${flow.reverses} is not an earlier, unreversed entry`);
      else if (original.commitment && original.amount) {
        const sum = disbursedByCommitment.get(original.commitment) ?? 0n;
        const minor = toMinorUnits(original.amount, original.currency ?? "USD");
        disbursedByCommitment.set(original.commitment, sum - minor);
      }
      reversed.add(flow.reverses);
      continue;
    }
    const at = `flow ${flow.key}`;
    const partner = orgs.get(flow.partner);
    if (!partner || partner.kind === "member_state")
      problems.push(`${at}: ${flow.partner} is not a partner organization`);
    if (flow.initiative && !initiatives.has(flow.initiative))
      problems.push(`${at}: no initiative ${flow.initiative}`);
    if (flow.component && !componentCodes.has(flow.component))
      problems.push(`${at}: no component ${flow.component}`);
    const pledge = flow.pledge ? entries.get(flow.pledge) : undefined;
    if (flow.pledge && (pledge?.type !== "pledge" || pledge.partner !== flow.partner))
      problems.push(`${at}: ${flow.pledge} is not an earlier pledge of ${flow.partner}`);
    const commitment = flow.commitment ? entries.get(flow.commitment) : undefined;
    if (flow.commitment) {
      const ok =
        commitment?.type === "commitment" &&
        commitment.partner === flow.partner &&
        commitment.initiative === flow.initiative &&
        commitment.currency === flow.currency;
      if (!ok || !commitment?.amount || !flow.amount)
        problems.push(
          `${at}: ${flow.commitment} is not an earlier commitment of the same partner, initiative and currency`,
        );
      else {
        const sum =
          (disbursedByCommitment.get(flow.commitment) ?? 0n) +
          toMinorUnits(flow.amount, commitment.currency ?? "USD");
        if (sum > toMinorUnits(commitment.amount, commitment.currency ?? "USD"))
          problems.push(`${at}: disbursements exceed commitment ${flow.commitment}`);
        disbursedByCommitment.set(flow.commitment, sum);
      }
    }
    const usd =
      flow.amount && flow.currency ? usdOf(flow.amount, flow.currency, flow.value_date, at) : 0n;
    if (flow.type === "commitment" && flow.support_kind === "financial" && flow.initiative)
      committedUsd.set(flow.initiative, (committedUsd.get(flow.initiative) ?? 0n) + usd);
    entries.set(flow.key, flow);
  }

  for (const flow of data.flows) {
    if (flow.type !== "disbursement" || !flow.initiative) continue;
    const started = initiatives.get(flow.initiative)?.history.in_execution;
    if (!started || flow.value_date < started)
      problems.push(
        `flow ${flow.key}: disbursed on ${flow.value_date}, before ${flow.initiative} started execution (${started ?? "never"})`,
      );
  }

  for (const i of data.initiatives) {
    if (i.status !== "in_execution" && i.status !== "completed") continue;
    const covered = (committedUsd.get(i.code) ?? 0n) >= (budgetsUsd.get(i.code) ?? 0n);
    if (!covered && !i.funding_override_reason)
      problems.push(
        `initiative ${i.code} is ${i.status} without commitments covering its budget or an override reason`,
      );
  }
  if (problems.length > 0)
    throw new Error(`The demo dataset is inconsistent:\n- ${problems.join("\n- ")}`);
}
