#!/usr/bin/env node
// Two-instance benchmark: the layout of docs/DEPLOY.md on one machine. On a PostgreSQL server
// it fills a database of its own with the demo data, makes a streaming replica of the server
// (pg_basebackup -R, on a free port; needs root, as the test of this layout does), starts two
// `esca serve` processes with DATABASE_URL on the primary and DATABASE_READ_URL on the
// replica, and a balancer in front (haproxy when installed, configured as DEPLOY.md shows,
// else a small Node balancer). Then, with autocannon against a Fastify hello-world started in
// the same run: the public reads through the balancer, the same on one instance alone, the
// summary again while 50 writers record pledges through the balancer, and whether a write is
// seen by its writer's next read. Prints req/s, p99, each one's ratio to the hello-world,
// errors and timeouts, and how many sampled reads the replica answered.
//   node bench/instances.mjs [--seconds 10] [--connections 50]
//     [--database-url postgres://…]   (or ESCA_BENCH_DATABASE_URL; default the local server)
//     [--quick] [--json FILE]          --quick: 3 s per row, 20 connections
// Where the layout cannot be built (not root, no PostgreSQL tools), it says why and, with
// --json, writes that note and no figures.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { argv, env, exit } from "node:process";
import autocannon from "autocannon";
import { register } from "tsx/esm/api";
import { benchArgs, figure, writeJson } from "./lib/report.mjs";

register();
const args = benchArgs(argv.slice(2), {});
const quickDefaults = { seconds: "3", connections: "20" };
const option = (name, fallback) => {
  const value = args[name];
  if (value !== undefined && value !== true) return value;
  return args.quick && name in quickDefaults ? quickDefaults[name] : fallback;
};
const title = "Two instances behind a balancer on PostgreSQL with a streaming replica";
const seconds = Number(option("seconds", "10"));
const connections = Number(option("connections", "50"));
const serverUrl =
  option("database-url", env.ESCA_BENCH_DATABASE_URL) ??
  "postgres://postgres@127.0.0.1:5432/postgres";

const { replicaUnavailable, startReplica, queryAt } = await import(
  "../test/support/replica-cluster.ts"
);
const { startBalancer } = await import("../test/support/balancer.ts");
const { cliEnv, startCliServer } = await import("../test/support/cli.ts");
const unavailable = replicaUnavailable(serverUrl);
if (unavailable) {
  console.error(`bench/instances.mjs: cannot build the layout here: ${unavailable}`);
  if (args.json) {
    writeJson(args.json, {
      script: "instances",
      title,
      figures: [],
      notes: [`skipped: cannot build the layout here: ${unavailable}`],
    });
    exit(0);
  }
  exit(1);
}

const databaseName = "esca_bench_instances";
const withDatabase = (url, name) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};
const primaryUrl = withDatabase(serverUrl, databaseName);

/** A fresh database with the demo data, as `esca seed demo --server` loads it. */
async function prepareDatabase() {
  await queryAt(serverUrl, `drop database if exists ${databaseName} with (force)`);
  await queryAt(serverUrl, `create database ${databaseName}`);
  const { openPostgres } = await import("../src/platform/db/connect.ts");
  const { migrateToLatest } = await import("../src/platform/db/migrate.ts");
  const { seedDemo } = await import("../src/modules/demo/index.ts");
  const handle = await openPostgres(primaryUrl, 2);
  await migrateToLatest(handle.db);
  await seedDemo({ db: handle.db, force: true });
  await handle.close();
}

/** The hello-world every figure is compared with, in a process of its own. */
function startHello() {
  const code = `const app = require("fastify")(); app.get("/", async () => ({ hello: "world" }));
    app.listen({ port: 0, host: "127.0.0.1" }).then(() => console.log("port " + app.server.address().port));`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      const port = String(chunk).match(/port (\d+)/)?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}`, stop: () => child.kill() });
    });
    child.once("exit", (code) => reject(new Error(`hello-world exited (${code})`)));
  });
}

/** haproxy as docs/DEPLOY.md configures it (reads retried on the other instance), on loopback. */
async function startHaproxy(upstreams) {
  const folder = mkdtempSync(join(tmpdir(), "esca-haproxy-"));
  const { createServer } = await import("node:net");
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
  const servers = upstreams.map((u, i) => ({ name: `app${i + 1}`, host: new URL(u).host }));
  const config = `global
    maxconn 4096
defaults
    mode http
    option forwardfor
    timeout connect 3s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
    timeout queue 15s
    timeout http-keep-alive 10s
frontend esca
    bind 127.0.0.1:${port}
    use_backend esca_reads if METH_GET
    default_backend esca_writes
backend esca_reads
    balance roundrobin
    option httpchk GET /api/ready
    http-check expect status 200
    timeout check 5s
    option redispatch
    retries 2
    retry-on conn-failure empty-response response-timeout 503
${servers.map((s) => `    server ${s.name} ${s.host} check inter 2s fall 3 rise 2 maxconn 32`).join("\n")}
backend esca_writes
    balance roundrobin
    option redispatch
    retries 2
    retry-on conn-failure
${servers.map((s) => `    server ${s.name} ${s.host} track esca_reads/${s.name}`).join("\n")}
`;
  writeFileSync(join(folder, "haproxy.cfg"), config);
  const child = spawn("haproxy", ["-db", "-f", join(folder, "haproxy.cfg")], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    kind: "haproxy",
    close: async () => {
      child.kill();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

function load(url, options = {}) {
  return autocannon({ url, connections, duration: seconds, timeout: 10, ...options });
}
const figures = (result, hello) => ({
  rps: Math.round(result.requests.average),
  p99: result.latency.p99,
  ratio: hello ? `${((100 * result.requests.average) / hello).toFixed(1)} %` : "—",
  errors: result.errors + result.non2xx,
  timeouts: result.timeouts,
});

/** Of `count` sampled anonymous reads, how many the replica answered. */
async function replicaShare(url, count = 20) {
  let replica = 0;
  for (let i = 0; i < count; i++) {
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.headers.get("x-esca-read-from") === "replica") replica++;
  }
  return `${replica}/${count}`;
}

console.log(`Preparing ${databaseName} on ${new URL(serverUrl).host} with the demo data…`);
await prepareDatabase();
const replica = await startReplica(serverUrl);
const dataDir = mkdtempSync(join(tmpdir(), "esca-bench-instances-"));
const serverEnv = {
  ...cliEnv(dataDir),
  DATABASE_URL: primaryUrl,
  DATABASE_READ_URL: replica.url(databaseName),
  ESCA_SCHEDULER: "false",
};
const instances = await Promise.all([startCliServer(serverEnv), startCliServer(serverEnv)]);
const balancer = existsSync("/usr/sbin/haproxy")
  ? await startHaproxy(instances.map((i) => i.url))
  : { ...(await startBalancer(instances.map((i) => i.url))), kind: "Node balancer" };
const hello = await startHello();

try {
  const rows = [];
  const helloResult = await load(`${hello.url}/`);
  const helloRps = helloResult.requests.average;
  rows.push(["hello-world /", figures(helloResult)]);
  const reads = [
    "/api/funding/summary?by=component",
    "/api/funding/summary?by=partner",
    "/api/initiatives",
  ];
  for (const path of reads) {
    rows.push([
      `${balancer.kind} → 2 instances ${path}`,
      figures(await load(`${balancer.url}${path}`), helloRps),
    ]);
  }
  rows.push([
    "one instance alone /api/initiatives",
    figures(await load(`${instances[0].url}/api/initiatives`), helloRps),
  ]);

  // 50 writers recording pledges through the balancer while the public reads the summary.
  const login = await fetch(`${balancer.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: "partner.idb@demo.esca-hub.org",
      password: "Pledge-Washington-partner-2011",
    }),
  });
  const session = await login.json();
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const pledge = (amount) =>
    JSON.stringify({
      flow_type: "pledge",
      support_kind: "financial",
      partner_id: session.user.organization.id,
      value: { amount, currency: "USD" },
      value_date: "2014-06-01",
    });
  const writeHeaders = {
    "content-type": "application/json",
    cookie,
    "x-csrf-token": session.csrf_token,
  };
  const [underWrites, writes] = await Promise.all([
    load(`${balancer.url}/api/funding/summary?by=component`),
    load(`${balancer.url}/api/flows`, {
      connections: 50,
      method: "POST",
      headers: writeHeaders,
      body: pledge("1000.00"),
    }),
  ]);
  rows.push(["summary during 50 writers", figures(underWrites, helloRps)]);
  rows.push([
    "  the writers (POST /api/flows)",
    { ...figures(writes), ratio: `${writes["2xx"]}/${writes.requests.sent} ok` },
  ]);

  // A write, then its writer's next read through the balancer (either instance).
  // Everything but an as-of instant: the totals, which only this write changes now.
  const totals = (text) => text.replace(/"as_of":"[^"]*"/g, "");
  const first = await fetch(`${balancer.url}/api/funding/summary?by=partner`);
  const before = totals(await first.text());
  const written = await fetch(`${balancer.url}/api/flows`, {
    method: "POST",
    headers: writeHeaders,
    body: pledge("12345.67"),
  });
  const lsnCookie = written.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .find((pair) => pair.startsWith("esca_lsn="));
  const after = await fetch(`${balancer.url}/api/funding/summary?by=partner`, {
    headers: { cookie: lsnCookie ?? "" },
  });
  const seen =
    first.status === 200 &&
    written.status === 201 &&
    after.status === 200 &&
    totals(await after.text()) !== before;

  console.log(
    `\n${seconds} s per row, ${connections} connections; ${balancer.kind} in front of two instances; PostgreSQL primary + streaming replica\n`,
  );
  console.log(
    `${"what".padEnd(62)} ${"req/s".padStart(8)} ${"p99 ms".padStart(8)} ${"vs hello".padStart(10)} ${"errors".padStart(7)} ${"timeouts".padStart(9)}`,
  );
  for (const [name, f] of rows)
    console.log(
      `${name.padEnd(62)} ${String(f.rps).padStart(8)} ${String(f.p99).padStart(8)} ${String(f.ratio).padStart(10)} ${String(f.errors).padStart(7)} ${String(f.timeouts).padStart(9)}`,
    );
  console.log(
    `\nanonymous reads answered by the replica: ${await replicaShare(`${balancer.url}/api/initiatives`)}`,
  );
  console.log(
    `a write seen by its writer's next read: ${seen ? "yes" : "NO"} (answered by the ${after.headers.get("x-esca-read-from")})`,
  );
  const state = (await (await fetch(`${balancer.url}/api/ready`)).json()).replica;
  console.log(
    state ? `replica: ${state.state}, ${state.lag_seconds} s behind` : "replica: no answer",
  );
  const helloBaseline = { name: "Fastify hello-world", value: Math.round(helloRps), unit: "req/s" };
  writeJson(args.json, {
    script: "instances",
    title,
    figures: rows
      .filter(([name]) => name !== "hello-world /" && !name.startsWith("  "))
      .map(([name, f]) => figure({ name, value: f.rps, unit: "req/s", baseline: helloBaseline })),
    notes: [
      `${seconds} s per row, ${connections} connections, ${balancer.kind}`,
      `a write seen by its writer's next read: ${seen ? "yes" : "NO"}`,
    ],
  });
} finally {
  hello.stop();
  await balancer.close();
  for (const instance of instances) await instance.stop();
  await replica.stop();
  await queryAt(serverUrl, `drop database if exists ${databaseName} with (force)`);
  rmSync(dataDir, { recursive: true, force: true });
}
