#!/usr/bin/env node
// Ledger sync benchmark: records N flows (pledges, commitments, then disbursements in EUR, JPY
// and USD, as an IATI sync does) one by one with recordFlow in one transaction, and with
// recordFlows in another database; then reverses them all, one by one with reverseFlow and at
// once with reverseFlows. Prints the times, ms per flow, the ratios, and whether both
// databases hold the same ledger and audit rows. Embedded PGlite in memory by default;
// --url postgres://… runs on that server in two scratch databases it creates and drops.
//   node bench/ledger-sync.mjs [--flows 500] [--url postgres://postgres@127.0.0.1:5432/postgres]
//                              [--quick] [--json FILE]     --quick: 100 flows
import { argv } from "node:process";
import { isDeepStrictEqual } from "node:util";
import { register } from "tsx/esm/api";
import { benchArgs, figure, writeJson } from "./lib/report.mjs";
import { createScratchDatabase } from "./lib/scratch-database.mjs";

register();
const args = benchArgs(argv.slice(2), {});
const option = (name, fallback) => {
  const value = args[name];
  if (value !== undefined && value !== true) return value;
  return args.quick && name === "flows" ? "100" : fallback;
};
const flows = Number(option("flows", "500"));
const url = option("url");

const { openEmbedded, openPostgres } = await import("../src/platform/db/connect.ts");
const { migrateToLatest } = await import("../src/platform/db/migrate.ts");
const { systemPrincipal } = await import("../src/modules/accounts/index.ts");
const { recordFlow, recordFlows, reverseFlow, reverseFlows } = await import(
  "../src/modules/funding/index.ts"
);
const { ledgerAuditRows, ledgerRows, manyEntries, seedTwinWorld } = await import(
  "../src/modules/funding/ledger-batch.fixtures.ts"
);

/** A migrated database with the benchmark's world; close() disposes of it. */
async function openDatabase() {
  if (!url) {
    const handle = await openEmbedded();
    await migrateToLatest(handle.db);
    await seedTwinWorld(handle.db);
    return handle;
  }
  const scratch = await createScratchDatabase(url, "esca_bench_ledger");
  const handle = await openPostgres(scratch.url, 2);
  await migrateToLatest(handle.db);
  await seedTwinWorld(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}

async function time(work) {
  const started = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

const principal = systemPrincipal("bench");
const entries = manyEntries(flows);
const reason = { reason: "Superseded", over_commitment_reason: "As published" };
const [single, bulk] = [await openDatabase(), await openDatabase()];

// One by one, inside one transaction, as syncIatiLedger ran inside the import's transaction.
const recordOne = await time(() =>
  single.db.transaction().execute(async (trx) => {
    const recorded = [];
    for (const input of entries) recorded.push(await recordFlow({ db: trx, input, principal }));
    return recorded;
  }),
);
const recordAll = await time(() => recordFlows({ db: bulk.db, entries, principal }));
// Disbursements first, as syncIatiLedger reverses them.
const reversalsOf = (recorded) =>
  [...recorded].reverse().map((flow) => ({ flowId: flow.id, input: reason }));
const reverseOne = await time(() =>
  single.db.transaction().execute(async (trx) => {
    for (const { flowId, input } of reversalsOf(recordOne.result))
      await reverseFlow({ db: trx, flowId, input, principal });
  }),
);
const reverseAll = await time(() =>
  reverseFlows({ db: bulk.db, entries: reversalsOf(recordAll.result), principal }),
);
const same =
  isDeepStrictEqual(await ledgerRows(single.db), await ledgerRows(bulk.db)) &&
  isDeepStrictEqual(await ledgerAuditRows(single.db), await ledgerAuditRows(bulk.db));
await single.close();
await bulk.close();

const line = (label, one, all) =>
  console.log(
    `${label}: one by one ${(one.ms / 1000).toFixed(2)} s (${(one.ms / flows).toFixed(2)} ms/flow)  bulk ${(all.ms / 1000).toFixed(2)} s (${(all.ms / flows).toFixed(2)} ms/flow)  ratio ${(one.ms / all.ms).toFixed(1)}×`,
  );
console.log(`Ledger sync benchmark — ${flows} flows on ${url ? "PostgreSQL" : "PGlite"}`);
line("record ", recordOne, recordAll);
line("reverse", reverseOne, reverseAll);
console.log(`same ledger and audit rows: ${same ? "yes" : "NO"}`);
const database = url ? "PostgreSQL" : "PGlite";
const perFlow = (time) => Math.round((time.ms / flows) * 1000) / 1000;
writeJson(option("json"), {
  script: "ledger-sync",
  title: `Ledger sync: ${flows} flows recorded and reversed in bulk against one by one (${database})`,
  figures: [
    figure({
      name: `record ${flows} flows in bulk (recordFlows), ${database}`,
      value: perFlow(recordAll),
      unit: "ms/flow",
      baseline: { name: "one by one (recordFlow)", value: perFlow(recordOne), unit: "ms/flow" },
      goal: "≤ 1 (no slower than one by one)",
      atMost: 1,
    }),
    figure({
      name: `reverse ${flows} flows in bulk (reverseFlows), ${database}`,
      value: perFlow(reverseAll),
      unit: "ms/flow",
      baseline: { name: "one by one (reverseFlow)", value: perFlow(reverseOne), unit: "ms/flow" },
      goal: "≤ 1 (no slower than one by one)",
      atMost: 1,
    }),
  ],
  notes: [`same ledger and audit rows: ${same ? "yes" : "NO"}`],
});
if (!same) process.exitCode = 1;
