import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { buildServer } from "../../src/cli/build/build-server.ts";
import { freshCli } from "../../src/platform/build-manifest.mjs";
import { openEmbedded, openPostgres, redactUrl } from "../../src/platform/db/connect.ts";
import { migrateToLatest } from "../../src/platform/db/migrate.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
  }
}

/**
 * Gives the run a temporary folder of its own, removed at its end, and migrates the schema
 * once: a PGlite data folder dumped to a tarball that each test database starts from, and —
 * when ESCA_TEST_DATABASE_URL is set — a PostgreSQL template database that each test database
 * is copied from.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "esca-test-"));
  // Every temporary file of the run (test files, the processes they start) goes in here and
  // goes with it at the end: the test workers inherit TMPDIR, which os.tmpdir() reads.
  const scratch = join(dir, "tmp");
  mkdirSync(scratch);
  process.env.TMPDIR = scratch;
  // The command line and the worker threads, built once when dist/ is missing or stale: every
  // `esca` a test starts then runs plain JavaScript, not the sources compiled again by tsx
  // (about a second of CPU per process instead of five to ten).
  if (!freshCli()) await buildServer(() => {});
  const embedded = await openEmbedded();
  await migrateToLatest(embedded.db);
  const dump = await embedded.pglite?.dumpDataDir("none");
  if (!dump) throw new Error("PGlite did not produce a data dump");
  const templatePath = join(dir, "template.tar");
  writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  await embedded.close();
  project.provide("pgliteTemplate", templatePath);

  const serverUrl = process.env.ESCA_TEST_DATABASE_URL;
  let templateName: string | null = null;
  if (serverUrl) {
    templateName = `esca_tpl_${process.pid}`;
    await adminQuery(serverUrl, `drop database if exists ${templateName}`);
    await adminQuery(serverUrl, `create database ${templateName}`);
    const template = await openPostgres(withDatabase(serverUrl, templateName), 1);
    await migrateToLatest(template.db);
    await template.close();
    console.log(
      `Database suite runs on PostgreSQL at ${redactUrl(serverUrl)} (template ${templateName}).`,
    );
  } else {
    console.log(
      "Database suite runs on embedded PGlite (set ESCA_TEST_DATABASE_URL to run it on PostgreSQL).",
    );
  }
  project.provide("postgresTemplate", templateName);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (serverUrl && templateName) {
      const leftovers = await adminQuery(
        serverUrl,
        `select datname from pg_database where datname like 'esca_t_${process.pid}_%'`,
      );
      for (const row of leftovers)
        await adminQuery(serverUrl, `drop database if exists ${row.datname} with (force)`);
      await adminQuery(serverUrl, `drop database if exists ${templateName} with (force)`);
    }
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs each statement in turn on one connection; the rows are the last one's. */
export async function adminQuery(
  url: string,
  ...texts: string[]
): Promise<Array<{ datname: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let rows: Array<{ datname: string }> = [];
    for (const text of texts) rows = (await client.query(text)).rows;
    return rows;
  } finally {
    await client.end();
  }
}
