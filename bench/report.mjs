#!/usr/bin/env node
// Report benchmark: on the demo data (embedded PGlite in memory), the time to issue the
// Permanent Council's report in both languages and all three formats, as `esca report` does
// (figures gathered, rendered, hashed and stored), against a baseline measured in the same
// run: the funding roll-ups the report needs, alone. Prints the first (cold) issue of each
// and the best of --runs later renderings, and the sum for all six.
//   node bench/report.mjs [--runs 3] [--quick] [--json FILE]
//   --quick: one rendering each, and only the HTML and PDF in Spanish.
import { argv } from "node:process";
import { register } from "tsx/esm/api";
import { benchArgs, figure, writeJson } from "./lib/report.mjs";

register();
const args = benchArgs(argv.slice(2), {});
const option = (name, fallback) => {
  const value = args[name];
  if (value !== undefined && value !== true) return value;
  return args.quick && name === "runs" ? "1" : fallback;
};
const runs = Number(option("runs", "3"));

const { openEmbedded } = await import("../src/platform/db/connect.ts");
const { migrateToLatest } = await import("../src/platform/db/migrate.ts");
const { systemPrincipal } = await import("../src/platform/principal.ts");
const { seedDemo } = await import("../src/modules/demo/index.ts");
const { summarizeFunding } = await import("../src/modules/funding/index.ts");
const { gatherFigures, generateReport, renderReport } = await import(
  "../src/modules/reports/index.ts"
);

const handle = await openEmbedded();
await migrateToLatest(handle.db);
await seedDemo({ db: handle.db });
const db = handle.db;
const asOf = new Date();

const time = async (work) => {
  const start = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
};
const best = async (work) => {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) least = Math.min(least, (await time(work)).ms);
  return least;
};

// Baseline: the four roll-ups a report shows (by component, country, partner, initiative).
const rollups = () =>
  Promise.all(
    ["component", "country", "partner", "initiative"].map((by) =>
      summarizeFunding({ db, by: [by], filter: { publishedOnly: true, asOf } }),
    ),
  );
await rollups();
const baseline = await best(rollups);
const gather = await best(() =>
  gatherFigures({ db, asOf, symbol: "OEA/Ser.G CP/doc. 1/26", originalLanguage: "es" }),
);
const figures = await gatherFigures({
  db,
  asOf,
  symbol: "OEA/Ser.G CP/doc. 1/26",
  originalLanguage: "es",
});

const rows = [];
const jsonFigures = [];
let total = 0;
for (const language of args.quick ? ["es"] : ["es", "en"]) {
  for (const format of args.quick ? ["html", "pdf"] : ["html", "docx", "pdf"]) {
    const issued = await time(() =>
      generateReport({ db, language, format, asOf, principal: systemPrincipal("bench") }),
    );
    total += issued.ms;
    const render = await best(() => renderReport(figures, language, format));
    rows.push({
      report: `${language} ${format}`,
      "issued, cold (ms)": issued.ms.toFixed(0),
      [`render, best of ${runs} (ms)`]: render.toFixed(0),
      "× baseline": (render / baseline).toFixed(1),
      bytes: issued.result.bytes.length,
    });
    jsonFigures.push(
      figure({
        name: `${language} ${format} rendered, best of ${runs}`,
        value: Math.round(render),
        unit: "ms",
        baseline: {
          name: "the four roll-ups the report needs",
          value: Math.round(baseline * 10) / 10,
          unit: "ms",
        },
      }),
    );
  }
}
console.log(`baseline: the four roll-ups alone, best of ${runs}: ${baseline.toFixed(1)} ms`);
console.log(
  `figures gathered (roll-ups, mandates, indicators, annex), best of ${runs}: ${gather.toFixed(1)} ms`,
);
console.table(rows);
console.log(`all ${rows.length} issued (cold, one after another): ${(total / 1000).toFixed(2)} s`);
writeJson(option("json"), {
  script: "report",
  title: "The Permanent Council's report issued, against the roll-ups it needs (PGlite, demo data)",
  figures: jsonFigures,
  notes: [
    `figures gathered, best of ${runs}: ${gather.toFixed(1)} ms`,
    `all issued (cold, one after another): ${(total / 1000).toFixed(2)} s`,
  ],
});
await handle.close();
