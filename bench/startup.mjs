#!/usr/bin/env node
// Start-up: `npm start` (bin/start.js) on a fresh embedded database — a new ESCA_DATA_DIR, so
// the schema is applied and the demo data loaded — until the first healthy GET /api/health,
// against a bare Fastify hello-world process's start to its first answer. And the command
// line's own start, `esca --help`: from the build in dist/cli (what bin/esca.js runs while the
// build matches the sources) and from the TypeScript sources through tsx (what it runs when
// dist/ is missing or stale), against `node -e 0`. The build is made first when it is missing
// or stale (its time is noted, not measured). Every figure is the median of its runs.
//   node bench/startup.mjs [--quick] [--runs 3] [--json FILE]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freshCli, isWebFresh } from "../src/platform/build-manifest.mjs";
import { SERVER_NODE_FLAGS } from "../src/platform/node-flags.mjs";
import {
  benchArgs,
  FIGURE_HEADER,
  figure,
  figureRows,
  finish,
  formatTable,
} from "./lib/report.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = benchArgs(process.argv.slice(2), { quick: false, runs: 0 });
const serverRuns = args.runs || (args.quick ? 1 : 3);
const cliRuns = args.runs || (args.quick ? 3 : 5);
const STARTUP_LIMIT_MS = 300_000;
const scratch = mkdtempSync(join(tmpdir(), "esca-bench-startup-"));
const notes = [];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** The environment with `extra`, and without a database server: the embedded one is measured. */
function embeddedEnv(extra) {
  const env = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  delete env.DATABASE_READ_URL;
  return env;
}

/** Milliseconds from spawning `argv` to the first 200 from `path` on `port`; then stops it. */
async function timeToFirstAnswer(argv, env, port, path) {
  const started = performance.now();
  const child = spawn(process.execPath, argv, {
    cwd: root,
    env: embeddedEnv(env),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let exited = null;
  const gone = new Promise((done) =>
    child.on("exit", (code) => {
      exited = code;
      done();
    }),
  );
  try {
    while (performance.now() - started < STARTUP_LIMIT_MS) {
      if (exited !== null)
        throw new Error(`${argv.join(" ")} exited (${exited}) before answering: ${stderr.trim()}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}${path}`);
        await response.arrayBuffer();
        if (response.status === 200) return performance.now() - started;
      } catch {
        // Not listening yet.
      }
      await new Promise((done) => setTimeout(done, 25));
    }
    throw new Error(`${argv.join(" ")} did not answer ${path} within ${STARTUP_LIMIT_MS / 1000} s`);
  } finally {
    if (exited === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await gone;
      clearTimeout(killer);
    }
  }
}

/** Milliseconds `node argv` takes from spawn to exit (it must exit 0). */
function timeToExit(argv) {
  const started = performance.now();
  const result = spawnSync(process.execPath, argv, { cwd: root, encoding: "utf8" });
  const ms = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`node ${argv.join(" ")} exited ${result.status}: ${result.stderr.trim()}`);
  return ms;
}

/** The build bin/start.js and bin/esca.js run from, made first when missing or stale. */
function ensureBuilt() {
  if (freshCli() && isWebFresh()) {
    notes.push("the build in dist/ matched the sources");
    return;
  }
  const started = performance.now();
  const build = spawnSync(
    process.execPath,
    ["--import", "tsx", join(root, "src/cli/build/build.ts"), "--if-stale"],
    { cwd: root, encoding: "utf8" },
  );
  if (build.status !== 0)
    throw new Error(`npm run build failed: ${(build.stderr || build.stdout).trim()}`);
  notes.push(
    `dist/ was missing or stale: built first (${((performance.now() - started) / 1000).toFixed(1)} s, not counted)`,
  );
}

const helloWorld = join(scratch, "hello.mjs");
writeFileSync(
  helloWorld,
  `import Fastify from ${JSON.stringify(import.meta.resolve("fastify"))};
const app = Fastify();
app.get("/", async () => ({ hello: "world" }));
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
`,
);

try {
  ensureBuilt();
  const serverMs = [];
  const helloMs = [];
  for (let run = 0; run < serverRuns; run++) {
    const dataDir = join(scratch, `data-${run}`);
    const serverPort = await freePort();
    serverMs.push(
      await timeToFirstAnswer(
        // As `npm start` runs it (package.json), with the server's flags.
        [...SERVER_NODE_FLAGS, join(root, "bin/start.js")],
        {
          ESCA_DATA_DIR: dataDir,
          ESCA_DEMO: "true",
          PORT: String(serverPort),
          HOST: "127.0.0.1",
          LOG_LEVEL: "warn",
        },
        serverPort,
        "/api/health",
      ),
    );
    rmSync(dataDir, { recursive: true, force: true });
    const port = await freePort();
    helloMs.push(await timeToFirstAnswer([helloWorld], { PORT: String(port) }, port, "/"));
  }
  const built = [];
  const sources = [];
  const bare = [];
  for (let run = 0; run < cliRuns; run++) {
    built.push(timeToExit([join(root, "bin/esca.js"), "--help"]));
    sources.push(timeToExit(["--import", "tsx", join(root, "src/cli/main.ts"), "--help"]));
    bare.push(timeToExit(["-e", "0"]));
  }
  const nodeBaseline = { name: "node -e 0", value: median(bare), unit: "ms" };
  const figures = [
    figure({
      name: "npm start, fresh embedded database + demo data → first healthy /api/health",
      value: median(serverMs),
      unit: "ms",
      baseline: { name: "Fastify hello-world → first answer", value: median(helloMs), unit: "ms" },
    }),
    figure({
      name: "esca --help from the build (dist/cli)",
      value: median(built),
      unit: "ms",
      baseline: nodeBaseline,
    }),
    figure({
      name: "esca --help from the sources through tsx (no build)",
      value: median(sources),
      unit: "ms",
      baseline: nodeBaseline,
    }),
  ];
  notes.push(
    `server: median of ${serverRuns} runs, each in a new ESCA_DATA_DIR (schema applied, demo data loaded); CLI: median of ${cliRuns} runs`,
  );
  const title = "Start-up: server on a fresh embedded database, and the command line";
  console.log(title);
  console.log(formatTable(FIGURE_HEADER, figureRows(figures)));
  for (const note of notes) console.log(`- ${note}`);
  finish(args, { script: "startup", title, figures, notes });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
