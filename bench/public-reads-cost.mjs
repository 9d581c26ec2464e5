#!/usr/bin/env node
// What one public read costs, in process (no network): for each endpoint, the statements a
// request sends to the embedded database and its time when the answer must be computed (the
// data's version moved just before) and when it is served from the public-reads cache. Run
// with `node --cpu-prof bench/public-reads-cost.mjs` for a profile of the computed answers.
//   node bench/public-reads-cost.mjs [--runs 20] [--quick] [--json FILE]
//   --quick: 5 runs each.
import { argv } from "node:process";
import { register } from "tsx/esm/api";
import { benchArgs, figure, writeJson } from "./lib/report.mjs";

register();
const args = benchArgs(argv.slice(2), { runs: 20 });
const runs = argv.includes("--runs") || !args.quick ? args.runs : 5;

const { sql } = await import("kysely");
const { openEmbedded } = await import("../src/platform/db/connect.ts");
const { migrateToLatest } = await import("../src/platform/db/migrate.ts");
const { seedDemo } = await import("../src/modules/demo/index.ts");
const { openEventBus } = await import("../src/platform/events/index.ts");
const { buildApp } = await import("../src/app/build-app.ts");

const handle = await openEmbedded();
await migrateToLatest(handle.db);
await seedDemo({ db: handle.db, force: true });
const events = await openEventBus(handle);
const app = await buildApp({
  ctx: { db: handle.db, backend: handle.backend, events },
  logLevel: "warn",
});
// Every statement the pool sends, counted (the session context set per borrower included).
let statements = 0;
for (const name of ["query", "exec"]) {
  const original = handle.pglite[name].bind(handle.pglite);
  handle.pglite[name] = (...args) => {
    statements++;
    return original(...args);
  };
}
// A statement the pool counts as a write: the next read computes its answer again.
const moveVersion = () =>
  sql`update organizations set updated_at = updated_at where false`.execute(handle.db);

const dimensions = ["component", "country", "partner", "year", "initiative", "finance_type"];
const urls = [
  "/api/funding/summary",
  ...dimensions.map((by) => `/api/funding/summary?by=${by}`),
  "/api/initiatives",
  "/api/initiatives/AA1",
  "/api/components",
  "/api/organizations",
  "/api/iati/activities.xml",
];
const rows = [];
const jsonFigures = [];
for (const url of urls) {
  await app.inject({ url });
  let missMs = 0;
  let missStatements = 0;
  let hitMs = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    await moveVersion();
    const before = statements;
    const start = performance.now();
    const computed = await app.inject({ url });
    missMs += performance.now() - start;
    missStatements += statements - before;
    bytes = computed.body.length;
    const hitStart = performance.now();
    await app.inject({ url });
    hitMs += performance.now() - hitStart;
  }
  rows.push({
    url,
    "statements (computed)": (missStatements / runs).toFixed(1),
    "ms computed": (missMs / runs).toFixed(2),
    "ms cached": (hitMs / runs).toFixed(2),
    bytes,
  });
  jsonFigures.push(
    figure({
      name: `${url}, computed (${(missStatements / runs).toFixed(0)} statements)`,
      value: Math.round((missMs / runs) * 100) / 100,
      unit: "ms",
      baseline: {
        name: "the same from the cache",
        value: Math.round((hitMs / runs) * 100) / 100,
        unit: "ms",
      },
    }),
  );
}
console.log(`Node ${process.version}, embedded PGlite in memory, demo data, ${runs} runs each`);
console.table(rows);
writeJson(args.json, {
  script: "public-reads-cost",
  title: "One public read in process: computed against served from the cache (PGlite, demo data)",
  figures: jsonFigures,
  notes: [`${runs} runs each, Node ${process.version}`],
});
await app.close();
await events.close();
await handle.close();
