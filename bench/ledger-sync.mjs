#!/usr/bin/env node
// Ledger sync benchmark: records N flows (pledges, commitments, then disbursements in EUR, JPY
// and USD, as an IATI sync does) one by one with recordFlow in one transaction, and with
// recordFlows in another database; then reverses them all, one by one with reverseFlow and at
// once with reverseFlows. Prints the times, ms per flow, the ratios, and whether both
// databases hold the same ledger and audit rows. Embedded PGlite in memory by default;
// --url postgres://… runs on that server in two scratch databases it creates and drops.
//   node bench/ledger-sync.mjs [--flows 500] [--url postgres://postgres@127.0.0.1:5432/postgres]
import { randomBytes } from "node:crypto";
import { argv } from "node:process";
import { isDeepStrictEqual } from "node:util";
import { register } from "tsx/esm/api";

register();
const option = (name, fallback) => {
  const index = argv.indexOf(`--${name}`);
  return index > 0 ? argv[index + 1] : fallback;
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
const pg = (await import("pg")).default;

async function admin(text) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A migrated database with the benchmark's world; close() disposes of it. */
async function openDatabase() {
  if (!url) {
    const handle = await openEmbedded();
    await migrateToLatest(handle.db);
    await seedTwinWorld(handle.db);
    return handle;
  }
  const name = `esca_bench_ledger_${randomBytes(4).toString("hex")}`;
  await admin(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openPostgres(target.toString(), 2);
  await migrateToLatest(handle.db);
  await seedTwinWorld(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin(`drop database if exists ${name} with (force)`);
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
