import fc from "fast-check";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSummary } from "../../src/cli/actions/summary.ts";
import { flowTypes } from "../../src/contracts/enums.ts";
import { formatMinorUnits } from "../../src/contracts/money.ts";
import { systemPrincipal } from "../../src/modules/accounts/index.ts";
import {
  inRolledBackTransaction,
  insertInitiative,
  type LedgerWorld,
  setUpLedgerWorld,
} from "../../src/modules/funding/funding.fixtures.ts";
import { recordFlow, reverseFlow, summarizeFunding } from "../../src/modules/funding/index.ts";
import {
  exportIatiActivities,
  exportIatiOrganisation,
  loadIatiSettings,
} from "../../src/modules/iati/index.ts";
import type { Database } from "../../src/platform/db/schema.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { testBackend } from "../support/database.ts";
import {
  expectAddsUp,
  expectCliTableAddsUp,
  expectDownloadsAddUp,
  expectLedgerTotals,
  GROUPINGS,
} from "./adds-up.ts";
import { expectIatiAddsUp } from "./iati-totals.ts";
import { ledgerTotals } from "./ledger-sql.ts";

const RUNS = 20;

const initiativeArb = fc.record({
  component: fc.constantFrom("A", "B", "C"),
  country: fc.constantFrom("GT", "HN", "SV"),
  budget: fc.bigInt({ min: 0n, max: 10n ** 11n }),
  status: fc.constantFrom("draft", "seeking_funding", "in_execution", "cancelled"),
  published: fc.boolean(),
});
const flowArb = fc.record({
  type: fc.constantFrom(...flowTypes),
  partner: fc.constantFrom("EU", "IDB", "ES"),
  /** Index into the initiatives, or null for support to `component` and no initiative. */
  initiative: fc.option(fc.nat(), { nil: null, freq: 3 }),
  /** With no initiative, null is support announced to the whole region (no component). */
  component: fc.constantFrom("A", "B", "C", null),
  /** An IATI finance type, or none stated. */
  financeType: fc.constantFrom("110", "421", "410", null),
  amount: fc.bigInt({ min: 1n, max: 10n ** 10n }),
  currency: fc.constantFrom("USD", "EUR"),
  year: fc.constantFrom(2011, 2012, 2013),
  /** One entry in five is reversed. */
  reversed: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
});
const ledgerArb = fc.record({
  initiatives: fc.array(initiativeArb, { maxLength: 5 }),
  flows: fc.array(flowArb, { maxLength: 14 }),
});
type Ledger = typeof ledgerArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * Random ledgers (initiatives published or not, cancelled or not; support to initiatives
 * and to components; USD and EUR; reversals): every total of every surface the roll-up
 * feeds adds up to its rows and remainders, and equals the ledger's in plain SQL.
 */
describe(`cross-check of every total, random ledgers (${testBackend})`, {
  timeout: 600_000,
}, () => {
  let t: TestApp;
  let w: LedgerWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await setUpLedgerWorld(t);
  });
  afterAll(async () => t?.close());

  async function load(db: Kysely<Database>, ledger: Ledger) {
    const ids: string[] = [];
    for (const [i, initiative] of ledger.initiatives.entries()) {
      ids.push(
        await insertInitiative(db, {
          code: `R${i}`,
          componentId: w.components[initiative.component],
          leadCountry: initiative.country,
          budgetUsdMinor: initiative.budget,
          status: initiative.status,
          // A draft is never published.
          published: initiative.published && initiative.status !== "draft",
        }),
      );
    }
    for (const flow of ledger.flows) {
      const initiativeId = flow.initiative === null ? undefined : ids[flow.initiative % ids.length];
      const recorded = await recordFlow({
        db,
        principal: systemPrincipal("cross-check"),
        input: {
          flow_type: flow.type,
          support_kind: "financial",
          partner_id: w.partners[flow.partner],
          ...(initiativeId
            ? { initiative_id: initiativeId }
            : flow.component && { component_id: w.components[flow.component] }),
          ...(flow.financeType && { finance_type: flow.financeType }),
          value: { amount: formatMinorUnits(flow.amount, flow.currency), currency: flow.currency },
          value_date: `${flow.year}-06-30`,
          ...(flow.type === "disbursement" && { over_commitment_reason: "cross-check" }),
        },
      });
      if (flow.reversed) {
        await reverseFlow({
          db,
          principal: systemPrincipal("cross-check"),
          flowId: recorded.id,
          input: { reason: "cross-check", over_commitment_reason: "cross-check" },
        });
      }
    }
  }

  it("adds up everywhere, to the cent, and agrees with the ledger", async () => {
    const settings = loadIatiSettings();
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (ledger) =>
        inRolledBackTransaction(t.handle.db, async (db) => {
          await load(db, ledger);
          for (const publishedOnly of [true, false]) {
            const who = publishedOnly ? "public" : "staff";
            const expected = await ledgerTotals(db, { publishedOnly });
            for (const by of GROUPINGS) {
              const summary = await summarizeFunding({ db, by, filter: { publishedOnly } });
              const label = `${who} by=${by.join(",")}`;
              if (by.length) expectAddsUp(summary, label);
              expectLedgerTotals(summary.total, expected, label);
            }
            const byCountry = await summarizeFunding({
              db,
              by: ["country"],
              filter: { publishedOnly },
            });
            for (const row of byCountry.rows.filter((r) => !r.remainder)) {
              const page = await summarizeFunding({
                db,
                by: [],
                filter: { publishedOnly, countries: [row.key.country ?? ""] },
              });
              const { key: _key, remainder: _remainder, ...figures } = row;
              expect(page.total, `${who} country ${row.key.country}`).toEqual(figures);
            }
            const byPartner = await summarizeFunding({
              db,
              by: ["partner"],
              filter: { publishedOnly },
            });
            for (const row of byPartner.rows) {
              const open = expected.partnersNotCommitted.get(row.key.partner?.code ?? "") ?? 0n;
              expect(row.announced_not_committed, `${who} ${row.key.partner?.code}`).toBe(
                formatMinorUnits(open, "USD"),
              );
            }
            await expectDownloadsAddUp(byCountry, `${who} by country`);
            await expectDownloadsAddUp(byPartner, `${who} by partner`);
            const byComponent = await summarizeFunding({
              db,
              by: ["component", "country"],
              filter: { publishedOnly },
            });
            expectCliTableAddsUp(renderSummary(byComponent, ["component", "country"]), 2, who);
          }
          const [activitiesXml, organisationXml, byInitiative] = await Promise.all([
            exportIatiActivities({ db, settings }),
            exportIatiOrganisation({ db, settings }),
            summarizeFunding({ db, by: ["initiative"], filter: { publishedOnly: true } }),
          ]);
          await expectIatiAddsUp({ db, activitiesXml, organisationXml, byInitiative });
        }),
      ),
      { numRuns: RUNS },
    );
  });
});
