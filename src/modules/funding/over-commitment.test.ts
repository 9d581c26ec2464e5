import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/support/app.ts";
import {
  insertInitiative,
  type LedgerWorld,
  openLedgerWorld,
  postFlow,
} from "./funding.fixtures.ts";

describe("disbursed never exceeds committed per (initiative, partner)", () => {
  let t: TestApp;
  let w: LedgerWorld;
  beforeAll(async () => ({ t, w } = await openLedgerWorld()));
  afterAll(async () => t.close());

  const disbursedCents = async (initiative: string, partner: string) => {
    const result = await sql<{ cents: string }>`
      select coalesce(sum(usd_minor), 0)::text as cents from support_flows
      where flow_type = 'disbursement' and initiative_id = ${initiative} and partner_id = ${partner}`.execute(
      t.handle.db,
    );
    return BigInt(result.rows[0]?.cents ?? "-1");
  };

  it("lets exactly 10 of 20 simultaneous 100 USD disbursements through a 1,000 USD commitment", async () => {
    const initiative = await insertInitiative(t.handle.db, {
      code: "CA1",
      componentId: w.components.C,
      leadCountry: "PA",
      budgetUsdMinor: 500_000n,
    });
    const base = {
      support_kind: "financial",
      partner_id: w.partners.EU,
      initiative_id: initiative,
    };
    const commitment = await postFlow(t, {
      ...base,
      flow_type: "commitment",
      value: { amount: "1000.00", currency: "USD" },
      value_date: "2012-01-01",
    });
    expect(commitment.status).toBe(201);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        postFlow(t, {
          ...base,
          flow_type: "disbursement",
          commitment_id: commitment.body.id,
          value: { amount: "100.00", currency: "USD" },
          value_date: "2012-03-01",
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(10);
    for (const refused of results.filter((r) => r.status === 409)) {
      expect(refused.body.error.code).toBe("over_commitment");
      expect(refused.body.error.message).toContain("USD 1,100.00 disbursed against USD 1,000.00");
    }
    expect(await disbursedCents(initiative, w.partners.EU)).toBe(100_000n);
  });

  it("counts commitments net of reversals and in USD across currencies", async () => {
    const initiative = await insertInitiative(t.handle.db, {
      code: "CA2",
      componentId: w.components.C,
      leadCountry: "GT",
      budgetUsdMinor: 0n,
    });
    const base = {
      support_kind: "financial",
      partner_id: w.partners.ES,
      initiative_id: initiative,
    };
    // 1,000.00 EUR at 1.2939 (2012-01-01) = 1,293.90 USD committed.
    await postFlow(t, {
      ...base,
      flow_type: "commitment",
      value: { amount: "1000.00", currency: "EUR" },
      value_date: "2012-02-01",
    });
    const atTheLimit = await postFlow(t, {
      ...base,
      flow_type: "disbursement",
      value: { amount: "1293.90", currency: "USD" },
      value_date: "2012-02-02",
    });
    expect(atTheLimit.status).toBe(201);
    const oneCentOver = await postFlow(t, {
      ...base,
      flow_type: "disbursement",
      value: { amount: "0.01", currency: "USD" },
      value_date: "2012-02-03",
    });
    expect(oneCentOver.status).toBe(409);
    expect(oneCentOver.body.error.details[0]?.path).toBe("over_commitment_reason");
  });

  it("records an over-disbursement that carries a reason", async () => {
    const initiative = await insertInitiative(t.handle.db, {
      code: "CA3",
      componentId: w.components.C,
      leadCountry: "GT",
      budgetUsdMinor: 0n,
    });
    const override = await postFlow(t, {
      flow_type: "disbursement",
      support_kind: "financial",
      partner_id: w.partners.IDB,
      initiative_id: initiative,
      value: { amount: "50.00", currency: "USD" },
      value_date: "2012-05-01",
      over_commitment_reason: "Emergency advance approved by the board",
    });
    expect(override.status).toBe(201);
    expect(override.body.over_commitment_reason).toBe("Emergency advance approved by the board");
  });

  it("refuses a disbursement against another initiative's commitment", async () => {
    const first = await insertInitiative(t.handle.db, {
      code: "CA4",
      componentId: w.components.C,
      leadCountry: "GT",
      budgetUsdMinor: 0n,
    });
    const second = await insertInitiative(t.handle.db, {
      code: "CA5",
      componentId: w.components.C,
      leadCountry: "GT",
      budgetUsdMinor: 0n,
    });
    const commitment = await postFlow(t, {
      flow_type: "commitment",
      support_kind: "financial",
      partner_id: w.partners.IDB,
      initiative_id: first,
      value: { amount: "50.00", currency: "USD" },
      value_date: "2012-05-01",
    });
    const elsewhere = await postFlow(t, {
      flow_type: "disbursement",
      support_kind: "financial",
      partner_id: w.partners.IDB,
      initiative_id: second,
      commitment_id: commitment.body.id,
      value: { amount: "50.00", currency: "USD" },
      value_date: "2012-05-02",
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error.details[0]).toMatchObject({ path: "commitment_id" });
  });
});
