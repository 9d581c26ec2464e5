import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestSession } from "../../../../test/support/app.ts";
import type { OverDisbursementRequest } from "../../../contracts/over-disbursements.ts";
import {
  type ErrorBody,
  insertInitiative,
  type LedgerWorld,
  setUpLedgerWorld,
} from "../funding.fixtures.ts";

type Answer = OverDisbursementRequest & ErrorBody;

describe("over-disbursement: the partner asks, the secretariat decides", () => {
  let t: TestApp;
  let w: LedgerWorld;
  let idb: TestSession;
  let spain: TestSession;
  let secretariat: TestSession;
  beforeAll(async () => {
    t = await createTestApp();
    w = await setUpLedgerWorld(t);
    idb = await t.signIn({ role: "partner", organization: "IDB" });
    spain = await t.signIn({ role: "partner", organization: "ES" });
    secretariat = await t.signIn({
      role: "secretariat",
      organization: "SICA-DSD",
      kind: "sica_body",
    });
  });
  afterAll(async () => t.close());

  /** An initiative where the IDB committed 1,000.00 USD and disbursed 900.00. */
  async function committedWorld(code: string) {
    const initiative = await insertInitiative(t.handle.db, {
      code,
      componentId: w.components.A,
      leadCountry: "GT",
      budgetUsdMinor: 10_000_000n,
      published: true,
    });
    const base = {
      support_kind: "financial",
      partner_id: w.partners.IDB,
      initiative_id: initiative,
    };
    const commitment = await idb.request<{ id: string }>({
      method: "POST",
      url: "/api/flows",
      payload: {
        ...base,
        flow_type: "commitment",
        value: { amount: "1000.00", currency: "USD" },
        value_date: "2012-01-10",
      },
    });
    expect(commitment.status).toBe(201);
    const disbursed = await idb.request({
      method: "POST",
      url: "/api/flows",
      payload: {
        ...base,
        flow_type: "disbursement",
        commitment_id: commitment.body.id,
        value: { amount: "900.00", currency: "USD" },
        value_date: "2012-02-10",
      },
    });
    expect(disbursed.status).toBe(201);
    return { initiative, commitment: commitment.body.id, base };
  }

  const ask = (session: TestSession, payload: object) =>
    session.request<Answer>({ method: "POST", url: "/api/over-disbursement-requests", payload });
  const decide = (session: TestSession, id: string, step: "approval" | "refusal", note?: string) =>
    session.request<Answer>({
      method: "POST",
      url: `/api/over-disbursement-requests/${id}/${step}`,
      payload: note === undefined ? {} : { note },
    });
  const countFlows = async () =>
    Number(
      (await sql<{ n: string }>`select count(*)::text as n from support_flows`.execute(t.handle.db))
        .rows[0]?.n,
    );

  it("refuses a partner's disbursement beyond its commitment, saying what is left and where to ask", async () => {
    const { base, commitment } = await committedWorld("OD1");
    const before = await countFlows();
    const over = await idb.request<ErrorBody & { error: { reason: string; values: object } }>({
      method: "POST",
      url: "/api/flows",
      payload: {
        ...base,
        flow_type: "disbursement",
        commitment_id: commitment,
        value: { amount: "150.00", currency: "USD" },
        value_date: "2012-03-10",
      },
    });
    expect(over.status).toBe(409);
    expect(over.body.error.reason).toBe("override_required");
    expect(over.body.error.message).toContain("Only USD 100.00 is left");
    expect(over.body.error.message).toContain("POST /api/over-disbursement-requests");
    expect(over.body.error.values).toMatchObject({
      left_usd: "100.00",
      committed_usd: "1000.00",
      disbursed_usd: "1050.00",
      currency: "USD",
    });
    expect(over.body.error.details[0]?.path).toBe("value.amount");
    const withReason = await idb.request<ErrorBody & { error: { reason: string } }>({
      method: "POST",
      url: "/api/flows",
      payload: {
        ...base,
        flow_type: "disbursement",
        value: { amount: "150.00", currency: "USD" },
        value_date: "2012-03-10",
        over_commitment_reason: "We decided so ourselves",
      },
    });
    expect(withReason.status).toBe(422);
    expect(withReason.body.error.reason).toBe("override_by_secretariat");
    expect(withReason.body.error.details[0]?.path).toBe("over_commitment_reason");
    expect(await countFlows()).toBe(before);
  });

  it("refuses the same in bulk, naming the entry", async () => {
    const { base } = await committedWorld("OD2");
    const { recordFlows } = await import("../record-flows.ts");
    const user = await t.handle.db
      .selectFrom("users")
      .select(["id", "email"])
      .where("organization_id", "=", w.partners.IDB)
      .where("role", "=", "partner")
      .executeTakeFirstOrThrow();
    const principal = {
      kind: "user" as const,
      userId: user.id,
      email: user.email,
      role: "partner" as const,
      organizationId: w.partners.IDB,
      organizationKind: "international_org",
      country: null,
      via: "session" as const,
    };
    const entry = {
      ...base,
      flow_type: "disbursement" as const,
      support_kind: "financial" as const,
      value: { amount: "60.00", currency: "USD" },
      value_date: "2012-03-10",
    };
    const error = await recordFlows({
      db: t.handle.db,
      entries: [entry, entry],
      principal,
    }).catch((e: unknown) => e as { code: string; reason: string; message: string });
    expect(error).toMatchObject({ code: "over_commitment", reason: "override_required" });
    expect((error as { message: string }).message).toMatch(/^entries\.1: Only USD 40\.00 is left/);
    const reasoned = await recordFlows({
      db: t.handle.db,
      entries: [{ ...entry, over_commitment_reason: "typed by the partner" }],
      principal,
    }).catch((e: unknown) => e as { reason: string; message: string });
    expect(reasoned).toMatchObject({ reason: "override_by_secretariat" });
    expect((reasoned as { message: string }).message).toMatch(/^entries\.0: /);
  });

  it("records the disbursement with the reason when the secretariat approves", async () => {
    const { initiative, commitment } = await committedWorld("OD3");
    const asked = await ask(idb, {
      partner_id: w.partners.IDB,
      initiative_id: initiative,
      commitment_id: commitment,
      value: { amount: "150.00", currency: "USD" },
      value_date: "2012-03-10",
      reason: "Emergency repairs after the storm",
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      status: "requested",
      flow_id: null,
      value: { amount: "150.00", currency: "USD" },
      committed_usd: { amount: "1000.00" },
      disbursed_usd: { amount: "900.00" },
    });
    const byThePartner = await decide(idb, asked.body.id, "approval");
    expect(byThePartner.status).toBe(403);
    const before = await countFlows();
    const approved = await decide(secretariat, asked.body.id, "approval", "Board minutes 12/2012");
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("approved");
    expect(approved.body.decision_note).toBe("Board minutes 12/2012");
    expect(approved.body.disbursed_usd.amount).toBe("1050.00");
    expect(await countFlows()).toBe(before + 1);
    const flow = await t.anonymous<{
      over_commitment_reason: string;
      over_commitment_approved_at: string;
    }>({
      method: "GET",
      url: `/api/flows/${approved.body.flow_id}`,
    });
    expect(flow.body.over_commitment_reason).toBe("Emergency repairs after the storm");
    expect(flow.body.over_commitment_approved_at).toBe(approved.body.decided_at);
    const twice = await decide(secretariat, asked.body.id, "refusal", "Too late");
    expect(twice.status).toBe(409);
    const audited = await sql<{ n: string }>`
      select count(*)::text as n from audit_log
      where entity_type = 'over_disbursement_requests' and entity_id = ${asked.body.id}`.execute(
      t.handle.db,
    );
    expect(Number(audited.rows[0]?.n)).toBe(2);
  });

  it("records nothing when the secretariat declines, and keeps its note", async () => {
    const { initiative } = await committedWorld("OD4");
    const asked = await ask(idb, {
      partner_id: w.partners.IDB,
      initiative_id: initiative,
      value: { amount: "500.00", currency: "USD" },
      value_date: "2012-03-10",
      reason: "Advance on the next tranche",
    });
    const before = await countFlows();
    const noNote = await decide(secretariat, asked.body.id, "refusal");
    expect(noNote.status).toBe(400);
    const declined = await decide(secretariat, asked.body.id, "refusal", "Amend the commitment");
    expect(declined.body).toMatchObject({ status: "declined", flow_id: null });
    expect(await countFlows()).toBe(before);
  });

  it("refuses a request that fits within the commitment, and one for another partner", async () => {
    const { initiative } = await committedWorld("OD5");
    const fits = await ask(idb, {
      partner_id: w.partners.IDB,
      initiative_id: initiative,
      value: { amount: "100.00", currency: "USD" },
      value_date: "2012-03-10",
      reason: "Not needed",
    });
    expect(fits.status).toBe(422);
    expect(fits.body.error.details[0]?.path).toBe("value.amount");
    const forSpain = await ask(idb, {
      partner_id: w.partners.ES,
      initiative_id: initiative,
      value: { amount: "100.00", currency: "USD" },
      value_date: "2012-03-10",
      reason: "Not ours",
    });
    expect(forSpain.status).toBe(403);
  });

  it("lists a partner's own requests, all for the secretariat, none for the public", async () => {
    const { initiative } = await committedWorld("OD6");
    await ask(idb, {
      partner_id: w.partners.IDB,
      initiative_id: initiative,
      value: { amount: "700.00", currency: "USD" },
      value_date: "2012-03-10",
      reason: "Listed",
    });
    const list = (s: TestSession) =>
      s.request<{ data: OverDisbursementRequest[] }>({
        method: "GET",
        url: "/api/over-disbursement-requests?status=requested",
      });
    const own = await list(idb);
    expect(own.body.data.length).toBeGreaterThan(0);
    expect(own.body.data.every((r) => r.partner.code === "IDB")).toBe(true);
    expect((await list(spain)).body.data).toEqual([]);
    const all = await list(secretariat);
    expect(all.body.data.map((r) => r.id)).toEqual(own.body.data.map((r) => r.id));
    const one = own.body.data[0] as OverDisbursementRequest;
    const hidden = await spain.request({
      method: "GET",
      url: `/api/over-disbursement-requests/${one.id}`,
    });
    expect(hidden.status).toBe(404);
    const anonymous = await t.anonymous({ method: "GET", url: "/api/over-disbursement-requests" });
    expect(anonymous.status).toBe(401);
  });
});
