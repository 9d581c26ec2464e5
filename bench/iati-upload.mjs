#!/usr/bin/env node
// IATI import end to end, against a raw `saxes` tokenize of the same file in the same run:
//  - uploaded to a running server: `esca serve` on a fresh embedded data folder holding the
//    world the import needs (a component, an initiative, EUR rates) and a secretariat officer;
//    once the server is idle (it warms its staging thread as it starts), the officer signs in
//    and uploads the file as the browser does (multipart, field "file"), asking for the answer
//    once the job has ended (?wait=true). Timed from the first byte sent to the answer.
//    The server's peak memory is its VmHWM (/proc/PID/status) after the job;
//  - by the command line from a cold start: `esca import iati FILE` on another fresh data
//    folder, timed from the process's start to its exit (its VmHWM sampled until then);
//  - again at --large-mb (200 MB; not with --quick) on a server started afresh: its peak
//    memory against the first one's must stay flat (the file is streamed, never held whole).
// Goal: the upload reaches ≥ 0.35 of the tokenize's MB/s. Skips when ../shared is absent.
// Also the staging alone (bench/lib/stage-alone.mjs: no database, one core), the bound the
// upload cannot pass on one core. Each baseline runs in a fresh process, best of --runs.
//   node bench/iati-upload.mjs [--mb 50] [--large-mb 200] [--runs 3] [--quick] [--json FILE]
//   --quick: 10 MB, no large file, the tokenize's best of 2.
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { argv, exit } from "node:process";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";
import { benchArgs, figure, writeJson } from "./lib/report.mjs";

const args = benchArgs(argv.slice(2), { mb: 50, "large-mb": 200, runs: 3, json: null });
if (args.quick) {
  if (!argv.includes("--mb")) args.mb = 10;
  if (!argv.includes("--large-mb")) args["large-mb"] = 0;
  if (!argv.includes("--runs")) args.runs = 2;
}
const title = `IATI import of the ${args.mb} MB workload: upload to a server and CLI, against a raw saxes tokenize`;
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const generator = resolve(root, "../shared/bench/gen-iati.mjs");
if (!existsSync(generator)) {
  const reason = `skipped: ${generator} is absent (the workload generator lives outside the project)`;
  console.log(`iati-upload: ${reason}`);
  writeJson(args.json, { script: "iati-upload", title, figures: [], notes: [reason] });
  exit(0);
}

register();
const { openEmbedded } = await import("../src/platform/db/connect.ts");
const { migrateToLatest } = await import("../src/platform/db/migrate.ts");
const { createUser, systemPrincipal } = await import("../src/modules/accounts/index.ts");
const { createOrganization } = await import("../src/modules/organizations/index.ts");
const { setUpIatiWorld } = await import("../src/modules/iati/iati-xml.fixtures.ts");
const { cliEnv, escaBin, startCliServer } = await import("../test/support/cli.ts");
const { freshCli } = await import("../src/platform/build-manifest.mjs");

const work = mkdtempSync(join(tmpdir(), "esca-bench-upload-"));
const EMAIL = "secretariat.bench@bench.esca-hub.org";
const PASSWORD = "Bench-Upload-Secretariat-2026";

function generate(mb, seed) {
  const path = join(work, `workload-${mb}mb.xml`);
  const out = openSync(path, "w");
  execFileSync(process.execPath, [generator, "--mb", String(mb), "--seed", String(seed)], {
    stdio: ["ignore", out, "inherit"],
  });
  closeSync(out);
  return { path, mb: statSync(path).size / 1024 / 1024 };
}

/**
 * The best of --runs of a script under bench/lib that times one pass over the file and prints
 * its figures as JSON on its last line, each run a fresh process.
 */
function bestRun(script, path) {
  let best = null;
  for (let i = 0; i < args.runs; i++) {
    const out = execFileSync(process.execPath, [join(root, "bench/lib", script), path], {
      encoding: "utf8",
    });
    const run = JSON.parse(out.trim().split("\n").at(-1));
    if (!best || run.seconds < best.seconds) best = run;
  }
  return best;
}
/** The baseline: saxes reading the file as the importer reads it, counting elements only. */
const bestTokenize = (path) => bestRun("saxes-tokenize.mjs", path);
/** The importer's staging with no database. */
const bestStageAlone = (path) => bestRun("stage-alone.mjs", path);

/**
 * POSTs the file as multipart/form-data in the field "file", streamed from disk with its
 * length, as a browser sends a chosen file; resolves with the status and the parsed answer.
 * (fetch with a FormData of the file spent a core of this machine's two assembling the body,
 * which the server then lacked: its receiving took 1.4 s instead of 0.6 s.)
 */
function postFile(url, path, headers) {
  const boundary = `esca-bench-${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="workload.xml"\r\nContent-Type: application/xml\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + statSync(path).size + tail.length;
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      {
        method: "POST",
        headers: {
          ...headers,
          "content-type": `multipart/form-data; boundary=${boundary}`,
          "content-length": String(length),
        },
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode, body }));
        response.on("error", reject);
      },
    );
    sent.on("error", reject);
    sent.write(head);
    const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
    file.on("error", reject);
    file.on("end", () => sent.end(tail));
    file.pipe(sent, { end: false });
  });
}

/** A fresh data folder: migrated, with the IATI world and a secretariat officer who may import. */
async function prepareDataDir(name) {
  const dataDir = join(work, name);
  mkdirSync(dataDir, { recursive: true });
  const handle = await openEmbedded({ dataDir: join(dataDir, "pglite") });
  try {
    await migrateToLatest(handle.db);
    await setUpIatiWorld(handle.db);
    await createOrganization({
      db: handle.db,
      input: { code: "SICA-DSD", kind: "oas_body", name: { es: "SICA-DSD", en: "SICA-DSD" } },
    });
    await createUser({
      db: handle.db,
      input: {
        email: EMAIL,
        name: "Bench secretariat",
        organization: "SICA-DSD",
        role: "secretariat",
        password: PASSWORD,
      },
      principal: systemPrincipal("bench"),
      isDemo: true,
    });
  } finally {
    await handle.close();
  }
  return dataDir;
}

/** The peak resident set (VmHWM) of a process, in MB; null once it has ended. */
function peakMb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/);
    return line ? Number(line[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system, in clock ticks) the process has used, or null off Linux. */
function cpuTicks(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/**
 * Waits until the server is idle, as one that has been running is: its CPU time still for
 * 0.3 s (at most 10 s). A server warms its IATI staging thread just after it starts; an
 * upload arriving in that second would be staged by a cold thread of its own, which is not
 * what a running server does.
 */
async function untilIdle(pid) {
  let previous = cpuTicks(pid);
  let still = 0;
  for (let waited = 0; previous !== null && still < 3 && waited < 10_000; waited += 100) {
    await new Promise((done) => setTimeout(done, 100));
    const now = cpuTicks(pid);
    still = now !== null && now - previous <= 1 ? still + 1 : 0;
    previous = now;
  }
}

const serverEnv = (dataDir) =>
  cliEnv(dataDir, { ESCA_SCHEDULER: "false", ESCA_UPLOAD_MAX_MB: "1024" });

/** Starts `esca serve` on a fresh data folder, signs in, uploads `file`, waits for the job. */
async function uploadToServer(file, name) {
  const dataDir = await prepareDataDir(name);
  const server = await startCliServer(serverEnv(dataDir));
  try {
    const pid = server.child.pid;
    await untilIdle(pid);
    const startedPeak = peakMb(pid);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`sign-in: ${login.status} ${await login.text()}`);
    const { csrf_token } = await login.json();
    const cookie = login.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    const headers = { cookie, "x-csrf-token": csrf_token };
    const started = process.hrtime.bigint();
    // ?wait=true: the answer comes when the job has ended, so the clock stops at its end
    // rather than at the next poll (polling every 200 ms added 0.1 s on average).
    const response = await postFile(`${server.url}/api/iati/imports?wait=true`, file.path, headers);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (response.status !== 200) throw new Error(`upload: ${response.status} ${response.body}`);
    const job = JSON.parse(response.body);
    if (job.status !== "succeeded")
      throw new Error(`the import job ended ${job.status}: ${JSON.stringify(job.error)}`);
    return { seconds, startedPeak, peak: peakMb(pid), summary: job.summary };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `esca import iati FILE` in a process of its own, from its start to its exit. */
async function importWithCli(file) {
  const dataDir = await prepareDataDir("cli");
  try {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [escaBin, "import", "iati", "--json", file.path], {
      env: cliEnv(dataDir),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, peakMb(child.pid) ?? 0);
    }, 50);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((done) => child.on("close", done));
    clearInterval(sampler);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (code !== 0) throw new Error(`esca import iati exited ${code}: ${stderr}`);
    const [summary] = JSON.parse(stdout);
    if (summary.status !== "imported") throw new Error(`esca import iati: ${summary.status}`);
    return { seconds, peak, summary };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const rate = (file, seconds) => file.mb / seconds;
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const figures = [];
const notes = [];
try {
  const file = generate(args.mb, 7);
  const baseline = bestTokenize(file.path);
  const staged = bestStageAlone(file.path);
  const tokenizeFigure = {
    name: `raw saxes tokenize, ${round(file.mb)} MB`,
    value: round(rate(file, baseline.seconds)),
    unit: "MB/s",
  };
  const upload = await uploadToServer(file, "server");
  const cli = await importWithCli(file);
  const s = upload.summary;
  console.log(
    `IATI import — ${file.mb.toFixed(1)} MB, ${s.activities} activities, ${s.transactions} transactions, ${s.budgets} budgets`,
  );
  console.log(
    `raw saxes tokenize     : ${baseline.seconds.toFixed(2)} s  ${tokenizeFigure.value} MB/s (best of ${args.runs})`,
  );
  console.log(
    `staging alone, no db   : ${staged.seconds.toFixed(2)} s  ${rate(file, staged.seconds).toFixed(1)} MB/s  ratio ${(rate(file, staged.seconds) / tokenizeFigure.value).toFixed(2)} (one core, nothing written: what the upload cannot beat there)`,
  );
  console.log(
    `upload to a server     : ${upload.seconds.toFixed(2)} s  ${rate(file, upload.seconds).toFixed(1)} MB/s  ratio ${(rate(file, upload.seconds) / tokenizeFigure.value).toFixed(2)} (goal ≥ 0.35)  server peak ${upload.peak.toFixed(0)} MB (${upload.startedPeak.toFixed(0)} MB once started)`,
  );
  console.log(
    `CLI, cold start        : ${cli.seconds.toFixed(2)} s  ${rate(file, cli.seconds).toFixed(1)} MB/s  ratio ${(rate(file, cli.seconds) / tokenizeFigure.value).toFixed(2)}  peak ${cli.peak.toFixed(0)} MB (${freshCli() ? "the built CLI" : "TypeScript sources through tsx: no fresh build in dist/cli"})`,
  );
  figures.push(
    figure({
      name: `staging alone (read, checked, parsed, made into rows; no database), ${Math.round(file.mb)} MB`,
      value: round(rate(file, staged.seconds)),
      unit: "MB/s",
      baseline: tokenizeFigure,
    }),
    figure({
      name: `upload ${Math.round(file.mb)} MB to a running server (embedded), to job succeeded`,
      value: round(rate(file, upload.seconds)),
      unit: "MB/s",
      baseline: tokenizeFigure,
      goal: "≥ 0.35 of the tokenize's MB/s",
      atLeast: 0.35,
    }),
    figure({
      name: `esca import iati ${Math.round(file.mb)} MB, cold start to exit (embedded)`,
      value: round(rate(file, cli.seconds)),
      unit: "MB/s",
      baseline: tokenizeFigure,
    }),
    figure({
      name: `server peak memory (VmHWM), ${Math.round(file.mb)} MB upload`,
      value: round(upload.peak, 0),
      unit: "MB",
      baseline: {
        name: "the same server once started",
        value: round(upload.startedPeak, 0),
        unit: "MB",
      },
    }),
    figure({ name: "CLI peak memory (VmHWM)", value: round(cli.peak, 0), unit: "MB" }),
  );
  notes.push(
    `${s.activities} activities, ${s.transactions} transactions, ${s.budgets} budgets`,
    `CLI: ${freshCli() ? "the build in dist/cli" : "TypeScript sources through tsx (no fresh build in dist/cli)"}`,
  );
  if (args["large-mb"] > 0) {
    rmSync(file.path, { force: true });
    const large = generate(args["large-mb"], 7);
    const largeBaseline = bestTokenize(large.path);
    const largeUpload = await uploadToServer(large, "server-large");
    rmSync(large.path, { force: true });
    const ratio = largeUpload.peak / upload.peak;
    console.log(
      `upload ${large.mb.toFixed(0)} MB          : ${largeUpload.seconds.toFixed(2)} s  ${rate(large, largeUpload.seconds).toFixed(1)} MB/s  ratio to its tokenize ${(rate(large, largeUpload.seconds) / rate(large, largeBaseline.seconds)).toFixed(2)}  server peak ${largeUpload.peak.toFixed(0)} MB: ${ratio.toFixed(2)}× the ${Math.round(file.mb)} MB one (goal ≤ 1.25, flat)`,
    );
    figures.push(
      figure({
        name: `upload ${Math.round(large.mb)} MB to a running server (embedded)`,
        value: round(rate(large, largeUpload.seconds)),
        unit: "MB/s",
        baseline: {
          name: `raw saxes tokenize, ${Math.round(large.mb)} MB`,
          value: round(rate(large, largeBaseline.seconds)),
          unit: "MB/s",
        },
        goal: "≥ 0.35 of the tokenize's MB/s",
        atLeast: 0.35,
      }),
      figure({
        name: `server peak memory (VmHWM), ${Math.round(large.mb)} MB upload`,
        value: round(largeUpload.peak, 0),
        unit: "MB",
        baseline: {
          name: `the same at ${Math.round(file.mb)} MB`,
          value: round(upload.peak, 0),
          unit: "MB",
        },
        goal: "≤ 1.25 (flat)",
        atMost: 1.25,
      }),
    );
  } else notes.push("no large-file run (--quick or --large-mb 0)");
} catch (error) {
  // What was measured until then is kept, with the reason the rest is missing.
  console.error(`iati-upload: ${error.message}`);
  notes.push(`failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
  writeJson(args.json, { script: "iati-upload", title, figures, notes });
}
