import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, createTestApp, type TestApp } from "../../../../test/support/app.ts";
import { systemPrincipal } from "../../accounts/index.ts";
import { importFootprint } from "../iati.fixtures.ts";
import { iatiFile, setUpIatiWorld, type TestActivity } from "../iati-xml.fixtures.ts";
import { setActivityLink } from "../links/activity-links.ts";
import { importIatiFile } from "./import-iati-file.ts";
import { vacuumWithoutAutovacuum } from "./staging.queries.ts";

const principal = systemPrincipal("test");
const dir = mkdtempSync(join(tmpdir(), "esca-iati-staged-"));
let written = 0;
const write = (xml: string) => {
  const path = join(dir, `file-${++written}.xml`);
  writeFileSync(path, xml);
  return path;
};

/**
 * `n` activities of one commitment each, linked to GT1: 2 rows an activity, so that 1 500 of
 * them make several batches (the first is written at 2 000 rows).
 */
const activities = (publisher: string, n: number, amount = "1000"): TestActivity[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${publisher}-${i + 1}`,
    related: "XI-IATI-ESCA-GT1",
    transactions: [{ type: 2, date: "2012-02-01", amount }],
  }));
const small = (publisher: string, generated: string, amount = "1000") =>
  write(iatiFile(publisher, activities(publisher, 3, amount), generated));
const large = (publisher: string, generated: string, amount = "1000") =>
  write(iatiFile(publisher, activities(publisher, 1500, amount), generated));

/** A promise with its resolve at hand, to hold an import between two batches. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open: () => open(), opened };
}

describe("an import stages its publication and switches it at the end", () => {
  let t: TestApp;
  const run = (path: string, afterBatch?: () => Promise<void>) =>
    importIatiFile({
      db: t.handle.db,
      path,
      principal,
      reportingOrgRef: "XI-IATI-ESCA",
      ...(afterBatch && { afterBatch }),
    });
  /** What readers see: the API's lists and the reconciliation. */
  const readers = async () => ({
    activities: (await t.anonymous({ method: "GET", url: "/api/iati/activities?limit=5" })).body,
    publications: (await t.anonymous({ method: "GET", url: "/api/iati/publications" })).body,
    reconciliation: (await t.anonymous({ method: "GET", url: "/api/reconciliation" })).body,
  });
  const staging = (publisher?: string) =>
    t.handle.db
      .selectFrom("iati_publications as p")
      .select([
        "p.id",
        "p.publisher_ref",
        sql<number>`(select count(*)::int from iati_activities a where a.publication_id = p.id)`.as(
          "activities",
        ),
      ])
      .where("p.state", "=", "staging")
      .$if(publisher !== undefined, (q) => q.where("p.publisher_ref", "=", publisher ?? ""))
      .orderBy("p.publisher_ref")
      .execute();

  beforeAll(async () => {
    t = await createTestApp();
    await setUpIatiWorld(t.handle.db);
    await t.handle.db.updateTable("initiatives").set({ published_at: new Date() }).execute();
  });
  afterAll(async () => t.close());

  it("serves other requests between batches, which do not see the staged rows", async () => {
    expect((await run(small("XM-DAC-51", "2026-01-01T00:00:00Z"))).status).toBe("imported");
    const before = await readers();
    const during: Array<{ seen: Awaited<ReturnType<typeof readers>>; staged: number }> = [];
    // On the embedded database these requests need the one connection: they are answered
    // only if no transaction of the import holds it between batches.
    const summary = await run(large("XM-DAC-51", "2026-02-01T00:00:00Z"), async () => {
      during.push({
        seen: await readers(),
        staged: (await staging("XM-DAC-51"))[0]?.activities ?? 0,
      });
    });
    expect(summary).toMatchObject({ status: "imported", activities: 1500, linked: 1500 });
    expect(during.length).toBeGreaterThanOrEqual(2);
    expect(during[0]?.staged).toBeGreaterThan(0);
    for (const { seen } of during) expect(seen).toEqual(before);
    const after = await readers();
    expect(after).not.toEqual(before);
    expect(after.activities).toMatchObject({ page: { total: 1500 } });
    expect(await staging()).toEqual([]);
  });

  it("hides a killed import's rows, discards them once stale or at a server start, and never a live import's", async () => {
    expect((await run(small("XM-DAC-52", "2026-01-01T00:00:00Z"))).status).toBe("imported");
    const before = await readers();
    // An import that stops after its first batch and never goes on: a killed process.
    const killed = (path: string) => {
      const stopped = gate();
      void run(path, () => {
        stopped.open();
        return new Promise<never>(() => undefined);
      });
      return stopped.opened;
    };
    await killed(large("XM-DAC-52", "2026-02-01T00:00:00Z", "5000"));
    // A live import of a new publisher, held between two batches.
    const held = gate();
    const reached = gate();
    const live = run(large("XM-DAC-53", "2026-01-01T00:00:00Z"), async () => {
      reached.open();
      await held.opened;
    });
    await reached.opened;
    expect((await staging()).map((s) => s.publisher_ref)).toEqual(["XM-DAC-52", "XM-DAC-53"]);
    expect(await readers()).toEqual(before);

    // The killed import's heartbeat grows old; the live one's is fresh.
    await t.handle.db
      .updateTable("iati_publications")
      .set({ staged_at: sql<Date>`now() - interval '10 minutes'` })
      .where("state", "=", "staging")
      .where("publisher_ref", "=", "XM-DAC-52")
      .execute();
    expect((await run(small("XM-DAC-54", "2026-01-01T00:00:00Z"))).status).toBe("imported");
    expect((await staging()).map((s) => s.publisher_ref)).toEqual(["XM-DAC-53"]);
    held.open();
    expect(await live).toMatchObject({
      status: "imported",
      activities: 1500,
      partnerCreated: true,
    });

    // A server starting: on the embedded database this process is the only writer, so even a
    // fresh staging publication is abandoned; on PostgreSQL another instance may be writing it.
    await killed(large("XM-DAC-55", "2026-01-01T00:00:00Z"));
    const restarted = await buildApp({
      ctx: { db: t.handle.db, backend: t.handle.backend },
      logLevel: "silent",
    });
    await restarted.ready();
    await restarted.close();
    expect((await staging()).map((s) => s.publisher_ref)).toEqual(
      t.handle.backend === "pglite" ? [] : ["XM-DAC-55"],
    );
    // The publisher the killed import named was never made an organization.
    const partners = await t.handle.db
      .selectFrom("organizations")
      .select("iati_org_id")
      .where("iati_org_id", "in", ["XM-DAC-52", "XM-DAC-53", "XM-DAC-55"])
      .orderBy("iati_org_id")
      .execute();
    expect(partners.map((p) => p.iati_org_id)).toEqual(["XM-DAC-52", "XM-DAC-53"]);
  });

  it("vacuums a replaced publication's rows where no autovacuum runs (the embedded database)", async () => {
    const pages = async () => {
      const { rows } = await sql<{ pages: number }>`
        select (pg_relation_size('iati_transactions') / current_setting('block_size')::int)::int
          as pages`.execute(t.handle.db);
      return rows[0]?.pages ?? 0;
    };
    const version = (month: number) =>
      run(large("XM-DAC-60", `2026-0${month}-01T00:00:00Z`, `${1000 + month}`));
    expect((await version(1)).status).toBe("imported");
    expect((await version(2)).status).toBe("imported");
    const afterOneReplacement = await pages();
    for (const month of [3, 4, 5]) expect((await version(month)).status).toBe("imported");
    const { rows: launcher } = await sql<{ running: boolean }>`
      select exists (select from pg_stat_activity where backend_type = 'autovacuum launcher')
        as running`.execute(t.handle.db);
    if (t.handle.backend === "pglite") {
      expect(launcher[0]?.running).toBe(false);
      const { rows } = await sql<{ relname: string; vacuumed: boolean }>`
        select relname, last_vacuum is not null as vacuumed from pg_stat_user_tables
         where relname in ('iati_activities', 'iati_transactions', 'iati_budgets')
         order by relname`.execute(t.handle.db);
      expect(rows.every((r) => r.vacuumed)).toBe(true);
      // Each replaced publication's space is reused by the next: three more replacements
      // leave the table as large as one did (without vacuum it grows by a publication each).
      expect(await pages()).toBeLessThanOrEqual(afterOneReplacement);
    } else if (launcher[0]?.running) {
      // PostgreSQL's own autovacuum does it: the import leaves it alone.
      expect(await vacuumWithoutAutovacuum(t.handle.db)).toBe(false);
    }
  });

  it("leaves the old publication and no staged rows when the file is refused after some batches", async () => {
    expect((await run(small("XM-DAC-56", "2026-01-01T00:00:00Z"))).status).toBe("imported");
    const before = { footprint: await importFootprint(t.handle.db), seen: await readers() };
    // Past the guard's 64 levels, in the last activity: refused once most rows are written.
    const deep = `${"<x>".repeat(70)}${"</x>".repeat(70)}`;
    const refused = (publisher: string) => {
      const xml = iatiFile(publisher, activities(publisher, 1500), "2026-02-01T00:00:00Z");
      const at = xml.lastIndexOf(" </iati-activity>");
      return write(`${xml.slice(0, at)}${deep}\n${xml.slice(at)}`);
    };
    const lastVacuum = async () => {
      const { rows } = await sql<{ at: string | null }>`
        select last_vacuum::text as at from pg_stat_user_tables
         where relname = 'iati_transactions'`.execute(t.handle.db);
      return rows[0]?.at ?? null;
    };
    // The publisher's newer file, and a first file of a publisher not yet a partner.
    for (const publisher of ["XM-DAC-56", "XM-DAC-57"]) {
      const vacuumedBefore = await lastVacuum();
      let batches = 0;
      await expect(
        run(refused(publisher), async () => {
          batches++;
        }),
      ).rejects.toThrow(/nested more than 64 levels deep/);
      expect(batches, publisher).toBeGreaterThan(0);
      expect(await importFootprint(t.handle.db)).toEqual(before.footprint);
      expect(await readers()).toEqual(before.seen);
      // The discarded rows are vacuumed where no autovacuum runs (PostgreSQL's does it).
      if (t.handle.backend === "pglite") expect(await lastVacuum()).not.toBe(vacuumedBefore);
    }
  });

  it("ends two imports of one publisher at once with one current publication: the newer file, or the last to switch", async () => {
    expect((await run(small("XM-DAC-58", "2026-01-01T00:00:00Z"))).status).toBe("imported");
    const current = () =>
      t.handle.db
        .selectFrom("iati_publications")
        .select(["file_name", "state"])
        .where("publisher_ref", "=", "XM-DAC-58")
        .execute();
    const older = large("XM-DAC-58", "2026-02-01T00:00:00Z", "2000");
    const newer = small("XM-DAC-58", "2026-03-01T00:00:00Z", "3000");
    // The older file stages first; the newer one is imported whole meanwhile.
    let newerDone: Promise<unknown> | undefined;
    const first = run(older, async () => {
      newerDone ??= run(newer);
      await newerDone;
    });
    await expect(first).rejects.toThrow(/before the imported one/);
    expect(await newerDone).toMatchObject({ status: "imported" });
    expect(await current()).toEqual([{ file_name: newer.split("/").pop(), state: "current" }]);

    // Same generated-datetime, different contents: whichever switches last is current.
    const sameTime = "2026-04-01T00:00:00Z";
    const a = large("XM-DAC-58", sameTime, "4000");
    const b = small("XM-DAC-58", sameTime, "5000");
    let bDone: Promise<unknown> | undefined;
    const aDone = run(a, async () => {
      bDone ??= run(b);
      await bDone;
    });
    expect(await aDone).toMatchObject({ status: "imported", activities: 1500 });
    expect(await bDone).toMatchObject({ status: "imported", activities: 3 });
    expect(await current()).toEqual([{ file_name: a.split("/").pop(), state: "current" }]);
    expect(await staging("XM-DAC-58")).toEqual([]);
  });

  it("links the staged activities by a mapping the secretariat saved while they were written", async () => {
    const unlinked = activities("XM-DAC-59", 1500).map(({ related: _, ...activity }) => activity);
    const path = write(iatiFile("XM-DAC-59", unlinked, "2026-01-01T00:00:00Z"));
    const map = (identifier: string) =>
      setActivityLink({
        db: t.handle.db,
        identifier,
        initiative: "GT1",
        principal,
        reportingOrgRef: "XI-IATI-ESCA",
      });
    let mapped = false;
    // One activity already staged, one still to come, mapped after the import read the mapping.
    const summary = await run(path, async () => {
      if (mapped) return;
      mapped = true;
      expect(await map("XM-DAC-59-1")).toMatchObject({ relinked: 0 });
      expect(await map("XM-DAC-59-1500")).toMatchObject({ relinked: 0 });
    });
    expect(summary).toMatchObject({ status: "imported", linked: 2, flowsRecorded: 2 });
    const linked = await t.handle.db
      .selectFrom("iati_activities")
      .select(["iati_identifier", "link_source"])
      .where("iati_identifier", "like", "XM-DAC-59-%")
      .where("initiative_id", "is not", null)
      .orderBy("iati_identifier")
      .execute();
    expect(linked).toEqual([
      { iati_identifier: "XM-DAC-59-1", link_source: "mapping" },
      { iati_identifier: "XM-DAC-59-1500", link_source: "mapping" },
    ]);
  });
});
