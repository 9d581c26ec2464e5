// The databases a bench script measures on: embedded PGlite in memory, and — with --url
// postgres://… or ESCA_BENCH_DATABASE_URL — a scratch database on that server, created for the
// run and dropped afterwards (also when the script is interrupted). Both migrated to the latest
// schema. Needs tsx registered (the sources are TypeScript).
import { createScratchDatabase } from "./scratch-database.mjs";

const { openEmbedded, openPostgres } = await import("../../src/platform/db/connect.ts");
const { migrateToLatest } = await import("../../src/platform/db/migrate.ts");
const pg = (await import("pg")).default;

/** The PostgreSQL server to measure on, if any: --url, else ESCA_BENCH_DATABASE_URL. */
export function postgresUrl(args) {
  const url = typeof args.url === "string" ? args.url : process.env.ESCA_BENCH_DATABASE_URL;
  return url || undefined;
}

/** Whether the server answers; the reason it does not otherwise (for a "skipped" note). */
export async function postgresReachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `PostgreSQL at ${redact(url)} does not answer (${error.message})` };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * A migrated database: PGlite in memory without `url`, else a scratch database on the server
 * at `url` named esca_bench_<label>_<random>, with a pool of `connections`. close() disposes
 * of it (and drops the scratch database).
 * @returns {Promise<import("../../src/platform/db/connect.ts").DatabaseHandle & {label: string}>}
 */
export async function openBenchDatabase({ url, label, connections = 4 }) {
  if (!url) {
    const handle = await openEmbedded();
    await migrateToLatest(handle.db);
    return { ...handle, label: "PGlite" };
  }
  const scratch = await createScratchDatabase(url, `esca_bench_${label}`);
  const handle = await openPostgres(scratch.url, connections);
  await migrateToLatest(handle.db);
  return {
    ...handle,
    label: "PostgreSQL",
    connectionString: scratch.url,
    close: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}

export function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(an unreadable URL)";
  }
}

/** Milliseconds `work` took, and what it returned. */
export async function timed(work) {
  const started = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
