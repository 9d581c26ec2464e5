#!/usr/bin/env node
// IATI import benchmark: generates the 50 MB workload with ../shared/bench/gen-iati.mjs, then
// in the same process times a raw saxes tokenize of the file and the full import (streaming
// guard, mapping, rules, conversion, writing to an embedded PGlite database), and prints MB/s,
// their ratio (goal ≥ 0.35) and peak memory. A file of 8 MB or more is parsed in a worker thread
// while the database writes; --in-thread parses it in the importing thread instead.
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
  const out = openSync(file, "w");
  execFileSync(process.execPath, [generator, "--mb", option("mb", "50")], {
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
global.gc?.();
const full = await measure(() =>
  importIatiFile({
    db: database.db,
    path: file,
    principal: systemPrincipal("bench"),
    reportingOrgRef: "XI-IATI-ESCA",
    ...(argv.includes("--in-thread") && { parseInWorker: false }),
  }),
);
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
if (!argv.includes("--keep")) rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
