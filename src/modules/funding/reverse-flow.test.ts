import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/support/app.ts";
import { toAppError } from "../../platform/errors.ts";
import type { Flow } from "./flows.schema.ts";
import {
  countFlows,
  insertInitiative,
  type LedgerWorld,
  openLedgerWorld,
  postFlow,
  postReversal,
} from "./funding.fixtures.ts";

describe("reversals and the append-only ledger", () => {
  let t: TestApp;
  let w: LedgerWorld;
  let initiative: string;
  const commit = (amount: string, currency = "USD") =>
    postFlow(t, {
      flow_type: "commitment",
      support_kind: "financial",
      partner_id: w.partners.EU,
      initiative_id: initiative,
      value: { amount, currency },
      value_date: "2011-07-01",
    });
  beforeAll(async () => {
    ({ t, w } = await openLedgerWorld());
    initiative = await insertInitiative(t.handle.db, {
      code: "BB1",
      componentId: w.components.B,
      leadCountry: "HN",
      budgetUsdMinor: 100_000_000n,
    });
  });
  afterAll(async () => t.close());

  it("negates the amounts at the original rate, and links both ways", async () => {
    const original = await commit("1234.56", "EUR");
    const reversal = await postReversal(t, original.body.id, { reason: "Entered twice" });
    expect(reversal.status).toBe(201);
    expect(reversal.body).toMatchObject({
      flow_type: "commitment",
      reverses_id: original.body.id,
      partner_id: w.partners.EU,
      initiative_id: initiative,
      component_id: w.components.B,
      value: { amount: "-1234.56", currency: "EUR" },
      value_usd: { amount: "-1775.91", currency: "USD" },
      fx_rate: original.body.fx_rate,
      fx_date: original.body.fx_date,
      value_date: original.body.value_date,
      note: "Entered twice",
    });
    const reread = await t.request<Flow>({ method: "GET", url: `/api/flows/${original.body.id}` });
    expect(reread.body.reversed_by).toBe(reversal.body.id);
    const hidden = await t.request<{ data: Flow[] }>({
      method: "GET",
      url: "/api/flows?include_reversals=false",
    });
    expect(hidden.body.data.map((f) => f.id)).not.toContain(reversal.body.id);
  });

  it("refuses a second reversal and the reversal of a reversal with 409, writing nothing", async () => {
    const original = await commit("10.00");
    const first = await postReversal(t, original.body.id, { reason: "Wrong partner" });
    const before = await countFlows(t.handle.db);
    const again = await postReversal(t, original.body.id, { reason: "Again" });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("already been reversed");
    const ofReversal = await postReversal(t, first.body.id, { reason: "Undo" });
    expect(ofReversal.status).toBe(409);
    expect(ofReversal.body.error.message).toContain("itself a reversal");
    expect(await countFlows(t.handle.db)).toBe(before);
  });

  it("lets only one of two simultaneous reversals through", async () => {
    const original = await commit("20.00");
    const results = await Promise.all(
      [1, 2, 3].map(() => postReversal(t, original.body.id, { reason: "Race" })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const refused of results.filter((r) => r.status === 409)) {
      expect(refused.body.error.message).toContain("already been reversed");
    }
  });

  it("answers 404 for an unknown flow and 400 without a reason", async () => {
    const unknown = await postReversal(t, "00000000-0000-4000-8000-000000000000", { reason: "x" });
    expect(unknown.status).toBe(404);
    const original = await commit("30.00");
    const noReason = await postReversal(t, original.body.id, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.map((d) => d.path)).toContain("reason");
  });

  it("refuses to reverse a commitment already disbursed, unless an override is recorded", async () => {
    const other = await insertInitiative(t.handle.db, {
      code: "BB2",
      componentId: w.components.B,
      leadCountry: "SV",
      budgetUsdMinor: 0n,
    });
    const base = { support_kind: "financial", partner_id: w.partners.IDB, initiative_id: other };
    const commitment = await postFlow(t, {
      ...base,
      flow_type: "commitment",
      value: { amount: "1000.00", currency: "USD" },
      value_date: "2012-01-10",
    });
    const disbursed = await postFlow(t, {
      ...base,
      flow_type: "disbursement",
      commitment_id: commitment.body.id,
      value: { amount: "600.00", currency: "USD" },
      value_date: "2012-02-10",
    });
    expect(disbursed.status).toBe(201);
    const refused = await postReversal(t, commitment.body.id, { reason: "Cancelled" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("over_commitment");
    expect(refused.body.error.message).toContain("USD 600.00 disbursed against USD 0.00 committed");
    const overridden = await postReversal(t, commitment.body.id, {
      reason: "Cancelled",
      over_commitment_reason: "Funds already spent; recovery agreed with the partner",
    });
    expect(overridden.status).toBe(201);
    expect(overridden.body.over_commitment_reason).toContain("recovery agreed");
  });

  it("is refused UPDATE, DELETE and TRUNCATE by the database itself, mapped to 409", async () => {
    const original = await commit("40.00");
    const id = original.body.id;
    const attempts = [
      sql`update support_flows set amount_minor = 1 where id = ${id}`,
      sql`delete from support_flows where id = ${id}`,
      sql`truncate support_flows cascade`,
    ];
    for (const attempt of attempts) {
      const error = await attempt.execute(t.handle.db).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).not.toBeNull();
      const appError = toAppError(error);
      expect(appError.code).toBe("ledger_immutable");
      expect(appError.status).toBe(409);
    }
    const reread = await t.request<Flow>({ method: "GET", url: `/api/flows/${id}` });
    expect(reread.body.value).toEqual({ amount: "40.00", currency: "USD" });
    for (const method of ["PATCH", "PUT", "DELETE"] as const) {
      const response = await t.request({ method, url: `/api/flows/${id}`, payload: {} });
      expect(response.status).toBe(404);
    }
  });
});
