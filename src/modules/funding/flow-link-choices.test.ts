import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/support/app.ts";
import { systemPrincipal } from "../accounts/index.ts";
import type { Flow } from "./flows.schema.ts";
import {
  countFlows,
  insertInitiative,
  type LedgerWorld,
  openLedgerWorld,
  postFlow,
  postReversal,
} from "./funding.fixtures.ts";
import { recordFlow } from "./record-flow.ts";

type Detail = { path: string; message: string; rule?: { code: string; initiative?: string } };
type Refusal = { error: { code: string; details: Detail[] } };
type FlowList = { data: Flow[] };

/**
 * What a new entry may build on: a commitment fulfils a pledge of its initiative or of none,
 * a disbursement pays a commitment of its initiative; refusals name the field and the rule;
 * the list the flow form reads (linkable_to) offers exactly those, with what is left on each.
 */
describe("the pledges and commitments an entry may build on", () => {
  let t: TestApp;
  let w: LedgerWorld;
  let first: string;
  let second: string;
  let draft: string;
  const flow = (payload: Record<string, unknown>) =>
    postFlow(t, { support_kind: "financial", partner_id: w.partners.EU, ...payload });
  const linkable = async (query: string, send: TestApp["request"] = t.request) => {
    const response = await send<FlowList>({ method: "GET", url: `/api/flows?${query}` });
    expect(response.status).toBe(200);
    return response.body.data;
  };

  beforeAll(async () => {
    ({ t, w } = await openLedgerWorld());
    const published = { componentId: w.components.A, leadCountry: "GT", budgetUsdMinor: 0n };
    first = await insertInitiative(t.handle.db, { code: "AC1", ...published, published: true });
    second = await insertInitiative(t.handle.db, { code: "AC2", ...published, published: true });
    draft = await insertInitiative(t.handle.db, { code: "AC9", ...published });
  }, 180_000);
  afterAll(async () => t.close());

  it("refuses a pledge or a commitment of another initiative under that field, writing nothing", async () => {
    const pledge = await flow({
      flow_type: "pledge",
      initiative_id: second,
      value: { amount: "1000.00", currency: "USD" },
      value_date: "2011-06-22",
    });
    const commitment = await flow({
      flow_type: "commitment",
      initiative_id: second,
      value: { amount: "500.00", currency: "USD" },
      value_date: "2011-07-01",
    });
    const before = await countFlows(t.handle.db);

    const commitsElsewhere = await flow({
      flow_type: "commitment",
      initiative_id: first,
      pledge_id: pledge.body.id,
      value: { amount: "100.00", currency: "USD" },
      value_date: "2011-08-01",
    });
    expect(commitsElsewhere.status).toBe(422);
    const pledgeError = (commitsElsewhere.body as unknown as Refusal).error;
    expect(pledgeError.details).toEqual([
      {
        path: "pledge_id",
        label: "Pledge",
        message: "this pledge is for initiative AC2, not this entry's",
        rule: { code: "pledge_other_initiative", initiative: "AC2" },
      },
    ]);

    const paysElsewhere = await flow({
      flow_type: "disbursement",
      initiative_id: first,
      commitment_id: commitment.body.id,
      value: { amount: "100.00", currency: "USD" },
      value_date: "2011-08-01",
    });
    expect(paysElsewhere.status).toBe(422);
    expect((paysElsewhere.body as unknown as Refusal).error.details).toEqual([
      expect.objectContaining({
        path: "commitment_id",
        rule: { code: "commitment_other_initiative", initiative: "AC2" },
      }),
    ]);

    const unallocated = await flow({
      flow_type: "commitment",
      component_id: w.components.A,
      value: { amount: "100.00", currency: "USD" },
      value_date: "2011-08-01",
    });
    const paysUnallocated = await flow({
      flow_type: "disbursement",
      initiative_id: first,
      commitment_id: unallocated.body.id,
      value: { amount: "100.00", currency: "USD" },
      value_date: "2011-08-02",
    });
    expect((paysUnallocated.body as unknown as Refusal).error.details).toEqual([
      expect.objectContaining({ path: "commitment_id", rule: { code: "commitment_unallocated" } }),
    ]);
    expect(await countFlows(t.handle.db)).toBe(before + 1);
  });

  it("lets a commitment fulfil a pledge announced to no initiative", async () => {
    const regionWide = await postFlow(t, {
      flow_type: "pledge",
      support_kind: "financial",
      partner_id: w.partners.IDB,
      value: { amount: "9000.00", currency: "USD" },
      value_date: "2011-06-22",
    });
    const commitment = await postFlow(t, {
      flow_type: "commitment",
      support_kind: "financial",
      partner_id: w.partners.IDB,
      initiative_id: first,
      pledge_id: regionWide.body.id,
      value: { amount: "4000.00", currency: "USD" },
      value_date: "2011-09-01",
    });
    expect(commitment.status).toBe(201);
    expect(commitment.body.pledge_id).toBe(regionWide.body.id);
  });

  it("lists what an entry may build on, with what is left on each, net of reversals", async () => {
    const pledge = await postFlow(t, {
      flow_type: "pledge",
      support_kind: "financial",
      partner_id: w.partners.ES,
      initiative_id: first,
      value: { amount: "1000.00", currency: "EUR" },
      value_date: "2011-06-22",
    });
    const regionWide = await postFlow(t, {
      flow_type: "pledge",
      support_kind: "financial",
      partner_id: w.partners.ES,
      value: { amount: "50.00", currency: "USD" },
      value_date: "2011-06-22",
    });
    const otherPledge = await postFlow(t, {
      flow_type: "pledge",
      support_kind: "financial",
      partner_id: w.partners.ES,
      initiative_id: second,
      value: { amount: "70.00", currency: "USD" },
      value_date: "2011-06-22",
    });
    const commit = (amount: string, currency = "EUR") =>
      postFlow(t, {
        flow_type: "commitment",
        support_kind: "financial",
        partner_id: w.partners.ES,
        initiative_id: first,
        pledge_id: pledge.body.id,
        value: { amount, currency },
        value_date: "2011-06-22",
      });
    const kept = await commit("400.00");
    const undone = await commit("100.00");
    expect((await postReversal(t, undone.body.id, { reason: "Entered twice" })).status).toBe(201);

    const pledges = await linkable(
      `partner_id=${w.partners.ES}&flow_type=pledge&linkable_to=${first}`,
    );
    // This initiative's pledge and the region-wide one; never the other initiative's.
    expect(pledges.map((f) => f.id).sort()).toEqual([pledge.body.id, regionWide.body.id].sort());
    expect(pledges.map((f) => f.id)).not.toContain(otherPledge.body.id);
    const own = pledges.find((f) => f.id === pledge.body.id);
    // EUR 1,000.00 pledged − EUR 400.00 committed (the reversed 100.00 nets out) = EUR 600.00;
    // in USD at 1.4385: 1,438.50 − 575.40 = 863.10.
    expect(own?.remaining).toEqual({ amount: "600.00", currency: "EUR" });
    expect(own?.remaining_usd).toEqual({ amount: "863.10", currency: "USD" });

    // A commitment in another currency leaves the own-currency figure unknown, never wrong.
    await commit("10.00", "USD");
    const mixed = (
      await linkable(`partner_id=${w.partners.ES}&flow_type=pledge&linkable_to=${first}`)
    ).find((f) => f.id === pledge.body.id);
    expect(mixed?.remaining).toBeNull();
    expect(mixed?.remaining_usd).toEqual({ amount: "853.10", currency: "USD" });

    await postFlow(t, {
      flow_type: "disbursement",
      support_kind: "financial",
      partner_id: w.partners.ES,
      initiative_id: first,
      commitment_id: kept.body.id,
      value: { amount: "150.00", currency: "EUR" },
      value_date: "2011-06-22",
    });
    const commitments = await linkable(
      `partner_id=${w.partners.ES}&flow_type=commitment&linkable_to=${first}`,
    );
    // Standing commitments of this initiative only: the reversed one and its reversal are out.
    expect(commitments.map((f) => f.id)).toContain(kept.body.id);
    expect(commitments.map((f) => f.id)).not.toContain(undone.body.id);
    expect(commitments.every((f) => f.initiative_id === first && !f.reverses_id)).toBe(true);
    expect(commitments.find((f) => f.id === kept.body.id)?.remaining).toEqual({
      amount: "250.00",
      currency: "EUR",
    });
    expect(
      await linkable(`partner_id=${w.partners.ES}&flow_type=commitment&linkable_to=none`),
    ).toEqual([]);
    // Without linkable_to the list is as it was: no remaining figures.
    const plain = await linkable(`partner_id=${w.partners.ES}&flow_type=pledge`);
    expect(plain.every((f) => f.remaining === undefined)).toBe(true);
  });

  it("counts in the remainder only what the reader may see", async () => {
    const regionWide = await flow({
      flow_type: "pledge",
      value: { amount: "800.00", currency: "USD" },
      value_date: "2011-06-22",
    });
    // The secretariat may record on a draft; the public must not learn of it.
    const onDraft = await flow({
      flow_type: "commitment",
      initiative_id: draft,
      pledge_id: regionWide.body.id,
      value: { amount: "300.00", currency: "USD" },
      value_date: "2011-07-01",
    });
    expect(onDraft.status).toBe(201);
    const query = `partner_id=${w.partners.EU}&flow_type=pledge&linkable_to=${first}`;
    const byStaff = (await linkable(query)).find((f) => f.id === regionWide.body.id);
    expect(byStaff?.remaining_usd).toEqual({ amount: "500.00", currency: "USD" });
    const anonymous = await t.app.inject({ method: "GET", url: `/api/flows?${query}` });
    const byPublic = (anonymous.json() as FlowList).data.find((f) => f.id === regionWide.body.id);
    expect(byPublic?.remaining_usd).toEqual({ amount: "800.00", currency: "USD" });
  });

  it("says how each entry came in: entered, demo data, an operator command, an IATI import", async () => {
    const entered = await flow({
      flow_type: "pledge",
      initiative_id: first,
      value: { amount: "1.00", currency: "USD" },
      value_date: "2011-06-22",
      source: "Declaration of Guatemala",
    });
    expect(entered.body).toMatchObject({ origin: "entered", iati_publisher: null });
    const input = {
      flow_type: "pledge" as const,
      support_kind: "financial" as const,
      partner_id: w.partners.EU,
      value: { amount: "2.00", currency: "USD" },
      value_date: "2011-06-22",
    };
    const demo = await recordFlow({
      db: t.handle.db,
      input,
      principal: systemPrincipal("demo-seed"),
    });
    expect(demo.origin).toBe("demo_data");
    const cli = await recordFlow({
      db: t.handle.db,
      input,
      principal: systemPrincipal("esca-cli"),
    });
    expect(cli.origin).toBe("operator");
    await t.handle.db
      .insertInto("iati_ledger_entries")
      .values({ flow_id: cli.id, publisher_ref: "XI-IATI-EC_INTPA", entry_key: "k#1" })
      .execute();
    const imported = await t.request<Flow>({ method: "GET", url: `/api/flows/${cli.id}` });
    expect(imported.body).toMatchObject({
      origin: "iati_import",
      iati_publisher: "XI-IATI-EC_INTPA",
    });
  });
});
