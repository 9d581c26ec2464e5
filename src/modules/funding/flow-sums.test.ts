import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/support/app.ts";
import type { RollupDimension } from "../../contracts/enums.ts";
import type { Database } from "../../platform/db/schema.ts";
import { systemPrincipal } from "../accounts/index.ts";
import type { RecordFlowInput } from "./flows.schema.ts";
import { insertInitiative, type LedgerWorld, openLedgerWorld } from "./funding.fixtures.ts";
import { recordFlow } from "./record-flow.ts";
import { recordFlows } from "./record-flows.ts";
import { reverseFlow } from "./reverse-flow.ts";
import { summarizeFunding } from "./summarize-funding.ts";

/**
 * support_flow_sums (and its by-year twin) is kept by the ledger's insert trigger and read by the roll-up when no
 * filter needs single entries. Written through every path (one entry, many in one statement,
 * a reversal, technical support without a value), it must equal the ledger summed at its grain,
 * and the roll-up must answer the same from it as from the ledger (an "as of" far ahead makes
 * the roll-up sum the ledger itself).
 */
const ledgerGrouped = (db: Kysely<Database>, byYear = true) =>
  sql<Record<string, unknown>>`
    select flow_type, partner_id, initiative_id, component_id, finance_type,
      ${byYear ? sql`extract(year from value_date)::int` : sql`null::int`} as year,
      sum(usd_minor)::text as usd_minor, count(*)::int as entries
    from support_flows
    group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`
    .execute(db)
    .then((r) => r.rows);

const keptSums = (db: Kysely<Database>, byYear = true) =>
  sql<Record<string, unknown>>`
    select flow_type, partner_id, initiative_id, component_id, finance_type,
      ${byYear ? sql`year` : sql`null::int as year`}, usd_minor::text as usd_minor,
      entries::int as entries
    from ${sql.table(byYear ? "support_flow_sums_by_year" : "support_flow_sums")}
    order by 1, 2, 3, 4, 5, 6`
    .execute(db)
    .then((r) => r.rows);

describe("the ledger's kept sums", () => {
  let t: TestApp;
  let w: LedgerWorld;
  beforeAll(async () => ({ t, w } = await openLedgerWorld()));
  afterAll(async () => t.close());

  it("equal the ledger summed, after single, bulk, reversed and valueless entries", async () => {
    const db = t.handle.db;
    const platform = systemPrincipal("flow sums test");
    const initiative = await insertInitiative(db, {
      code: "FS1",
      componentId: w.components.A,
      leadCountry: "GT",
      budgetUsdMinor: 10_000_000n,
      status: "in_execution",
    });
    expect(await keptSums(db)).toEqual([]);

    const pledge = await recordFlow({
      db,
      principal: platform,
      input: {
        flow_type: "pledge",
        support_kind: "financial",
        partner_id: w.partners.EU,
        initiative_id: initiative,
        value: { amount: "1000.00", currency: "EUR" },
        value_date: "2011-06-22",
        finance_type: "110",
      },
    });
    const entries: RecordFlowInput[] = [2011, 2012, 2012, 2013].map((year, i) => ({
      flow_type: "commitment",
      support_kind: "financial",
      partner_id: i % 2 ? w.partners.IDB : w.partners.EU,
      initiative_id: initiative,
      value: { amount: `${100 + i}.25`, currency: "USD" },
      value_date: `${year}-07-01`,
    }));
    entries.push({
      flow_type: "offer",
      support_kind: "technical",
      partner_id: w.partners.ES,
      component_id: w.components.B,
      description: "Forensic experts",
      value_date: "2012-03-01",
    });
    await recordFlows({ db, principal: platform, entries });
    await reverseFlow({
      db,
      principal: platform,
      flowId: pledge.id,
      input: { reason: "announced twice" },
    });

    expect(await keptSums(db, false)).toEqual(await ledgerGrouped(db, false));
    expect((await keptSums(db, false)).length).toBe(4);
    const kept = await keptSums(db);
    expect(kept).toEqual(await ledgerGrouped(db));
    // Read, not two empty answers agreeing: the pledge and its reversal net to 0 in one row
    // of two entries; four commitments of two partners over three years; the technical offer
    // has no value.
    expect(kept.length).toBe(6);
    expect(kept.reduce((n, row) => n + Number(row.entries), 0)).toBe(7);
    expect(kept).toContainEqual(
      expect.objectContaining({ flow_type: "pledge", usd_minor: "0", entries: 2 }),
    );
    expect(kept).toContainEqual(
      expect.objectContaining({ flow_type: "offer", usd_minor: null, entries: 1 }),
    );
    expect(kept.filter((row) => row.flow_type === "commitment" && row.year === 2012).length).toBe(
      2,
    );

    const farAhead = new Date("2999-01-01T00:00:00Z");
    const groupings: RollupDimension[][] = [
      [],
      ["component", "country", "partner"],
      ["year"],
      ["initiative", "finance_type"],
    ];
    for (const by of groupings) {
      for (const publishedOnly of [false, true]) {
        const fromSums = await summarizeFunding({ db, by, filter: { publishedOnly } });
        const fromLedger = await summarizeFunding({
          db,
          by,
          filter: { publishedOnly, asOf: farAhead },
        });
        expect({ rows: fromSums.rows, total: fromSums.total }).toEqual({
          rows: fromLedger.rows,
          total: fromLedger.total,
        });
      }
    }
    const total = await summarizeFunding({ db, by: [], filter: {} });
    expect(total.total.committed).toBe("407.00");
  });

  it("are undone with the transaction that wrote the entry", async () => {
    const db = t.handle.db;
    const before = await keptSums(db);
    const beforeAllYears = await keptSums(db, false);
    await expect(
      db.transaction().execute(async (trx) => {
        await recordFlow({
          db: trx,
          principal: systemPrincipal("flow sums test"),
          input: {
            flow_type: "pledge",
            support_kind: "financial",
            partner_id: w.partners.IDB,
            component_id: w.components.C,
            value: { amount: "5.00", currency: "USD" },
            value_date: "2013-01-01",
          },
        });
        expect((await keptSums(trx)).length).toBe(before.length + 1);
        expect((await keptSums(trx, false)).length).toBe(beforeAllYears.length + 1);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await keptSums(db)).toEqual(before);
    expect(await keptSums(db, false)).toEqual(beforeAllYears);
  });
});
