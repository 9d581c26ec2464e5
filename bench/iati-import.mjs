#!/usr/bin/env node
// IATI import benchmark: generates the 50 MB workload with ../shared/bench/gen-iati.mjs, then
// in the same process times a raw saxes tokenize of the file and the full import (streaming
// guard, mapping, rules, conversion, writing to an embedded PGlite database), and prints MB/s,
// their ratio (goal ≥ 0.35) and peak memory. A file of 8 MB or more is parsed in a worker thread
// while the database writes; --in-thread parses it in the importing thread instead. Meanwhile a
// reader queries the same database every 10 ms, and the longest it waited is printed: the
// longest the import held the embedded database's one connection. Then a second workload
// (another seed) replaces the first, its switch deleting the first publication's rows.
//   node bench/iati-import.mjs [--mb 50] [--file existing.xml] [--in-thread] [--keep]
import { execFileSync } from "node:child_process";
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { argv } from "node:process";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register();
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const option = (name, fallback) => {
  const index = argv.indexOf(`--${name}`);
  return index > 0 ? argv[index + 1] : fallback;
};
const generator = resolve(root, "../shared/bench/gen-iati.mjs");
const work = mkdtempSync(join(tmpdir(), "esca-bench-iati-"));
let file = option("file");
if (!file) {
  if (!existsSync(generator)) {
    console.error(`bench: ${generator} is absent; pass --file FILE.xml instead.`);
    process.exit(2);
  }
  file = join(work, "workload.xml");
  generate(file, 7);
}

function generate(path, seed) {
  const out = openSync(path, "w");
  execFileSync(process.execPath, [generator, "--mb", option("mb", "50"), "--seed", String(seed)], {
    stdio: ["ignore", out, "inherit"],
  });
  closeSync(out);
}
const megabytes = statSync(file).size / 1024 / 1024;

/** Runs `work` while sampling the resident set size; returns seconds and the peak in MB. */
async function measure(work) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = process.hrtime.bigint();
  const result = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(timer);
  return { seconds, peakMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024, result };
}

const { SaxesParser } = await import("saxes");
const tokenize = await measure(async () => {
  const parser = new SaxesParser();
  let elements = 0;
  parser.on("opentag", () => {
    elements++;
  });
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 256 * 1024 }))
    parser.write(chunk);
  parser.close();
  return elements;
});

const { openEmbedded } = await import("../src/platform/db/connect.ts");
const { migrateToLatest } = await import("../src/platform/db/migrate.ts");
const { systemPrincipal } = await import("../src/modules/accounts/index.ts");
const { importIatiFile } = await import("../src/modules/iati/index.ts");
const database = await openEmbedded({ dataDir: join(work, "pglite") });
await migrateToLatest(database.db);

/** Imports `path` while another reader queries every 10 ms; its waits in milliseconds. */
async function importBesideReader(path) {
  const waits = [];
  let importing = true;
  const reader = (async () => {
    // Counted from when the reader meant to ask: the embedded database runs on this thread,
    // so while it works the timer fires late, as a request arriving then would wait too.
    let due = process.hrtime.bigint();
    while (importing) {
      await database.db
        .selectFrom("iati_publications")
        .select("publisher_ref")
        .where("state", "=", "current")
        .execute();
      waits.push(Number(process.hrtime.bigint() - due) / 1e6);
      due = process.hrtime.bigint() + 10_000_000n;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  try {
    return {
      ...(await measure(() =>
        importIatiFile({
          db: database.db,
          path,
          principal: systemPrincipal("bench"),
          reportingOrgRef: "XI-IATI-ESCA",
          ...(argv.includes("--in-thread") && { parseInWorker: false }),
        }),
      )),
      waits,
    };
  } finally {
    importing = false;
    await reader;
  }
}

global.gc?.();
const full = await importBesideReader(file);
let replacing = null;
if (existsSync(generator)) {
  const second = join(work, "workload-2.xml");
  generate(second, 8);
  global.gc?.();
  replacing = await importBesideReader(second);
}
await database.close();

const rate = (seconds) => megabytes / seconds;
const summary = full.result;
console.log(
  `IATI import benchmark — ${megabytes.toFixed(1)} MB, ${summary.activities} activities, ${summary.transactions} transactions, ${summary.budgets} budgets`,
);
console.log(
  `raw saxes tokenize : ${tokenize.seconds.toFixed(2)} s  ${rate(tokenize.seconds).toFixed(1)} MB/s  (${tokenize.result} elements)  peak RSS ${tokenize.peakMb.toFixed(0)} MB`,
);
console.log(
  `full import (PGlite): ${full.seconds.toFixed(2)} s  ${rate(full.seconds).toFixed(1)} MB/s  peak RSS ${full.peakMb.toFixed(0)} MB`,
);
console.log(
  `ratio full / raw     : ${(rate(full.seconds) / rate(tokenize.seconds)).toFixed(2)} (goal ≥ 0.35)`,
);
const waited = (label, run) => {
  const sorted = [...run.waits].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(
    `${label}: ${run.seconds.toFixed(2)} s; a reader beside it was answered ${sorted.length} times, median ${median.toFixed(0)} ms, longest ${(sorted.at(-1) ?? 0).toFixed(0)} ms`,
  );
};
waited("first import        ", full);
if (replacing) waited("replacing it        ", replacing);
if (!argv.includes("--keep")) rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
