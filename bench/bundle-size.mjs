#!/usr/bin/env node
// The public dashboard's initial JavaScript, gzipped, against the 250 KB budget of issue 4:
// the entry chunk, the dashboard route's chunk and every chunk they import statically.
// Chunks loaded on demand (charts after first paint, tooltips, the XLSX writer) are listed
// apart. Builds the web application first when dist/web is missing or stale; exits 1 when
// over budget or when that build fails (the figures would describe an older build).
//   node bench/bundle-size.mjs [--quick] [--json FILE]
//   --quick: measures the build in dist/web as it is when there is one (no rebuild).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { tsImport } from "tsx/esm/api";
import { benchArgs, figure, writeJson } from "./lib/report.mjs";

const BUDGET_KB = 250;
const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist/web");
const DASHBOARD = "features/dashboard/DashboardPage.tsx";

const args = benchArgs(process.argv.slice(2), {});
const title = `Public dashboard's initial JavaScript (gzip -9) against its ${BUDGET_KB} KB budget`;
const notes = [];
/** Says why there is no figure, in the JSON too, and exits 1. */
function fail(message) {
  console.error(`bundle-size: ${message}`);
  writeJson(args.json, { script: "bundle-size", title, figures: [], notes: [message] });
  process.exit(1);
}
const { ensureWebBuilt } = await tsImport("../src/web/build/ensure-built.ts", import.meta.url);
if (args.quick && existsSync(join(dist, ".vite/manifest.json"))) {
  notes.push("--quick: the build in dist/web as it was, not rebuilt");
} else {
  try {
    await ensureWebBuilt();
  } catch (error) {
    fail(`could not build the web application: ${error.message}`);
  }
}

/** @type {Record<string, {file: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[]}>} */
const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));
const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
if (!entryKey || !manifest[DASHBOARD]) fail("the manifest has no entry or no dashboard chunk");

/** A chunk and everything it imports statically (what the browser fetches before running it). */
function staticClosure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key]?.imports ?? []) staticClosure(next, seen);
  return seen;
}

const initial = staticClosure(DASHBOARD, staticClosure(entryKey));
const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;
const rows = [...initial].map((key) => ({
  file: manifest[key].file,
  kb: gzipKb(manifest[key].file),
}));
// The language catalog shown is loaded before the first render (src/web/main.tsx): each is a
// chunk of its own, and the larger one counts.
const catalogs = ["i18n/es.ts", "i18n/en.ts"].filter((key) => manifest[key]);
const catalog = catalogs
  .map((key) => ({
    file: `${manifest[key].file} (catalog, the larger of es/en)`,
    kb: gzipKb(manifest[key].file),
  }))
  .sort((a, b) => b.kb - a.kb)[0];
if (catalog) rows.push(catalog);
rows.sort((a, b) => b.kb - a.kb);
const total = rows.reduce((sum, row) => sum + row.kb, 0);

console.log("Public dashboard, initial JavaScript (gzip -9):");
for (const row of rows) console.log(`  ${row.kb.toFixed(1).padStart(7)} KB  ${row.file}`);
console.log(`  ${total.toFixed(1).padStart(7)} KB  total, budget ${BUDGET_KB} KB`);

// What the dashboard fetches after first paint or on a click: the dynamic imports of
// src/web/ui (charts, tooltips, the XLSX writer), each with the chunks it adds.
const later = new Set();
for (const key of initial) {
  for (const next of manifest[key]?.dynamicImports ?? []) {
    if (next.startsWith("ui/")) later.add(next);
  }
}
if (later.size > 0) {
  console.log("Loaded on demand (after first paint or on a click):");
  for (const key of later) {
    const added = [...staticClosure(key)].filter((chunk) => !initial.has(chunk));
    const kb = added.reduce((sum, chunk) => sum + gzipKb(manifest[chunk].file), 0);
    console.log(`  ${kb.toFixed(1).padStart(7)} KB  ${key}`);
  }
}

writeJson(args.json, {
  script: "bundle-size",
  title,
  figures: [
    figure({
      name: "initial JavaScript of the public dashboard, gzip -9",
      value: Math.round(total * 10) / 10,
      unit: "KB",
      baseline: { name: "budget (issue 4)", value: BUDGET_KB, unit: "KB" },
      goal: "≤ 1 (within budget)",
      atMost: 1,
    }),
  ],
  notes,
});
if (total > BUDGET_KB) {
  console.error(`Over budget by ${(total - BUDGET_KB).toFixed(1)} KB.`);
  process.exit(1);
}
console.log(`Within budget, ${(BUDGET_KB - total).toFixed(1)} KB to spare.`);
