import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import type { DatabaseHandle } from "../../platform/db/connect.ts";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { type Principal, systemPrincipal } from "../accounts/index.ts";
import { verifyAuditChain } from "../audit/index.ts";
import type { Flow, RecordFlowInput } from "./flows.schema.ts";
import { countFlows, inRolledBackTransaction } from "./funding.fixtures.ts";
import {
  ledgerAuditRows,
  ledgerRows,
  manyEntries,
  seedTwinWorld,
  twin,
} from "./ledger-batch.fixtures.ts";
import { recordFlow } from "./record-flow.ts";
import { recordFlows } from "./record-flows.ts";
import { reverseFlow } from "./reverse-flow.ts";
import { type ReversalEntry, reverseFlows } from "./reverse-flows.ts";

const principal = systemPrincipal("ledger-test");
const usd = (amount: string) => ({ amount, currency: "USD" });
const eur = (amount: string) => ({ amount, currency: "EUR" });

/** Entries recorded one by one in both databases before the batch; their ids differ. */
async function recordPriors(db: Kysely<Database>) {
  const record = (input: RecordFlowInput) => recordFlow({ db, input, principal });
  const base = { support_kind: "financial", partner_id: twin.partners.EU } as const;
  const p1 = await record({
    ...base,
    flow_type: "pledge",
    initiative_id: twin.initiatives.I1,
    value: eur("1000000"),
    value_date: "2011-06-22",
  });
  const c1 = await record({
    ...base,
    flow_type: "commitment",
    initiative_id: twin.initiatives.I1,
    pledge_id: p1.id,
    value: usd("500000"),
    value_date: "2012-01-15",
  });
  const c2 = await record({
    ...base,
    partner_id: twin.partners.ES,
    flow_type: "commitment",
    initiative_id: twin.initiatives.I2,
    value: eur("200000.50"),
    value_date: "2012-02-01",
  });
  return { p1: p1.id, c1: c1.id, c2: c2.id };
}
type Priors = Awaited<ReturnType<typeof recordPriors>>;

/** Every kind of entry, in an order where the over-commitment check depends on the order. */
function batch(priors: Priors): RecordFlowInput[] {
  const eu = { support_kind: "financial", partner_id: twin.partners.EU } as const;
  const es = { support_kind: "financial", partner_id: twin.partners.ES } as const;
  return [
    {
      ...es,
      flow_type: "pledge",
      component_id: twin.components.B,
      value: { amount: "1000000", currency: "JPY" },
      value_date: "2012-03-01",
      conference_id: twin.conference,
      illustrative: true,
      source: 'Declaration "of" Guatemala, {2011}',
      note: "back\\slash,\nnew line\ttab — ñ, NULL",
    },
    {
      ...eu,
      flow_type: "commitment",
      initiative_id: twin.initiatives.I1,
      pledge_id: priors.p1,
      value: eur("123456.78"),
      value_date: "2011-06-23",
    },
    {
      flow_type: "offer",
      support_kind: "technical",
      partner_id: twin.partners.EU,
      initiative_id: twin.initiatives.I2,
      component_id: twin.components.B,
      description: "Training of 40 prison officers",
      value_date: "2012-01-10",
    },
    {
      ...eu,
      flow_type: "disbursement",
      initiative_id: twin.initiatives.I1,
      commitment_id: priors.c1,
      value: usd("100000"),
      value_date: "2012-03-01",
    },
    {
      ...eu,
      flow_type: "disbursement",
      initiative_id: twin.initiatives.I1,
      value: usd("300000.01"),
      value_date: "2012-04-01",
    },
    // Within the commitment when written; the next one, with a reason, takes the pair over,
    // which must not refuse this one afterwards.
    {
      ...es,
      flow_type: "disbursement",
      initiative_id: twin.initiatives.I2,
      commitment_id: priors.c2,
      value: eur("150000"),
      value_date: "2012-05-01",
    },
    {
      ...es,
      flow_type: "disbursement",
      initiative_id: twin.initiatives.I2,
      value: eur("100000"),
      value_date: "2012-06-01",
      over_commitment_reason: "As published by the partner",
    },
    { ...es, flow_type: "commitment", initiative_id: twin.initiatives.I2, value: usd("5") },
    {
      ...eu,
      flow_type: "commitment",
      initiative_id: twin.initiatives.I2,
      value: usd("2500.00"),
      value_date: "2012-01-01",
    },
    // Equal to what is committed: allowed.
    {
      ...eu,
      flow_type: "disbursement",
      initiative_id: twin.initiatives.I2,
      value: usd("2500.00"),
      value_date: "2012-07-01",
    },
    // The last day the 2013-01-01 rate reaches (366 days).
    {
      ...eu,
      flow_type: "pledge",
      component_id: twin.components.A,
      value: eur("0.01"),
      value_date: "2014-01-02",
    },
    ...manyEntries(30, [twin.initiatives.I1]),
  ].map((entry) => ({ value_date: "2013-02-02", ...entry }) as RecordFlowInput);
}

/** Disbursements before the commitment they draw on, as the ledger needs them reversed. */
function reversals(priors: Priors, recorded: Flow[]): ReversalEntry[] {
  const id = (index: number) => recorded[index]?.id ?? "missing";
  return [
    { flowId: id(6), input: { reason: "Entered twice" } },
    { flowId: id(5), input: { reason: "Entered twice" } },
    { flowId: priors.c2, input: { reason: "Withdrawn" } },
    { flowId: id(0), input: { reason: "Not pledged", value_date: "2013-01-01" } },
    { flowId: id(2), input: { reason: "Not offered" } },
    { flowId: id(3), input: { reason: "Wrong amount" } },
    { flowId: id(25), input: { reason: "Wrong year", over_commitment_reason: "Kept anyway" } },
  ];
}

/** Flows without what differs between databases; references name the entry they point at. */
const withoutIds = (flows: Flow[], priors: Priors, recorded: Flow[]) => {
  const names = new Map<string | null, string>([
    ...Object.entries(priors).map(([name, id]) => [id, name] as const),
    ...recorded.map((flow, index) => [flow.id, `recorded ${index}`] as const),
  ]);
  const name = (id: string | null) => (id === null ? null : (names.get(id) ?? "unknown"));
  return flows.map(({ id: _, seq: __, recorded_at: ___, ...flow }) => ({
    ...flow,
    pledge_id: name(flow.pledge_id),
    commitment_id: name(flow.commitment_id),
    reverses_id: name(flow.reverses_id),
    reversed_by: name(flow.reversed_by),
  }));
};

describe("recording and reversing in bulk writes the ledger of one-by-one writes", () => {
  let single: DatabaseHandle;
  let bulk: DatabaseHandle;
  let bulkPriors: Priors;
  let bulkRecorded: Flow[];
  beforeAll(async () => {
    [single, bulk] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await seedTwinWorld(single.db);
    await seedTwinWorld(bulk.db);
  });
  afterAll(async () => Promise.all([single.close(), bulk.close()]));

  it("records and reverses the same rows, audit rows and results", async () => {
    const singlePriors = await recordPriors(single.db);
    const singleRecorded: Flow[] = [];
    for (const input of batch(singlePriors)) {
      singleRecorded.push(await recordFlow({ db: single.db, input, principal }));
    }
    const singleReversed: Flow[] = [];
    for (const { flowId, input } of reversals(singlePriors, singleRecorded)) {
      singleReversed.push(await reverseFlow({ db: single.db, flowId, input, principal }));
    }

    bulkPriors = await recordPriors(bulk.db);
    bulkRecorded = await recordFlows({ db: bulk.db, entries: batch(bulkPriors), principal });
    const bulkReversed = await reverseFlows({
      db: bulk.db,
      entries: reversals(bulkPriors, bulkRecorded),
      principal,
    });

    expect(withoutIds(bulkRecorded, bulkPriors, bulkRecorded)).toEqual(
      withoutIds(singleRecorded, singlePriors, singleRecorded),
    );
    expect(withoutIds(bulkReversed, bulkPriors, bulkRecorded)).toEqual(
      withoutIds(singleReversed, singlePriors, singleRecorded),
    );
    const ledger = await ledgerRows(bulk.db);
    expect(ledger).toHaveLength(3 + 41 + 7);
    expect(ledger).toEqual(await ledgerRows(single.db));
    expect(await ledgerAuditRows(bulk.db)).toEqual(await ledgerAuditRows(single.db));
    expect(await verifyAuditChain({ db: bulk.db })).toMatchObject({ ok: true });
    // A few figures by hand: 1,000,000 JPY × 0.0124 on 2012-01-01; 123,456.78 EUR × 1.4385
    // = 177,592.58 (177592.578…); 0.01 EUR × 1.3281 = 0.013281 → 0.01.
    expect(ledger[3]).toMatchObject({ usd_minor: 1_240_000n, fx_date: "2012-01-01" });
    expect(ledger[4]).toMatchObject({ usd_minor: 17_759_258n, fx_date: "2011-06-22" });
    expect(ledger[13]).toMatchObject({ usd_minor: 1n, fx_date: "2013-01-01" });
    expect(ledger.at(-1)).toMatchObject({ reverses_id: 28, note: "Wrong year" });
  });

  /** The error recordFlow/reverseFlow give for the first entry they refuse, written nothing. */
  async function firstRefusalOneByOne<T>(
    items: readonly T[],
    write: (db: Kysely<Database>, item: T) => Promise<unknown>,
  ) {
    let refusal: { index: number; error: AppError } | undefined;
    await inRolledBackTransaction(bulk.db, async (trx) => {
      for (const [index, item] of items.entries()) {
        try {
          await write(trx, item);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          refusal = { index, error };
          return;
        }
      }
    });
    if (!refusal) throw new Error("one by one, every entry was accepted");
    return refusal;
  }

  /** Refused in bulk with recordFlow's error naming the entry, and nothing written. */
  async function expectSameRefusal<T>(
    items: readonly T[],
    one: (db: Kysely<Database>, item: T) => Promise<unknown>,
    all: (db: Kysely<Database>) => Promise<unknown>,
    expected: { index: number; code: string; path: string; message: RegExp },
  ) {
    const counts = async () => ({
      flows: await countFlows(bulk.db),
      audit: (await bulk.db.selectFrom("audit_log").select("seq").execute()).length,
    });
    const before = await counts();
    const reference = await firstRefusalOneByOne(items, one);
    const error = await all(bulk.db).then(
      () => expect.fail("the bulk write was not refused"),
      (e: unknown) => e as AppError,
    );
    expect(error).toBeInstanceOf(AppError);
    expect({ index: reference.index, code: reference.error.code }).toEqual({
      index: expected.index,
      code: expected.code,
    });
    expect(error.code).toBe(reference.error.code);
    expect(error.reason).toBe(reference.error.reason);
    expect(error.message).toBe(`entries.${expected.index}: ${reference.error.message}`);
    expect(error.message).toMatch(expected.message);
    expect(error.details[0]?.path).toBe(expected.path);
    expect(await counts()).toEqual(before);
    return error;
  }

  const recordEach =
    (entries: RecordFlowInput[], as: Principal = principal) =>
    (expected: Parameters<typeof expectSameRefusal>[3]) =>
      expectSameRefusal(
        entries,
        (db, input) => recordFlow({ db, input, principal: as }),
        (db) => recordFlows({ db, entries, principal: as }),
        expected,
      );
  const valid = manyEntries(3, [twin.initiatives.I1]);
  const pledge = (value: { amount: string; currency: string }, value_date: string) =>
    ({
      flow_type: "pledge",
      support_kind: "financial",
      partner_id: twin.partners.ES,
      component_id: twin.components.A,
      value,
      value_date,
    }) as const;

  it("refuses a value without a rate on its date, naming the entry's amount", async () => {
    await recordEach([...valid, pledge(eur("10"), "2014-01-03")])({
      index: 3,
      code: "missing_exchange_rate",
      path: "entries.3.value.currency",
      message: /^entries\.3: No USD rate for EUR on or before 2014-01-03 \(within 366 days\)/,
    });
    await recordEach([pledge({ amount: "1", currency: "GBP" }, "2012-01-01"), ...valid])({
      index: 0,
      code: "missing_exchange_rate",
      path: "entries.0.value.currency",
      message: /No USD rate for GBP/,
    });
  });

  it("refuses an unknown initiative and a member state as partner, naming the field", async () => {
    const unknown = { ...valid[1], initiative_id: "00000000-0000-4000-8000-999999999999" };
    await recordEach([valid[0], unknown] as RecordFlowInput[])({
      index: 1,
      code: "unprocessable",
      path: "entries.1.initiative_id",
      message: /^entries\.1: Initiative: no initiative has this id$/,
    });
    await recordEach([...valid, { ...pledge(usd("1"), "2012-01-01"), partner_id: twin.guatemala }])(
      {
        index: 3,
        code: "unprocessable",
        path: "entries.3.partner_id",
        message: /GT is a member state/,
      },
    );
  });

  it("refuses the first disbursement beyond commitments without a reason, with its running totals", async () => {
    const eu = {
      support_kind: "financial",
      partner_id: twin.partners.EU,
      initiative_id: twin.initiatives.I2,
      value_date: "2013-03-01",
    } as const;
    // EU on I2 stands at 2,500.00 committed and 2,500.00 disbursed.
    await recordEach([
      { ...eu, flow_type: "commitment", value: usd("100") },
      { ...eu, flow_type: "disbursement", value: usd("50") },
      { ...eu, flow_type: "disbursement", value: usd("100") },
      { ...eu, flow_type: "disbursement", value: usd("10"), over_commitment_reason: "Published" },
    ])({
      index: 2,
      code: "over_commitment",
      path: "entries.2.over_commitment_reason",
      message: /USD 2,650\.00 disbursed against USD 2,600\.00 committed/,
    });
  });

  it("refuses reversals as reverseFlow does, naming the entry", async () => {
    const reverseEach =
      (entries: ReversalEntry[]) => (expected: Parameters<typeof expectSameRefusal>[3]) =>
        expectSameRefusal(
          entries,
          (db, { flowId, input }) => reverseFlow({ db, flowId, input, principal }),
          (db) => reverseFlows({ db, entries, principal }),
          expected,
        );
    const commitmentEuI2 = bulkRecorded[8]?.id ?? "";
    const pledgeEu = bulkRecorded[10]?.id ?? "";
    await reverseEach([
      { flowId: pledgeEu, input: { reason: "Not pledged" } },
      { flowId: commitmentEuI2, input: { reason: "Withdrawn" } },
    ])({
      index: 1,
      code: "over_commitment",
      path: "entries.1.over_commitment_reason",
      message: /USD 2,500\.00 disbursed against USD 0\.00 committed/,
    });
    const reversal = (await ledgerRows(bulk.db)).findIndex((row) => row.reverses_id !== null);
    const ids = await bulk.db.selectFrom("support_flows").select("id").orderBy("seq").execute();
    await reverseEach([{ flowId: ids[reversal]?.id ?? "", input: { reason: "Undo" } }])({
      index: 0,
      code: "conflict",
      path: "entries.0",
      message: /is itself a reversal/,
    });
    const twice = await reverseFlows({
      db: bulk.db,
      entries: [
        { flowId: pledgeEu, input: { reason: "Once" } },
        { flowId: pledgeEu, input: { reason: "Twice" } },
      ],
      principal,
    }).catch((e: unknown) => e as AppError);
    expect(twice).toMatchObject({ code: "conflict", reason: "already_reversed" });
    expect((twice as AppError).message).toMatch(
      new RegExp(`^entries\\.1: Flow ${pledgeEu} has already been reversed \\(by [0-9a-f-]{36}\\)`),
    );
    expect(await bulk.db.selectFrom("support_flows").select("id").execute()).toHaveLength(
      ids.length,
    );
  });

  it("checks the permission per partner, naming the first entry of a refused one", async () => {
    const userId = "00000000-0000-4000-8000-000000000099";
    await bulk.db
      .insertInto("users")
      .values({
        id: userId,
        email: "officer@eu.example",
        name: "EU officer",
        organization_id: twin.partners.EU,
        role: "partner",
        password_hash: "not a hash",
      })
      .execute();
    const partnerOfficer: Principal = {
      kind: "user",
      userId,
      email: "officer@eu.example",
      role: "partner",
      organizationId: twin.partners.EU,
      organizationKind: "international_org",
      country: null,
      via: "session",
    };
    const eu = { ...pledge(usd("1"), "2012-01-01"), partner_id: twin.partners.EU };
    await recordEach(
      [eu, eu, pledge(usd("1"), "2012-01-01")],
      partnerOfficer,
    )({
      index: 2,
      code: "forbidden",
      path: "entries.2",
      message: /own organization's support/,
    });
  });
});
