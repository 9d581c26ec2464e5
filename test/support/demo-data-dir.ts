import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { inject } from "vitest";
import { cliEnv, startCliServer } from "./cli.ts";

/**
 * A fresh embedded data folder holding what `esca serve` makes on its first start (the
 * migrated database with the demo data), copied from one made once per test run. A first
 * start costs a PGlite initdb and the demo seed, about half a minute of CPU; a copy, a fraction
 * of a second. The first caller in the run makes the template by starting and stopping a
 * real server on it; callers in other test workers meanwhile wait for it.
 */
export async function demoDataDir(prefix = "esca-demo-"): Promise<string> {
  const template = await demoTemplate();
  const dataDir = join(mkdtempSync(join(tmpdir(), prefix)), "data");
  cpSync(template, dataDir, { recursive: true });
  return dataDir;
}

async function demoTemplate(): Promise<string> {
  // The run's own folder (global-setup.ts), so that no template outlives the schema it has.
  const runDir = dirname(inject("pgliteTemplate"));
  const template = join(runDir, "demo-data");
  const ready = join(runDir, "demo-data.ready");
  if (existsSync(ready)) return template;
  try {
    mkdirSync(join(runDir, "demo-data.lock"));
  } catch {
    // Another worker makes it: wait for it (a first start takes well under five minutes).
    for (let waited = 0; waited < 600; waited++) {
      if (existsSync(ready)) return template;
      await sleep(500);
    }
    throw new Error(`the demo data folder ${template} was not made within five minutes`);
  }
  const server = await startCliServer(cliEnv(template));
  await server.stop();
  writeFileSync(ready, "");
  return template;
}
