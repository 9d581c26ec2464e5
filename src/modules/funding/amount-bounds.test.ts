import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/support/app.ts";
import { MAX_AMOUNT_USD } from "../../contracts/money.ts";
import { AppError } from "../../platform/errors.ts";
import { systemPrincipal } from "../accounts/index.ts";
import {
  countFlows,
  type ErrorBody,
  insertInitiative,
  type LedgerWorld,
  openLedgerWorld,
  postFlow,
  postReversal,
  readFundingSummary,
} from "./funding.fixtures.ts";
import { recordFlows } from "./record-flows.ts";

/** Largest bigint PostgreSQL holds: 9,223,372,036,854,775,807 (US cents, ≈ 92 quadrillion USD). */
const INT8_MAX = 9_223_372_036_854_775_807n;
const AT_BOUND = { amount: MAX_AMOUNT_USD, currency: "USD" } as const;

describe("amounts are bounded, and the roll-up cannot overflow", () => {
  let t: TestApp;
  let w: LedgerWorld;
  /** The summary as the public reads it, or as the administrator (unpublished included). */
  const summary = (query = "", as: "public" | "admin" = "public") =>
    readFundingSummary(as === "public" ? t.anonymous : t.request, query);

  beforeAll(async () => {
    ({ t, w } = await openLedgerWorld());
    await t.handle.db
      .insertInto("exchange_rates")
      .values([
        { currency: "KWD", rate_date: "2011-06-22", usd_per_unit: "3.6", source: "test" },
        { currency: "CLF", rate_date: "2011-06-22", usd_per_unit: "46.5", source: "test" },
        // A mistyped rate, as a person editing rates could enter it.
        { currency: "KWD", rate_date: "2012-06-22", usd_per_unit: "3600000", source: "typo" },
      ])
      .execute();
  });
  afterAll(async () => t.close());

  it("leaves the public summary answering with exact figures after 93 offers at the bound", async () => {
    const offers: string[] = [];
    for (let i = 0; i < 93; i++) {
      const offer = await postFlow(t, {
        flow_type: "offer",
        support_kind: "financial",
        partner_id: i % 2 ? w.partners.EU : w.partners.ES,
        component_id: i % 3 ? w.components.A : w.components.B,
        value: AT_BOUND,
        value_date: "2011-06-22",
      });
      expect(offer.status).toBe(201);
      offers.push(offer.body.id);
    }
    // 93 × 100,000,000,000.00 = 9,300,000,000,000.00 USD.
    expect((await summary()).total.offered).toBe("9300000000000.00");
    const byPartner = await summary("?by=partner,component");
    const sum = byPartner.rows.reduce(
      (cents, row) => cents + BigInt(row.offered.replace(".", "")),
      0n,
    );
    expect(sum).toBe(930_000_000_000_000n);
    // Reversing some nets them out exactly.
    for (const id of offers.slice(0, 3)) {
      expect((await postReversal(t, id, { reason: "withdrawn" })).status).toBe(201);
    }
    expect((await summary()).total.offered).toBe("9000000000000.00");
  });

  it("refuses an amount worth more than the bound, naming the field and writing nothing", async () => {
    const before = await countFlows(t.handle.db);
    const offer = (value: { amount: string; currency: string }, value_date = "2011-06-22") =>
      postFlow(t, {
        flow_type: "offer",
        support_kind: "financial",
        partner_id: w.partners.EU,
        component_id: w.components.A,
        value,
        value_date,
      });
    for (const [value, date, said] of [
      [
        { amount: "100000000000.01", currency: "USD" },
        "2011-06-22",
        /at most USD 100000000000\.00/,
      ],
      [{ amount: "999999999999999.99", currency: "USD" }, "2011-06-22", /at most USD/],
      // 27,777,777,778 KWD × 3.6 = 100,000,000,000.80 USD: a cent over, after conversion.
      [{ amount: "27777777778", currency: "KWD" }, "2011-06-22", /worth USD 100000000000\.80/],
      [{ amount: "999999999999999.999", currency: "KWD" }, "2011-06-22", /more than one amount/],
      // A sensible amount at a mistyped rate: 1,000,000 KWD × 3,600,000.
      [{ amount: "1000000", currency: "KWD" }, "2012-07-01", /at the rate of 2012-06-22/],
      [{ amount: "99999999999999.9999", currency: "CLF" }, "2011-06-22", /more than one amount/],
      [{ amount: "999999999999999.9999", currency: "CLF" }, "2011-06-22", /18 in all/],
    ] as const) {
      const refused = (await offer(value, date)) as { status: number; body: ErrorBody };
      expect(refused.status, `${value.amount} ${value.currency}`).toBe(400);
      expect(refused.body.error.code).toBe("validation_failed");
      // The message names the field as people know it, never by its key in the request.
      expect(refused.body.error.message).toMatch(/^Amount: /);
      expect(refused.body.error.message).toMatch(said);
      expect(refused.body.error.details.map((d) => d.path)).toEqual(["value.amount"]);
    }
    // Just within: 27,777,777,777 KWD × 3.6 = 99,999,999,997.20 USD.
    const within = await offer({ amount: "27777777777", currency: "KWD" });
    expect(within.status).toBe(201);
    expect(within.body.value_usd).toEqual({ amount: "99999999997.20", currency: "USD" });
    expect(await countFlows(t.handle.db)).toBe(before + 1);
  });

  it("refuses the same in a batch of entries, naming the entry", async () => {
    const before = await countFlows(t.handle.db);
    const entry = (amount: string, currency: string) => ({
      flow_type: "offer" as const,
      support_kind: "financial" as const,
      partner_id: w.partners.IDB,
      component_id: w.components.C,
      value: { amount, currency },
      value_date: "2011-06-22",
    });
    const refusal = await recordFlows({
      db: t.handle.db,
      entries: [entry("10.00", "USD"), entry("27777777778", "KWD")],
      principal: systemPrincipal("bounds-test"),
    }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe("validation_failed");
    expect((refusal as AppError).details.map((d) => d.path)).toEqual(["entries.1.value.amount"]);
    expect(await countFlows(t.handle.db)).toBe(before);
  });

  it("sums past PostgreSQL's bigint exactly, in every grouping, budgets included", async () => {
    // Rows no API accepts (each above the bound), written straight to the tables, as data
    // recorded before the bound or by hand would be: the roll-up must still add them up.
    const db = t.handle.db;
    const big = 9_000_000_000_000_000_000n;
    const budgets = [
      await insertInitiative(db, {
        code: "BIG1",
        componentId: w.components.C,
        leadCountry: "GT",
        budgetUsdMinor: big,
      }),
      await insertInitiative(db, {
        code: "BIG2",
        componentId: w.components.C,
        leadCountry: "HN",
        budgetUsdMinor: big,
      }),
    ];
    await db
      .insertInto("support_flows")
      .values(
        [0, 1, 2].map((i) => ({
          flow_type: "commitment",
          support_kind: "financial",
          partner_id: w.partners.IDB,
          initiative_id: budgets[0] ?? null,
          component_id: w.components.C,
          amount_minor: big,
          currency: "USD",
          value_date: `201${i}-06-22`,
          usd_minor: big,
          fx_rate: "1",
          fx_date: `201${i}-06-22`,
          recorded_by: "test",
        })),
      )
      .execute();
    const total = (await summary("", "admin")).total;
    // Budgets: 2 × 9e18 cents; committed: 3 × 9e18 cents, both past INT8_MAX.
    expect(BigInt(total.budget?.replace(".", "") ?? "0") > INT8_MAX).toBe(true);
    expect(total.budget).toBe("180000000000000000.00");
    expect(total.committed).toBe("270000000000000000.00");
    const byInitiative = await summary("?by=initiative", "admin");
    const big1 = byInitiative.rows.find((row) => row.key.initiative?.code === "BIG1");
    expect(big1).toMatchObject({
      budget: "90000000000000000.00",
      committed: "270000000000000000.00",
      coverage_pct: "300.00",
      gap: "0.00",
    });
    const byYear = await summary("?by=year", "admin");
    expect(byYear.rows.find((row) => row.key.year === 2012)?.committed).toBe(
      "90000000000000000.00",
    );
    // The over-commitment check sums the pair the same way, one entry or a batch.
    const disbursement = await postFlow(t, {
      flow_type: "disbursement",
      support_kind: "financial",
      partner_id: w.partners.IDB,
      initiative_id: budgets[0],
      value: { amount: "1.00", currency: "USD" },
      value_date: "2013-01-01",
    });
    expect(disbursement.status).toBe(201);
    const [batched] = await recordFlows({
      db,
      entries: [
        {
          flow_type: "disbursement",
          support_kind: "financial",
          partner_id: w.partners.IDB,
          initiative_id: budgets[0] ?? null,
          value: { amount: "2.00", currency: "USD" },
          value_date: "2013-01-02",
        },
      ],
      principal: systemPrincipal("bounds-test"),
    });
    expect(batched?.value_usd).toEqual({ amount: "2.00", currency: "USD" });
  });
});
