import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import { toMinorUnits } from "../../contracts/money.ts";
import type { DatabaseHandle } from "../../platform/db/connect.ts";
import { AppError } from "../../platform/errors.ts";
import { summarizeFunding } from "../funding/index.ts";
import { createOrganization } from "../organizations/index.ts";
import { type DemoSummary, seedDemo } from "./index.ts";

/** Row counts of the tables the seed writes, to prove a refused seed wrote nothing. */
async function countRows(handle: DatabaseHandle) {
  const tables = [
    "organizations",
    "exchange_rates",
    "strategy_components",
    "initiatives",
    "initiative_transitions",
    "support_flows",
    "indicator_observations",
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await handle.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<bigint>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

describe("the demo seed", () => {
  let handle: DatabaseHandle;
  let summary: DemoSummary;
  beforeAll(async () => {
    handle = await createTestDatabase();
    summary = await seedDemo({ db: handle.db });
    // The whole demo (ledger, conference, results, practices) on a loaded machine.
  }, 180_000);
  afterAll(async () => handle.close());

  it("loads 22 initiatives across the four components and the eight member states", async () => {
    expect(summary.initiatives).toBe(22);
    const initiatives = await handle.db
      .selectFrom("initiatives")
      .select(["code", "status"])
      .execute();
    expect(initiatives).toHaveLength(22);
    const statuses = new Set(initiatives.map((i) => i.status));
    for (const status of ["submitted", "endorsed", "seeking_funding", "in_execution", "completed"])
      expect(statuses).toContain(status);
    const members = await handle.db
      .selectFrom("organizations")
      .select(["code", "country_iso2"])
      .where("kind", "=", "member_state")
      .orderBy("code")
      .execute();
    expect(members.map((m) => m.code)).toEqual(["BZ", "CR", "DO", "GT", "HN", "NI", "PA", "SV"]);
    expect(members.every((m) => m.code === m.country_iso2)).toBe(true);
  });

  it("publishes ten example practices, each naming its public source", async () => {
    expect(summary.practices).toBe(10);
    const practices = await handle.db
      .selectFrom("practices")
      .select(["slug", "status", "illustrative", "source_citation", "source_url", "language"])
      .execute();
    expect(practices).toHaveLength(10);
    for (const practice of practices) {
      expect(practice, practice.slug).toMatchObject({ status: "published", illustrative: true });
      expect(practice.source_citation.length, practice.slug).toBeGreaterThan(10);
      expect(practice.source_url, practice.slug).toMatch(/^https?:\/\//);
    }
    expect(new Set(practices.map((p) => p.language))).toEqual(new Set(["es", "en"]));
  });

  it("loads the homicide rates as two series apart, with direction and SDG indicator", async () => {
    const indicator = await handle.db
      .selectFrom("indicators")
      .select(["id", "direction", "sdg_indicator", "source"])
      .where("code", "=", "homicide_rate")
      .executeTakeFirstOrThrow();
    expect(indicator).toMatchObject({ direction: "lower_is_better", sdg_indicator: "16.1.1" });
    const series = await handle.db
      .selectFrom("indicator_observations")
      .select(["source", (eb) => eb.fn.countAll<number>().as("n")])
      .where("indicator_id", "=", indicator.id)
      .groupBy("source")
      .execute();
    // The 2025 release's 184 annual values (../shared/data) and the 2011 Global Study's seven.
    expect(series.map((s) => Number(s.n)).sort((a, b) => a - b)).toEqual([7, 184]);
    const honduras2010 = await handle.db
      .selectFrom("indicator_observations")
      .select(["value", "source"])
      .where("indicator_id", "=", indicator.id)
      .where("country_iso2", "=", "HN")
      .where("year", "=", 2010)
      .orderBy("value")
      .execute();
    expect(honduras2010.map((o) => Number(o.value))).toEqual([74.54089, 82.1]);
  });

  it("records every pledge announced in 2011 with its source, at the conference", async () => {
    const pledges = await handle.db
      .selectFrom("support_flows as f")
      .innerJoin("organizations as o", "o.id", "f.partner_id")
      .innerJoin("conferences as c", "c.id", "f.conference_id")
      .select(["o.code", "f.amount_minor", "f.currency", "f.source", "c.start_date"])
      .where("f.flow_type", "=", "pledge")
      .where("f.reverses_id", "is", null)
      .execute();
    const announced = [
      { code: "USA", amount: "300000000", source: /World Bank feature, 22 June 2011/ },
      { code: "IDB", amount: "500000000", source: /IDB press release/ },
      { code: "WB", amount: "1000000000", source: /World Bank feature, 22 June 2011/ },
      { code: "ESP", amount: "150000000", source: /EFE/ },
    ];
    for (const { code, amount, source } of announced) {
      const pledge = pledges.find((p) => p.code === code);
      expect(pledge, code).toBeDefined();
      expect(pledge?.amount_minor).toBe(toMinorUnits(amount, "USD"));
      expect(pledge?.currency).toBe("USD");
      expect(pledge?.source).toMatch(source);
      expect(pledge?.start_date).toBe("2011-06-22");
    }
  });

  it("corrects a wrong disbursement with a reversal that nets it to zero", async () => {
    expect(summary.reversals).toBeGreaterThanOrEqual(1);
    const reversals = await handle.db
      .selectFrom("support_flows as r")
      .innerJoin("support_flows as o", "o.id", "r.reverses_id")
      .select(["r.amount_minor as reversed", "o.amount_minor as original", "o.flow_type", "r.note"])
      .execute();
    expect(reversals.length).toBeGreaterThanOrEqual(1);
    for (const r of reversals) expect((r.reversed ?? 0n) + (r.original ?? 0n)).toBe(0n);
    expect(reversals.some((r) => r.flow_type === "disbursement" && r.note)).toBe(true);
  });

  it("starts execution only with commitments covering the budget or a recorded override", async () => {
    const started = await handle.db
      .selectFrom("initiatives as i")
      .innerJoin("initiative_transitions as t", "t.initiative_id", "i.id")
      .select(["i.id", "i.code", "i.status", "t.funding_override_reason"])
      .where("t.to_status", "=", "in_execution")
      .execute();
    const inExecution = await handle.db
      .selectFrom("initiatives")
      .select("id")
      .where("status", "=", "in_execution")
      .execute();
    expect(inExecution.length).toBeGreaterThan(0);
    for (const { id } of inExecution) expect(started.map((s) => s.id)).toContain(id);
    const funding = await summarizeFunding({ db: handle.db, by: ["initiative"] });
    for (const initiative of started) {
      const row = funding.rows.find((r) => r.key.initiative?.id === initiative.id);
      const committed = toMinorUnits(row?.committed ?? "0", "USD");
      const budget = toMinorUnits(row?.budget ?? "0", "USD");
      expect(
        committed >= budget || Boolean(initiative.funding_override_reason),
        initiative.code,
      ).toBe(true);
    }
    expect(started.some((s) => s.funding_override_reason)).toBe(true);
  });

  it("shows the promises gap: announced far above committed, committed far above disbursed", async () => {
    const { total } = await summarizeFunding({ db: handle.db, by: [] });
    const usd = (amount: string) => toMinorUnits(amount, "USD");
    expect(usd(total.announced)).toBeGreaterThan(3n * usd(total.committed));
    expect(usd(total.committed)).toBeGreaterThan(2n * usd(total.disbursed));
    expect(usd(total.disbursed)).toBeGreaterThan(0n);
  });

  it("refuses to seed a database that already holds data, and changes nothing", async () => {
    const before = await countRows(handle);
    const attempt = seedDemo({ db: handle.db });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "conflict" });
    expect(await countRows(handle)).toEqual(before);
  });
});

describe("a forced demo seed that fails", () => {
  it("leaves nothing of itself behind", async () => {
    const handle = await createTestDatabase();
    try {
      // A record a person entered, whose code the demo also uses: the seed fails midway.
      await createOrganization({
        db: handle.db,
        input: { code: "ESP", kind: "partner_government", name: { es: "España", en: "Spain" } },
      });
      const before = await countRows(handle);
      await expect(seedDemo({ db: handle.db, force: true })).rejects.toMatchObject({
        code: "conflict",
      });
      expect(await countRows(handle)).toEqual(before);
    } finally {
      await handle.close();
    }
  });
});
