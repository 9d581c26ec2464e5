#!/usr/bin/env node
// Public reads benchmark: what the portal costs when hundreds open it at once. In one run it
// starts a Fastify hello-world and ESCA Hub on the demo data, each in a process of its own,
// and loads them with autocannon from this one: the hello-world's /, ESCA Hub's /api/health,
// the funding summary for every `by`, the initiatives list (as it is, and brotli-compressed as
// a browser asks for it), an initiative's page, a
// revalidation (If-None-Match → 304), and the summary again while 50 writers record pledges
// through the API (each write a transaction of its own). Prints req/s, p99 and each one's
// ratio to the hello-world, errors and timeouts, and whether a write is seen by the next read.
// A database-backed read too: /api/initiatives signed in as a partner (the public-reads cache
// keeps anonymous answers only, so every one of these requests runs its statements), against
// a bare driver query returning the same rows (the page of published initiatives with the
// same joins, and their count) through a minimal Fastify route, in a process of its own, on
// the same database: goal ≥ 50 % of its req/s.
//   node bench/public-reads.mjs [--seconds 10] [--connections 50] [--quick] [--json FILE]
//     [--database-url postgres://…]   (or --url, or ESCA_BENCH_DATABASE_URL): PostgreSQL, on that
//                                      server, in a scratch database filled with the demo data
//                                      and dropped at the end
//     [--embedded-only]                skip PostgreSQL even when a URL is given
//     [--postgres-only]                skip the embedded database (a URL must be given)
//     [--only writers]                 only the summary during 50 writers (and the write seen)
//     [--only signed-in]               only the signed-in list and its bare driver query
//     [--rounds 3]                     the signed-in list and the bare query in turn, this many
//                                      times each (their req/s are each one's mean)
//   --quick: 3 s per row, 20 connections, only /api/health, the summary, the lists and the
//   baselines (no summary per `by`, no writers).
import { fork } from "node:child_process";
import { argv, env } from "node:process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { SERVER_NODE_FLAGS } from "../src/platform/node-flags.mjs";
import { benchArgs, figure, writeJson } from "./lib/report.mjs";
import { createScratchDatabase } from "./lib/scratch-database.mjs";

const args = benchArgs(argv.slice(2), {});
const quick = args.quick === true;
/** Rounds of the signed-in list and its bare query, in turn (--rounds; one with --quick). */
const rounds = Number(args.rounds ?? (quick ? 1 : 3));
const option = (name, fallback) => {
  const value = args[name];
  if (value !== undefined && value !== true) return value;
  if (quick && name === "seconds") return "3";
  if (quick && name === "connections") return "20";
  return fallback;
};

/** The page /api/initiatives answers a partner (published only, by code, 50), and the count. */
const BARE_LIST = `select i.*, c.code as component_code, c.name_es as component_name_es,
    c.name_en as component_name_en, l.code as line_code, l.name_es as line_name_es,
    l.name_en as line_name_en, o.code as agency_code, o.name_es as agency_name_es,
    o.name_en as agency_name_en, r.basis as budget_fx_basis, count(*) over () as total
  from initiatives i
  join strategy_components c on c.id = i.component_id
  left join lines_of_action l on l.id = i.line_of_action_id
  left join organizations o on o.id = i.executing_agency_id
  left join exchange_rates r on r.currency = i.budget_currency and r.rate_date = i.budget_fx_date
  where i.published_at is not null
  order by i.code asc nulls last
  limit 50`;

/** The Accept-Encoding header current browsers send. */
const BROWSER_CODINGS = "gzip, deflate, br, zstd";

/** The baseline: a minimal Fastify route answering BARE_LIST straight from the driver. */
async function serveBare(databaseUrl) {
  const { default: Fastify } = await import("fastify");
  let query;
  if (databaseUrl) {
    const pg = (await import("pg")).default;
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    query = async (text) => (await pool.query(text)).rows;
  } else {
    // Its own embedded database with the same demo data (one PGlite cannot be shared).
    const { register } = await import("tsx/esm/api");
    register();
    const { openEmbedded } = await import("../src/platform/db/connect.ts");
    const { migrateToLatest } = await import("../src/platform/db/migrate.ts");
    const { seedDemo } = await import("../src/modules/demo/index.ts");
    const handle = await openEmbedded();
    await migrateToLatest(handle.db);
    await seedDemo({ db: handle.db, force: true });
    query = async (text) => (await handle.pglite.query(text)).rows;
  }
  const app = Fastify();
  // 64-bit integers (money in minor units, the count) arrive as BigInt from PGlite: as text.
  const replacer = (_key, value) => (typeof value === "bigint" ? String(value) : value);
  app.get("/api/initiatives", async (_request, reply) => {
    const rows = await query(BARE_LIST);
    const total = Number(rows[0]?.total ?? 0);
    const body = JSON.stringify({ data: rows, page: { total, limit: 50, offset: 0 } }, replacer);
    return reply.type("application/json").send(body);
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  process.send?.({ port: app.server.address().port });
}

/** A child process: the hello-world, or ESCA Hub on the embedded database or PostgreSQL. */
async function serve(kind, databaseUrl) {
  if (kind === "hello") {
    const { default: Fastify } = await import("fastify");
    const app = Fastify();
    app.get("/", async () => ({ hello: "world" }));
    await app.listen({ port: 0, host: "127.0.0.1" });
    process.send?.({ port: app.server.address().port });
    return;
  }
  if (kind === "bare") return serveBare(databaseUrl);
  const { register } = await import("tsx/esm/api");
  register();
  const { openEmbedded, openPostgres } = await import("../src/platform/db/connect.ts");
  const { migrateToLatest } = await import("../src/platform/db/migrate.ts");
  const { seedDemo } = await import("../src/modules/demo/index.ts");
  const { openEventBus } = await import("../src/platform/events/index.ts");
  const { buildApp } = await import("../src/app/build-app.ts");
  // On PostgreSQL, a scratch database main() made for this run: empty.
  const handle = databaseUrl ? await openPostgres(databaseUrl, 10) : await openEmbedded();
  await migrateToLatest(handle.db);
  await seedDemo({ db: handle.db, force: true });
  const events = await openEventBus(handle);
  const app = await buildApp({
    ctx: { db: handle.db, backend: handle.backend, events },
    logLevel: "warn",
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  process.send?.({ port: app.server.address().port });
}

function start(kind, databaseUrl) {
  const child = fork(fileURLToPath(import.meta.url), ["--serve", kind, databaseUrl || ""], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    // ESCA Hub runs with the flags production starts it with; the baselines with Node's own.
    execArgv: [
      ...process.execArgv,
      ...(kind === "hello" || kind === "bare" ? [] : SERVER_NODE_FLAGS),
    ],
  });
  return new Promise((resolve, reject) => {
    child.once("message", ({ port }) => resolve({ child, base: `http://127.0.0.1:${port}` }));
    child.once("exit", (code) => reject(new Error(`${kind} server exited (${code})`)));
  });
}

/** Ends a child process and waits for it to be gone (its connections closed, a profile written). */
function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const gone = new Promise((resolve) => child.once("exit", resolve));
  child.kill();
  return gone;
}

function load(url, options = {}) {
  return autocannon({
    url,
    connections: Number(option("connections", "50")),
    duration: Number(option("seconds", "10")),
    timeout: 10,
    ...options,
  });
}

/** Rounds of the same load as one result: mean req/s, worst p99, failures summed. */
function merged(results) {
  const sum = (pick) => results.reduce((total, result) => total + pick(result), 0);
  return {
    requests: { average: sum((result) => result.requests.average) / results.length },
    latency: { p99: Math.max(...results.map((result) => result.latency.p99)) },
    errors: sum((result) => result.errors),
    timeouts: sum((result) => result.timeouts),
    non2xx: sum((result) => result.non2xx),
  };
}

const figures = (result) => ({
  rps: result.requests.average,
  p99: result.latency.p99,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
});

async function json(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A partner's API token that may record flows, and a pledge it may record again and again. */
async function writer(base) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: "partner.idb@demo.esca-hub.org",
      password: "Pledge-Washington-partner-2011",
    }),
  });
  const cookie = String(login.headers.get("set-cookie")).split(";")[0];
  const { csrf_token } = await login.json();
  const { token } = await json(`${base}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf_token },
    body: JSON.stringify({ name: "bench", scopes: ["flows:write"] }),
  });
  const partner = await json(`${base}/api/organizations/IDB`);
  const initiative = await json(`${base}/api/initiatives/AA1`);
  return {
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      flow_type: "pledge",
      support_kind: "financial",
      partner_id: partner.id,
      initiative_id: initiative.id,
      value: { amount: "1.00", currency: "USD" },
      value_date: "2012-03-01",
    }),
  };
}

/** A partner's session cookie (the demo's IDB officer): reads as a signed-in user. */
async function partnerCookie(base) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: "partner.idb@demo.esca-hub.org",
      password: "Pledge-Washington-partner-2011",
    }),
  });
  if (!login.ok) throw new Error(`sign-in: ${login.status} ${await login.text()}`);
  return login.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
}

async function measure(label, base, hello, bare) {
  const rows = [];
  const results = {};
  const add = (name, result) => {
    const f = figures(result);
    results[name] = f;
    rows.push({
      database: label,
      endpoint: name,
      "req/s": Math.round(f.rps),
      "p99 ms": f.p99,
      "vs hello": `${((100 * f.rps) / hello.rps).toFixed(1)} %`,
      "errors/timeouts/non-2xx": `${f.errors}/${f.timeouts}/${f.non2xx}`,
    });
  };
  add("/api/health", await load(`${base}/api/health`));
  if (option("only") === "writers")
    return { rows, results, sameRows: true, pairs: [], ...(await duringWriters()) };
  const signedInOnly = option("only") === "signed-in";
  const bys = signedInOnly
    ? []
    : quick
      ? [""]
      : ["", "component", "country", "partner", "year", "initiative", "finance_type"];
  for (const by of bys)
    add(`summary by=${by || "(total)"}`, await load(`${base}/api/funding/summary?by=${by}`));
  if (!signedInOnly) {
    add("/api/initiatives", await load(`${base}/api/initiatives`));
    // What a browser asks for: the cached answer's brotli form, made once per version.
    add(
      "/api/initiatives (browser, br)",
      await load(`${base}/api/initiatives`, { headers: { "accept-encoding": BROWSER_CODINGS } }),
    );
  }

  // Database-backed: signed in, so never from the cache; the same rows straight from the driver.
  const cookie = await partnerCookie(base);
  const signedIn = await fetch(`${base}/api/initiatives`, { headers: { cookie } });
  const bareAnswer = await (await fetch(`${bare}/api/initiatives`)).json();
  const listed = await signedIn.json();
  const sameRows =
    listed.page.total === bareAnswer.page.total &&
    listed.data.map((row) => row.code).join() === bareAnswer.data.map((row) => row.code).join();
  // In turns, list then bare query, several times: on a shared machine the speed of both can
  // drift by a fifth within a minute, and a drift then touches both sides of each pair alike.
  const turns = { list: [], bare: [] };
  for (let round = 0; round < rounds; round++) {
    turns.list.push(await load(`${base}/api/initiatives`, { headers: { cookie } }));
    turns.bare.push(await load(`${bare}/api/initiatives`));
  }
  add("/api/initiatives signed in (database)", merged(turns.list));
  add("  bare driver query, same rows", merged(turns.bare));
  const pairs = turns.list.map((list, i) => list.requests.average / turns.bare[i].requests.average);
  if (quick || signedInOnly) return { rows, results, sameRows, pairs, visible: null };

  add("/api/initiatives/AA1", await load(`${base}/api/initiatives/AA1`));
  const etag = (await fetch(`${base}/api/initiatives`)).headers.get("etag");
  add(
    "/api/initiatives (304)",
    await load(`${base}/api/initiatives`, { headers: { "if-none-match": etag } }),
  );
  return { rows, results, sameRows, pairs, ...(await duringWriters()) };

  async function duringWriters() {
    // A write is seen by the next read: the summary's announced total moves by the pledge.
    const pledge = await writer(base);
    const pledged = async () => Number((await json(`${base}/api/funding/summary`)).total.announced);
    const before = await pledged();
    await json(`${base}/api/flows`, { method: "POST", ...pledge });
    const after = await pledged();

    // 50 writers recording pledges while 50 connections read the summary by partner.
    const writers = load(`${base}/api/flows`, { method: "POST", ...pledge });
    const reads = await load(`${base}/api/funding/summary?by=partner`);
    const written = await writers;
    add("summary by=partner, 50 writers", reads);
    rows.push({
      database: label,
      endpoint: "  the 50 writers",
      "req/s": Math.round(written.requests.average),
      "p99 ms": written.latency.p99,
      "vs hello": "",
      "errors/timeouts/non-2xx": `${written.errors}/${written.timeouts}/${written.non2xx}`,
    });
    return { visible: { before, after } };
  }
}

const round1 = (value) => Math.round(value * 10) / 10;

async function main() {
  const databaseUrl = option("database-url", option("url", env.ESCA_BENCH_DATABASE_URL));
  const databases = args["postgres-only"] && databaseUrl ? [] : [["embedded", null]];
  if (databaseUrl && !args["embedded-only"]) databases.push(["postgresql", databaseUrl]);
  const children = [];
  const cleanups = [];
  const jsonFigures = [];
  const notes = [];
  try {
    const hello = await start("hello");
    children.push(hello.child);
    const helloFigures = figures(await load(`${hello.base}/`));
    const setting = `Node ${process.version}, ${option("connections", "50")} connections, ${option("seconds", "10")} s each`;
    console.log(
      `hello-world: ${Math.round(helloFigures.rps)} req/s, p99 ${helloFigures.p99} ms (${setting})`,
    );
    notes.push(setting);
    const helloBaseline = {
      name: "Fastify hello-world",
      value: round1(helloFigures.rps),
      unit: "req/s",
    };
    for (const [label, serverUrl] of databases) {
      const scratch = serverUrl && (await createScratchDatabase(serverUrl, "esca_bench_reads"));
      if (scratch) cleanups.push(scratch.drop);
      const url = scratch?.url;
      const esca = await start("esca", url);
      children.push(esca.child);
      // After ESCA Hub has filled the database (PostgreSQL), or on its own copy (embedded).
      const bare = await start("bare", url);
      children.push(bare.child);
      const { rows, results, sameRows, pairs, visible } = await measure(
        label,
        esca.base,
        helloFigures,
        bare.base,
      );
      console.table(rows);
      const list = results["/api/initiatives signed in (database)"];
      const driver = results["  bare driver query, same rows"];
      if (list && driver)
        console.log(
          `${label}: signed-in /api/initiatives ${Math.round(list.rps)} req/s = ${((100 * list.rps) / driver.rps).toFixed(1)} % of the bare driver query's ${Math.round(driver.rps)} (goal ≥ 50 %; ${pairs.length} rounds in turn: ${pairs.map((ratio) => `${(100 * ratio).toFixed(1)} %`).join(", ")}); same rows: ${sameRows ? "yes" : "NO"}`,
        );
      if (visible)
        console.log(
          `${label}: announced total before a pledge of USD 1.00 ${visible.before}, read right after ${visible.after} (${Math.abs(visible.after - visible.before - 1) < 0.001 ? "seen" : "NOT SEEN"})`,
        );
      const summary = results["summary by=(total)"];
      const publicList = results["/api/initiatives"];
      const browserList = results["/api/initiatives (browser, br)"];
      const underWrites = results["summary by=partner, 50 writers"];
      if (underWrites)
        jsonFigures.push(
          figure({
            name: `summary p99 during 50 writers, ${label}`,
            value: underWrites.p99,
            unit: "ms",
            baseline: {
              name: "the same read's p99 without writers",
              value: results["summary by=partner"]?.p99 ?? results["/api/health"].p99,
              unit: "ms",
            },
            goal: "≤ 100 ms, no timeout",
            met: underWrites.p99 <= 100 && underWrites.timeouts === 0,
          }),
        );
      if (summary && list && driver)
        jsonFigures.push(
          figure({
            name: `cached summary (anonymous), ${label}`,
            value: round1(summary.rps),
            unit: "req/s",
            baseline: helloBaseline,
            goal: "≥ 0.25 of the hello-world's req/s",
            atLeast: 0.25,
          }),
          ...[
            ["cached /api/initiatives (anonymous, uncompressed)", publicList],
            ["cached /api/initiatives (anonymous, browser: br)", browserList],
          ]
            .filter(([, measured]) => measured)
            .map(([name, measured]) =>
              figure({
                name: `${name}, ${label}`,
                value: round1(measured.rps),
                unit: "req/s",
                baseline: helloBaseline,
                goal: "≥ 0.25 of the hello-world's req/s",
                atLeast: 0.25,
              }),
            ),
          figure({
            name: `/api/initiatives signed in (database, not cached), ${label}`,
            value: round1(list.rps),
            unit: "req/s",
            baseline: {
              name: `bare driver query, same rows, Fastify route, ${label}`,
              value: round1(driver.rps),
              unit: "req/s",
            },
            goal: "≥ 0.5 of the bare query's req/s",
            atLeast: 0.5,
          }),
        );
      if (!sameRows) notes.push(`${label}: the bare query's rows differ from the list's`);
      if (visible && Math.abs(visible.after - visible.before - 1) >= 0.001)
        notes.push(`${label}: a write was NOT seen by the next read`);
      await Promise.all([stop(esca.child), stop(bare.child)]);
    }
  } finally {
    await Promise.all(children.map(stop));
    // The servers' connections go with their processes; the drop forces out any left.
    for (const cleanup of cleanups) await cleanup().catch((error) => console.error(error.message));
  }
  writeJson(option("json"), {
    script: "public-reads",
    title:
      "Public read API against a Fastify hello-world; a database-backed list against a bare driver query",
    figures: jsonFigures,
    notes,
  });
}

if (argv[2] === "--serve") {
  // Killed at the end, a server exits as if it ended: under `node --cpu-prof`, each process
  // writes its profile.
  process.once("SIGTERM", () => process.exit(0));
  await serve(argv[3], argv[4]);
} else await main();
