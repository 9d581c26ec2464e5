import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import type { Flow } from "../../src/contracts/flows.ts";
import { verifyAuditChain } from "../../src/modules/audit/index.ts";
import { setUpIatiWorld } from "../../src/modules/iati/iati-xml.fixtures.ts";
import { createOrganization } from "../../src/modules/organizations/index.ts";
import {
  type ApiClient,
  createFaultStore,
  type FaultStore,
  type FaultWork,
  faultRounds,
  faultSeed,
  runFaultRounds,
  seededRandom,
} from "../support/fault.ts";

/**
 * kill -9 of `esca serve` while a secretariat officer records support: per round, for one
 * partner, units of pledge → commitment → disbursement (every third one then reversed), each
 * entry one request. After the restart each unit shows a prefix of its steps, each at most
 * once, with its amounts, and a reversal never without its reversed entry marked; re-running
 * the round completes it to the state a run without kills reached.
 */
const rounds = faultRounds(8);
const UNITS = 6;
const partnerCode = (round: number) => `P${round}`;
const amount = (round: number, unit: number) => `${(round + 1) * 1000 + unit * 10}.00`;
const half = (round: number, unit: number) => `${((round + 1) * 1000 + unit * 10) / 2}.00`;

async function ok<T>(response: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const { status: got, body } = await response;
  if (got !== status) throw new Error(`expected ${status}, got ${got}: ${JSON.stringify(body)}`);
  return body;
}

const ids = new WeakMap<ApiClient, { initiative: string; partners: Map<string, string> }>();
async function lookUp(api: ApiClient, round: number) {
  let known = ids.get(api);
  if (!known) {
    const initiative = await ok(api.json<{ id: string }>("GET", "/api/initiatives/GT1"));
    known = { initiative: initiative.id, partners: new Map() };
    ids.set(api, known);
  }
  const code = partnerCode(round);
  let partner = known.partners.get(code);
  if (!partner) {
    partner = (await ok(api.json<{ id: string }>("GET", `/api/organizations/${code}`))).id;
    known.partners.set(code, partner);
  }
  return { initiative: known.initiative, partner };
}

async function roundFlows(api: ApiClient, round: number): Promise<Flow[]> {
  const { partner } = await lookUp(api, round);
  const page = await ok(
    api.json<{ data: Flow[] }>("GET", `/api/flows?partner_id=${partner}&limit=500`),
  );
  return page.data;
}

/** The unit's entries by step; the unit's note is on each of its entries. */
function unitSteps(flows: Flow[], round: number, unit: number) {
  const note = `r${round}-u${unit}`;
  const mine = flows.filter((flow) => flow.note === note || flow.note === `${note} reversal`);
  return {
    pledges: mine.filter((f) => f.flow_type === "pledge" && !f.reverses_id),
    commitments: mine.filter((f) => f.flow_type === "commitment" && !f.reverses_id),
    disbursements: mine.filter((f) => f.flow_type === "disbursement" && !f.reverses_id),
    reversals: mine.filter((f) => f.reverses_id),
  };
}

const work: FaultWork<unknown> = {
  async run(api, round) {
    const { initiative, partner } = await lookUp(api, round);
    const flows = await roundFlows(api, round);
    for (let unit = 0; unit < UNITS; unit++) {
      const note = `r${round}-u${unit}`;
      const steps = unitSteps(flows, round, unit);
      const currency = unit % 2 ? "EUR" : "USD";
      const common = { support_kind: "financial", partner_id: partner, note };
      const pledge =
        steps.pledges[0] ??
        (await ok(
          api.json<Flow>("POST", "/api/flows", {
            ...common,
            flow_type: "pledge",
            value: { amount: amount(round, unit), currency },
            value_date: "2012-03-01",
          }),
          201,
        ));
      const commitment =
        steps.commitments[0] ??
        (await ok(
          api.json<Flow>("POST", "/api/flows", {
            ...common,
            flow_type: "commitment",
            initiative_id: initiative,
            pledge_id: pledge.id,
            value: { amount: amount(round, unit), currency },
            value_date: "2012-06-01",
          }),
          201,
        ));
      const disbursement =
        steps.disbursements[0] ??
        (await ok(
          api.json<Flow>("POST", "/api/flows", {
            ...common,
            flow_type: "disbursement",
            initiative_id: initiative,
            commitment_id: commitment.id,
            value: { amount: half(round, unit), currency },
            value_date: "2013-02-01",
          }),
          201,
        ));
      if (unit % 3 === 0 && !steps.reversals.length)
        await ok(
          api.json("POST", `/api/flows/${disbursement.id}/reversal`, {
            reason: `${note} reversal`,
          }),
          201,
        );
    }
  },

  async checkNothingPartial(api, round) {
    const flows = await roundFlows(api, round);
    const byId = new Map(flows.map((flow) => [flow.id, flow]));
    for (let unit = 0; unit < UNITS; unit++) {
      const steps = unitSteps(flows, round, unit);
      const label = `round ${round} unit ${unit}`;
      for (const list of Object.values(steps)) expect(list.length, label).toBeLessThanOrEqual(1);
      const [pledge] = steps.pledges;
      const [commitment] = steps.commitments;
      const [disbursement] = steps.disbursements;
      const [reversal] = steps.reversals;
      // Each step only after the one before it, pointing at it, with its whole amount.
      if (commitment) expect(commitment.pledge_id, label).toBe(pledge?.id);
      if (disbursement) expect(disbursement.commitment_id, label).toBe(commitment?.id);
      if (reversal) {
        expect(reversal.reverses_id, label).toBe(disbursement?.id);
        expect(disbursement?.reversed_by, label).toBe(reversal.id);
      } else if (disbursement) expect(disbursement.reversed_by, label).toBeNull();
      if (pledge) expect(pledge.value?.amount, label).toBe(amount(round, unit));
      if (commitment) expect(commitment.value?.amount, label).toBe(amount(round, unit));
      if (disbursement) expect(disbursement.value?.amount, label).toBe(half(round, unit));
      for (const flow of [pledge, commitment, disbursement])
        if (flow?.value?.currency === "EUR") expect(flow.value_usd, label).not.toBeNull();
    }
    for (const flow of flows)
      expect(flow.reverses_id === null || byId.has(flow.reverses_id)).toBe(true);
  },

  async fingerprint(api) {
    const summary = await ok(api.json("GET", "/api/funding/summary?by=partner"));
    const counts: Record<string, number> = {};
    for (const type of ["pledge", "commitment", "disbursement"]) {
      const page = await ok(
        api.json<{ page: { total: number } }>("GET", `/api/flows?flow_type=${type}&limit=1`),
      );
      counts[type] = page.page.total;
    }
    return { summary: stripIds(summary), counts };
  },
};

/** The roll-up with the stores' own ids left out (the two runs' ids differ). */
function stripIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripIds);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !/(^|_)id$/.test(key) && key !== "as_of" && key !== "generated_at")
        .map(([key, inner]) => [key, stripIds(inner)]),
    );
  return value;
}

async function prepare(db: Parameters<Parameters<typeof createFaultStore>[0]>[0]) {
  await setUpIatiWorld(db);
  for (let round = 0; round < rounds; round++)
    await createOrganization({
      db,
      input: {
        code: partnerCode(round),
        kind: "partner_government",
        name: { es: `Socio ${round}`, en: `Partner ${round}` },
      },
    });
}

describe("kill -9 during writes", { timeout: 900_000 }, () => {
  const stores: FaultStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.dispose();
  });

  it(`${rounds} rounds: nothing partial, the chain holds, re-running reaches the clean state`, async () => {
    const random = seededRandom(faultSeed("writes"));
    const clean = await createFaultStore(prepare);
    stores.push(clean);
    const faulty = await createFaultStore(prepare);
    stores.push(faulty);
    const result = await runFaultRounds({ rounds, random, work, clean, faulty });
    console.log(
      `kill -9 writes: killed after ${result.killedAfter.join(", ")} ms, ${result.midWork} of ${rounds} while the work ran`,
    );

    expect(result.recovered).toEqual(result.clean);
    expect(result.verdicts).toHaveLength(rounds + 1);
    for (const verdict of result.verdicts) expect(verdict.ok).toBe(true);
    expect(result.clean.at(-1)).toMatchObject({
      counts: { pledge: rounds * UNITS, commitment: rounds * UNITS },
    });
    // Underneath, on the database itself: every entry has its audit row, and the chain holds.
    await faulty.withDb(async (db) => {
      const orphans = await sql<{ n: number }>`
        select count(*)::int as n from support_flows f
        where not exists (select 1 from audit_log a
          where a.entity_type = 'support_flows' and a.entity_id = f.id::text)`.execute(db);
      expect(orphans.rows[0]?.n).toBe(0);
      expect((await verifyAuditChain({ db })).ok).toBe(true);
    });
  });
});
