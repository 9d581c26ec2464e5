import fc from "fast-check";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/support/app.ts";
import { type FlowType, flowTypes, type RollupDimension } from "../../contracts/enums.ts";
import { convertToUsdMinor, formatMinorUnits, toMinorUnits } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";
import { systemPrincipal } from "../accounts/index.ts";
import {
  EUR_RATES,
  inRolledBackTransaction,
  insertInitiative,
  type LedgerWorld,
  openLedgerWorld,
} from "./funding.fixtures.ts";
import type { FundingMeasures, FundingSummary } from "./funding.schema.ts";
import { recordFlow } from "./record-flow.ts";
import { reverseFlow } from "./reverse-flow.ts";
import { summarizeFunding } from "./summarize-funding.ts";

const RUNS = 15;
const components = ["A", "B", "C"] as const;
const partners = ["EU", "IDB", "ES"] as const;
const years = [2011, 2012, 2013] as const;
/** The EUR rate each year's flows are valued at (value date 30 June; see EUR_RATES). */
const eurRate = {
  2011: EUR_RATES["2011-06-22"],
  2012: EUR_RATES["2012-01-01"],
  2013: EUR_RATES["2013-01-01"],
};

const initiativeArb = fc.record({
  component: fc.constantFrom(...components),
  country: fc.constantFrom("GT", "HN", "SV"),
  budget: fc.bigInt({ min: 0n, max: 10n ** 12n }),
  status: fc.constantFrom("draft", "seeking_funding", "in_execution", "rejected", "cancelled"),
});
const flowArb = fc.record({
  type: fc.constantFrom(...flowTypes),
  partner: fc.constantFrom(...partners),
  /** Index into the initiatives, or null for unallocated support to `component`. */
  initiative: fc.option(fc.nat(), { nil: null }),
  component: fc.constantFrom(...components),
  amount: fc.bigInt({ min: 1n, max: 10n ** 11n }),
  currency: fc.constantFrom("USD", "EUR"),
  year: fc.constantFrom(...years),
  technical: fc.boolean(),
  reversed: fc.boolean(),
});
const datasetArb = fc.record({
  initiatives: fc.array(initiativeArb, { maxLength: 5 }),
  flows: fc.array(flowArb, { maxLength: 12 }),
});
type Dataset = typeof datasetArb extends fc.Arbitrary<infer T> ? T : never;

const ADDITIVE = [
  "budget",
  "offered",
  "announced",
  "committed",
  "committed_not_allocated",
  "disbursed",
  "announced_not_committed",
  "gap",
] as const;
const cents = (value: string | null) => (value === null ? null : toMinorUnits(value, "USD"));
const sumRows = (summary: FundingSummary, measure: (typeof ADDITIVE)[number]) =>
  summary.rows.reduce((total, row) => total + (cents(row[measure]) ?? 0n), 0n);

describe("funding roll-up properties", () => {
  let t: TestApp;
  let w: LedgerWorld;
  beforeAll(async () => ({ t, w } = await openLedgerWorld()));
  afterAll(async () => t.close());

  /** Writes a dataset through the use cases; returns the expected totals in US cents. */
  async function load(db: Kysely<Database>, data: Dataset) {
    const expected: Record<FlowType | "budget", bigint> = {
      budget: 0n,
      offer: 0n,
      pledge: 0n,
      commitment: 0n,
      disbursement: 0n,
    };
    const initiativeIds: string[] = [];
    for (const [i, initiative] of data.initiatives.entries()) {
      initiativeIds.push(
        await insertInitiative(db, {
          code: `P${i}`,
          componentId: w.components[initiative.component],
          leadCountry: initiative.country,
          budgetUsdMinor: initiative.budget,
          status: initiative.status,
        }),
      );
      if (initiative.status !== "rejected" && initiative.status !== "cancelled")
        expected.budget += initiative.budget;
    }
    for (const flow of data.flows) {
      const initiativeId =
        flow.initiative === null
          ? undefined
          : initiativeIds[flow.initiative % initiativeIds.length];
      const recorded = await recordFlow({
        db,
        principal: systemPrincipal("property"),
        input: {
          flow_type: flow.type,
          support_kind: flow.technical ? "technical" : "financial",
          partner_id: w.partners[flow.partner],
          ...(initiativeId
            ? { initiative_id: initiativeId }
            : { component_id: w.components[flow.component] }),
          value: { amount: formatMinorUnits(flow.amount, flow.currency), currency: flow.currency },
          ...(flow.technical && { description: "Experts" }),
          value_date: `${flow.year}-06-30`,
          ...(flow.type === "disbursement" && { over_commitment_reason: "property test" }),
        },
      });
      if (flow.reversed) {
        await reverseFlow({
          db,
          principal: systemPrincipal("property"),
          flowId: recorded.id,
          input: { reason: "property test", over_commitment_reason: "property test" },
        });
      } else {
        expected[flow.type] += convertToUsdMinor(
          flow.amount,
          flow.currency,
          flow.currency === "EUR" ? eurRate[flow.year] : "1",
        );
      }
    }
    return expected;
  }

  it("totals equal the flows recorded, and every grouping (remainder rows included) adds up to the total", async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, async (data) =>
        inRolledBackTransaction(t.handle.db, async (db) => {
          const expected = await load(db, data);
          const total = (await summarizeFunding({ db, by: [] })).total;
          expect(
            [total.budget, total.offered, total.announced, total.committed, total.disbursed].map(
              cents,
            ),
          ).toEqual([
            expected.budget,
            expected.offer,
            expected.pledge,
            expected.commitment,
            expected.disbursement,
          ]);
          const groupings: RollupDimension[][] = [
            ["component"],
            ["country"],
            ["initiative"],
            ["partner"],
            ["year"],
            ["component", "year"],
            ["partner", "initiative"],
          ];
          for (const by of groupings) {
            const grouped = await summarizeFunding({ db, by });
            for (const measure of ADDITIVE) {
              if (grouped.total[measure] === null) continue;
              expect(sumRows(grouped, measure), `${measure} by ${by}`).toBe(cents(total[measure]));
            }
          }
        }),
      ),
      { numRuns: RUNS },
    );
  });

  it("a flow and its reversal net to zero in every group", async () => {
    const by: RollupDimension[] = ["component", "partner", "year", "initiative"];
    const nonZero = (summary: FundingSummary) =>
      summary.rows.filter((row) => ADDITIVE.some((m) => row[m] !== null && cents(row[m]) !== 0n));
    await fc.assert(
      fc.asyncProperty(
        datasetArb,
        fc.array(flowArb, { minLength: 1, maxLength: 4 }),
        async (data, extra) =>
          inRolledBackTransaction(t.handle.db, async (db) => {
            await load(db, data);
            const before = await summarizeFunding({ db, by });
            await load(db, {
              initiatives: [],
              flows: extra.map((f) => ({ ...f, initiative: null, reversed: true })),
            });
            const after = await summarizeFunding({ db, by });
            expect(nonZero(after)).toEqual(nonZero(before));
            expect(after.total).toEqual(before.total satisfies FundingMeasures);
          }),
      ),
      { numRuns: RUNS },
    );
  });
});
