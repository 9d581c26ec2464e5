import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../../../test/support/app.ts";
import { cliEnv, embeddedPassOnly, escaBin, runCli } from "../../../../test/support/cli.ts";
import { openEmbedded } from "../../../platform/db/connect.ts";
import { migrateToLatest } from "../../../platform/db/migrate.ts";
import { generateWorkload, haveBench } from "../iati.fixtures.ts";
import { setUpIatiWorld } from "../iati-xml.fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "esca-iati-kill-"));
const dataDir = join(dir, "data");
const env = cliEnv(dataDir);
const files = { A: join(dir, "a.xml"), B: join(dir, "b.xml") };

/** Opens the data folder (no CLI holds it now) and runs `work` on it. */
async function withData<T>(
  work: (db: Awaited<ReturnType<typeof openEmbedded>>["db"]) => Promise<T>,
): Promise<T> {
  const handle = await openEmbedded({ dataDir: join(dataDir, "pglite") });
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

/**
 * What an import decides, as one comparable value: the current publication, its activities
 * and transactions, and the standing ledger entries it recorded (net of reversals, so
 * A → B → A compares equal to A even though history grew). Current publications only: that
 * is what every reader sees, while a killed import leaves its staging rows beside them until
 * they are discarded (checked apart, at the end).
 */
const fingerprint = (scope: "current" | "all tables" = "current") =>
  withData(async (db) => {
    const publications = sql.raw(
      scope === "current"
        ? "(select * from iati_publications where state = 'current')"
        : "iati_publications",
    );
    const { rows } = await sql<Record<string, string>>`
      with p as (select * from ${publications} p),
        a as (select a.* from iati_activities a join p on p.id = a.publication_id),
        t as (select t.* from iati_transactions t join a on a.id = t.activity_id),
        b as (select b.* from iati_budgets b join a on a.id = b.activity_id)
      select
        (select string_agg(publisher_ref || ':' || file_sha256 || ':' || activity_count || ':' || transaction_count, ',') from p) as publication,
        (select count(*) || ':' || md5(coalesce(string_agg(iati_identifier || coalesce(initiative_id::text, '-'), ',' order by iati_identifier), '')) from a) as activities,
        (select count(*) || ':' || coalesce(sum(amount_minor), 0) || ':' || coalesce(sum(usd_minor), 0) from t) as transactions,
        (select count(*) || ':' || coalesce(sum(amount_minor), 0) from b) as budgets,
        (select count(*) || ':' || coalesce(sum(f.usd_minor), 0) from support_flows f
          where f.reverses_id is null and not exists (select 1 from support_flows r where r.reverses_id = f.id)) as standing_flows,
        (select coalesce(sum(usd_minor), 0)::text from support_flows) as ledger_net,
        (select count(*)::text from iati_activities) as all_activities,
        (select count(*)::text from iati_transactions) as all_transactions,
        (select count(*)::text from iati_budgets) as all_budgets,
        (select count(*)::text from organizations) as organizations
    `.execute(db);
    const row = rows[0] ?? {};
    // Rows outside the publications looked at would be orphans (or staging rows, for "current").
    const counted = (column: string) => row[column]?.split(":")[0];
    const orphans =
      row.all_activities !== counted("activities") ||
      row.all_transactions !== counted("transactions") ||
      row.all_budgets !== counted("budgets");
    const { all_activities, all_transactions, all_budgets, ...decided } = row;
    return scope === "current" ? decided : { ...decided, orphans: String(orphans) };
  });

/**
 * Imports with the progress bar on a pipe and kills the process once it has read `atPercent`
 * of the file (then `graceMs` later, to also strike in the ledger step and the commit).
 */
function importAndKill(file: string, atPercent: number, graceMs: number): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [escaBin, "import", "iati", file], {
      env: { ...env, ESCA_PROGRESS: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let armed = false;
    child.stderr.on("data", (chunk: Buffer) => {
      const percents = [...chunk.toString().matchAll(/\] +(\d+)%/g)].map((m) => Number(m[1]));
      if (!armed && percents.some((p) => p >= atPercent)) {
        armed = true;
        setTimeout(() => child.kill("SIGKILL"), graceMs);
      }
    });
    child.on("exit", (code, signal) => resolve(signal ?? `exit ${code}`));
  });
}

const title = haveBench
  ? "killing an import"
  : "killing an import — skipped: ../shared/bench/gen-iati.mjs is absent";
describe.skipIf(!haveBench || embeddedPassOnly())(title, () => {
  const states: Record<"A" | "B", Record<string, string>> = { A: {}, B: {} };

  beforeAll(async () => {
    generateWorkload(1, files.A, 7);
    generateWorkload(1, files.B, 8);
    await withData(async (db) => {
      await migrateToLatest(db);
      const world = await setUpIatiWorld(db);
      // Some activities of both files count towards an initiative, so the ledger moves too.
      await db
        .insertInto("iati_activity_links")
        .values(
          [1, 2, 3, 4, 5, 6].map((n) => ({
            iati_identifier: `XM-DAC-46012-CASEC-${String(n).padStart(7, "0")}`,
            initiative_id: world.initiativeId,
            created_by: "test",
          })),
        )
        .execute();
    });
    for (const which of ["B", "A"] as const) {
      const run = await runCli(["import", "iati", files[which]], env);
      expect(run.code, run.stderr).toBe(0);
      states[which] = await fingerprint();
    }
    expect(states.A).not.toEqual(states.B);
    expect(Number(states.A.standing_flows?.split(":")[0])).toBeGreaterThan(0);
  }, 180_000);
  afterAll(() => undefined);

  it("leaves exactly the old or the new state, whenever the process is killed", async () => {
    let current: "A" | "B" = "A";
    const seen: string[] = [];
    // While streaming (the transaction open), then after the whole file was read (ledger, commit).
    for (const [atPercent, graceMs] of [
      [5, 0],
      [30, 0],
      [60, 50],
      [90, 0],
      [100, 100],
      [100, 600],
      [100, 5000],
    ] as const) {
      const delay = `${atPercent}% + ${graceMs} ms`;
      const next = current === "A" ? "B" : "A";
      const ending = await importAndKill(
        files[next],
        atPercent,
        graceMs + Math.floor(Math.random() * 100),
      );
      const state = await fingerprint();
      const matches =
        state.publication === states.A.publication
          ? "A"
          : state.publication === states.B.publication
            ? "B"
            : "?";
      expect(matches, `after ${ending} at ${delay}`).not.toBe("?");
      expect(state).toEqual(states[matches as "A" | "B"]);
      seen.push(`${ending}→${matches}`);
      current = matches as "A" | "B";
    }
    // Whatever the kills left, importing A to the end gives A's state exactly.
    const final = await runCli(["import", "iati", files.A], env);
    expect(final.code, final.stderr).toBe(0);
    expect(await fingerprint()).toEqual(states.A);
    // A server starting on the data folder discards the staging rows the kills left: then the
    // whole tables are A's publication and nothing else.
    await withData(async (db) => {
      const app = await buildApp({ ctx: { db, backend: "pglite" }, logLevel: "silent" });
      await app.ready();
      await app.close();
    });
    expect(await fingerprint("all tables")).toEqual({ ...states.A, orphans: "false" });
    expect(seen).toHaveLength(7);
    // At least one kill struck before the import ended.
    expect(
      seen.some((s) => s.startsWith("SIGKILL")),
      seen.join(", "),
    ).toBe(true);
    console.info(`kills: ${seen.join(", ")}`);
  }, 300_000);
});
