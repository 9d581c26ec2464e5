#!/usr/bin/env node
// npm run bench: runs every benchmark under bench/ (each *.mjs but this one), one after the
// other, each as a process of its own with --json into a temporary folder, and prints ONE
// table of every figure beside its baseline, with the ratio, the goal and whether it is met;
// then writes the merged results (with the machine they ran on) to bench/results.json.
// A script that cannot run here says "skipped: <reason>" (no ../shared, no PostgreSQL server,
// not root) and does not fail the run; one that ends without writing figures is "no figures";
// one that exits with an error, or outlives --timeout, is "failed" and makes the run exit 1.
//   npm run bench [-- --quick] [--only rollup,writes] [--url postgres://…] [--out FILE]
//                 [--timeout SECONDS] [--quiet]
// --url is handed to every script as ESCA_BENCH_DATABASE_URL (the scripts that measure
// PostgreSQL read it); --quick is passed through (smaller, faster runs).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { benchArgs, FIGURE_HEADER, figureRows, formatTable, writeJson } from "./lib/report.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const args = benchArgs(process.argv.slice(2), {
  quick: false,
  quiet: false,
  timeout: 0,
  only: undefined,
  out: undefined,
  dir: undefined,
  url: undefined,
});
const dir = resolve(typeof args.dir === "string" ? args.dir : here);
const out = resolve(typeof args.out === "string" ? args.out : join(here, "results.json"));
const timeoutSeconds = args.timeout || (args.quick ? 1200 : 3600);

/** Every benchmark in `dir`: its *.mjs files but run.mjs, by name. */
function discover() {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".mjs") && file !== "run.mjs")
    .map((file) => basename(file, ".mjs"))
    .sort();
}

function pick(all) {
  if (typeof args.only !== "string") return all;
  const wanted = args.only
    .split(",")
    .map((name) => name.trim().replace(/\.mjs$/, ""))
    .filter(Boolean);
  const unknown = wanted.filter((name) => !all.includes(name));
  if (unknown.length) {
    console.error(
      `--only: no benchmark named ${unknown.join(", ")} in ${dir} (there are: ${all.join(", ")})`,
    );
    process.exit(2);
  }
  return all.filter((name) => wanted.includes(name));
}

/** Each line of a child's output, prefixed with its script's name, to our stderr. */
function relay(stream, name) {
  let pending = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    if (!args.quiet) for (const line of lines) process.stderr.write(`[${name}] ${line}\n`);
  });
  stream.on("end", () => {
    if (pending && !args.quiet) process.stderr.write(`[${name}] ${pending}\n`);
  });
}

/** Runs one script to its end (or its timeout); its exit code and its JSON, if it wrote one. */
function runScript(name, jsonFile) {
  const scriptArgs = [join(dir, `${name}.mjs`), "--json", jsonFile];
  if (args.quick) scriptArgs.push("--quick");
  const env = { ...process.env };
  if (typeof args.url === "string") env.ESCA_BENCH_DATABASE_URL = args.url;
  const started = Date.now();
  return new Promise((done) => {
    // A group of its own, so that a timeout ends the servers it started too.
    const child = spawn(process.execPath, scriptArgs, {
      cwd: resolve(here, ".."),
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    relay(child.stdout, name);
    relay(child.stderr, name);
    let timedOut = false;
    const killGroup = (signal) => {
      try {
        process.kill(-(child.pid ?? 0), signal);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup("SIGTERM");
      setTimeout(() => killGroup("SIGKILL"), 5000).unref();
    }, timeoutSeconds * 1000);
    const stop = () => killGroup("SIGTERM");
    process.once("SIGINT", stop);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      process.removeListener("SIGINT", stop);
      done({ code, signal, timedOut, seconds: (Date.now() - started) / 1000 });
    });
  });
}

function readResult(jsonFile) {
  if (!existsSync(jsonFile)) return null;
  try {
    return JSON.parse(readFileSync(jsonFile, "utf8"));
  } catch (error) {
    return { unreadable: error.message };
  }
}

/** What became of one script: ok, skipped, no figures or failed, with its figures and notes. */
function outcome(name, run, result) {
  const figures = Array.isArray(result?.figures) ? result.figures : [];
  const notes = Array.isArray(result?.notes) ? result.notes.map(String) : [];
  const skip = notes.find((note) => /^skipped\b/i.test(note));
  const base = {
    script: name,
    title: typeof result?.title === "string" ? result.title : name,
    exit_code: run.code,
    seconds: Math.round(run.seconds * 10) / 10,
    figures,
    notes,
  };
  if (run.timedOut)
    return { ...base, status: "failed", reason: `still running after ${timeoutSeconds} s` };
  if (run.code !== 0)
    return { ...base, status: "failed", reason: `exit ${run.code ?? run.signal}` };
  if (result?.unreadable)
    return { ...base, status: "failed", reason: `unreadable JSON: ${result.unreadable}` };
  if (figures.length) return { ...base, status: "ok" };
  if (skip) return { ...base, status: "skipped", reason: skip.replace(/^skipped:?\s*/i, "") };
  return { ...base, status: "no figures" };
}

function tableRows(outcomes) {
  const rows = [];
  for (const item of outcomes) {
    const label = `${item.script}${item.status === "failed" ? ` (failed: ${item.reason})` : ""}`;
    if (item.figures.length) {
      for (const row of figureRows(item.figures)) rows.push([label, ...row]);
    } else {
      const text = item.reason ? `${item.status}: ${item.reason}` : item.status;
      rows.push([item.script, text, "", "", "", "", ""]);
    }
  }
  return rows;
}

const scripts = pick(discover());
const folder = mkdtempSync(join(tmpdir(), "esca-bench-"));
const startedAt = new Date();
const outcomes = [];
try {
  for (const name of scripts) {
    if (!args.quiet) process.stderr.write(`── ${name}${args.quick ? " (quick)" : ""}\n`);
    const jsonFile = join(folder, `${name}.json`);
    const run = await runScript(name, jsonFile);
    outcomes.push(outcome(name, run, readResult(jsonFile)));
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}

const figures = outcomes.flatMap((item) =>
  item.figures.map((entry) => ({ script: item.script, ...entry })),
);
const count = (status) => outcomes.filter((item) => item.status === status).length;
const met = figures.filter((item) => item.met === true).length;
const missed = figures.filter((item) => item.met === false).length;
const machine = {
  cpus: availableParallelism(),
  cpu_model: cpus()[0]?.model ?? "unknown",
  load_average: loadavg().map((value) => Math.round(value * 100) / 100),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};
console.log(
  `\nESCA Hub benchmarks${args.quick ? " (--quick)" : ""}, ${startedAt.toISOString()}; ${machine.cpus} CPUs, load ${machine.load_average.join(" ")}, Node ${machine.node}`,
);
console.log(formatTable(["script", ...FIGURE_HEADER], tableRows(outcomes)));
console.log(
  `${figures.length} figures: ${met} goals met, ${missed} missed; ${count("ok")} scripts with figures, ${count("skipped")} skipped, ${count("no figures")} without figures, ${count("failed")} failed`,
);
writeJson(out, {
  script: "run",
  title: "ESCA Hub benchmarks",
  started_at: startedAt.toISOString(),
  finished_at: new Date().toISOString(),
  quick: Boolean(args.quick),
  machine,
  figures,
  scripts: outcomes,
  notes: [],
});
console.log(`results: ${out}`);
if (count("failed")) process.exitCode = 1;
