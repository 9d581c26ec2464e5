#!/usr/bin/env node
// Load test: ESCA Hub under many clients at once, reading and writing as its users do. It
// starts its own server (`bin/esca.js serve` on 127.0.0.1) on a fresh embedded data folder with
// the demo data, or with --url on a scratch PostgreSQL database it creates and drops, signs in
// real accounts made before the server starts, and for --seconds runs --clients clients:
//   - the public (60%): the portal's reads (roll-ups, initiatives, ledger, conferences, search…)
//     and /api/health as the baseline;
//   - partners (30%): their own organization's pledges, commitments against them,
//     disbursements against those, reversals, signed-in reads; and on purpose refused writes:
//     a pledge for another organization (403) and a disbursement far above the commitment (409);
//   - the secretariat (10%): staff reads (audit trail, override requests, the whole ledger) and
//     entries on a partner's behalf, some with an override reason above the commitment.
// Then it stops the server and checks the database: the audit chain verifies, the ledger's
// invariant holds (disbursed ≤ committed per initiative and partner beyond overrides; the load's
// own commitments within their pledges and disbursements within their commitments), every
// acknowledged write is there and no refused one is. Exit 1 on any 5xx, unexpected status or
// failed check; a hard stop ends everything after --hard-stop seconds (exit 2).
//   node bench/load.mjs [--clients 200] [--seconds 60] [--quick] [--url postgres://…]
//                       [--timeout 15] [--hard-stop SECONDS] [--json FILE]
// --timeout: seconds a request may go with no byte answered before it counts as a timeout;
// --hard-stop: seconds from the start to the end of everything (default --seconds + 600).
import { spawn } from "node:child_process";
import http from "node:http";
import { argv, env, execPath, exit } from "node:process";
import { fileURLToPath } from "node:url";

const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const index = argv.indexOf(`--${name}`);
  return index > 0 && argv[index + 1] !== undefined ? argv[index + 1] : fallback;
};
const quick = flag("quick");
const clients = Number(option("clients", quick ? "50" : "200"));
const seconds = Number(option("seconds", quick ? "10" : "60"));
const requestTimeoutMs = Number(option("timeout", "15")) * 1000;
const hardStopSeconds = Number(option("hard-stop", String(seconds + 600)));
const databaseUrl = option("url", undefined);
const jsonFile = option("json", undefined);
for (const [name, value] of Object.entries({ clients, seconds, hardStopSeconds })) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`load: --${name} must be a whole number ≥ 1`);
    exit(2);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const root = fileURLToPath(new URL("..", import.meta.url));
let server;
let world;

// Bounded in time whatever happens: the server killed, the scratch database dropped, exit 2.
setTimeout(async () => {
  console.error(`load: hard stop after ${hardStopSeconds} s`);
  server?.kill("SIGKILL");
  await Promise.race([world?.dispose().catch(() => undefined), sleep(5000)]);
  exit(2);
}, hardStopSeconds * 1000).unref();

// Only the loopback address: this script never loads a machine other than its own.
if (databaseUrl) {
  const host = URL.canParse(databaseUrl) ? new URL(databaseUrl).hostname : "";
  if (!["127.0.0.1", "localhost", "[::1]"].includes(host)) {
    console.error(
      `load: --url: "${host}" is not 127.0.0.1; the load test runs on this machine only.`,
    );
    exit(2);
  }
}
const { checkWorld, createWorld, prepareWorld, SECRETARIAT } = await import("./lib/load-world.mjs");
const { loadReport } = await import("./lib/load-report.mjs");
// The server runs with the flags production starts it with (npm start, bin/esca.js).
const { SERVER_NODE_FLAGS } = await import("../src/platform/node-flags.mjs");

/** `bin/esca.js serve` on 127.0.0.1, a free port, this world's data; resolves with its port. */
function startServer(worldEnv) {
  const childEnv = { ...env, ...worldEnv, LOG_LEVEL: "warn", ESCA_SCHEDULER: "false" };
  for (const name of ["DATABASE_URL", "DATABASE_READ_URL", "ESCA_DATA_DIR", "PORT", "HOST"])
    if (!(name in worldEnv)) delete childEnv[name];
  const child = spawn(
    execPath,
    [...SERVER_NODE_FLAGS, `${root}bin/esca.js`, "serve", "--port", "0", "--host", "127.0.0.1"],
    { cwd: root, env: childEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  const log = { lines: [], errors: 0 };
  const keep = (chunk) => {
    for (const line of String(chunk).split("\n").filter(Boolean)) {
      if (/"level":(50|60)/.test(line)) log.errors++;
      log.lines.push(line);
      if (log.lines.length > 40) log.lines.shift();
    }
  };
  child.stderr.on("data", keep);
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      keep(chunk);
      const match = /running at (http:\/\/[^\s]+) \(/.exec(String(chunk));
      if (!match) return;
      const address = new URL(match[1]);
      if (address.hostname !== "127.0.0.1") {
        child.kill("SIGKILL");
        reject(new Error(`the server listens on ${address.hostname}, not 127.0.0.1`));
      } else resolve({ child, port: Number(address.port), log });
    });
    child.once("exit", (code) =>
      reject(new Error(`the server exited (${code}):\n${log.lines.join("\n")}`)),
    );
  });
}

async function stopServer(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  if (!(await Promise.race([exited.then(() => true), sleep(30_000)]))) {
    child.kill("SIGKILL");
    await exited;
  }
}

// ---- HTTP: keep-alive connections, every answer read whole, each request bounded in time.
let port;
let agent;
function send(method, path, { body, session } = {}) {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = { accept: "application/json" };
    if (payload !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = Buffer.byteLength(payload);
    }
    if (session) {
      headers.cookie = session.cookie;
      if (method !== "GET") headers["x-csrf-token"] = session.csrf;
    }
    const start = performance.now();
    let settled = false;
    const done = (result) => {
      if (settled) return;
      settled = true;
      resolve({ ms: performance.now() - start, ...result });
    };
    const request = http.request(
      { host: "127.0.0.1", port, method, path, headers, agent },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () =>
          done({
            status: response.statusCode,
            text: Buffer.concat(chunks).toString("utf8"),
            headers: response.headers,
          }),
        );
        response.on("error", (error) => done({ status: 0, error: error.message }));
      },
    );
    request.setTimeout(requestTimeoutMs, () => request.destroy(new Error("timeout")));
    request.on("error", (error) =>
      done({ status: 0, error: error.message === "timeout" ? "timeout" : (error.code ?? "error") }),
    );
    request.end(payload);
  });
}

// ---- What was seen, per kind of request.
const kinds = new Map();
const acknowledged = new Set();
const refusedMarkers = [];
const unexpectedSamples = [];
function record(kind, expected, result) {
  let entry = kinds.get(kind);
  if (!entry) {
    entry = { kind, requests: 0, statuses: {}, latencies: [], timeouts: 0, errors: 0, bad: 0 };
    kinds.set(kind, entry);
  }
  entry.requests++;
  if (result.error === "timeout") entry.timeouts++;
  else if (result.status === 0) entry.errors++;
  else {
    entry.statuses[result.status] = (entry.statuses[result.status] ?? 0) + 1;
    entry.latencies.push(result.ms);
    answeredAt.push(performance.now());
    if (!expected.includes(result.status)) {
      entry.bad++;
      if (unexpectedSamples.length < 10)
        unexpectedSamples.push(`${kind}: ${result.status} ${result.text.slice(0, 300)}`);
    }
  }
  return result;
}
const json = (result) => {
  try {
    return JSON.parse(result.text);
  } catch {
    return null;
  }
};

async function signIn(email, password) {
  const result = await send("POST", "/api/auth/login", { body: { email, password } });
  record("POST /api/auth/login", [200], result);
  const body = json(result);
  const cookie = String(result.headers?.["set-cookie"]?.[0] ?? "").split(";")[0];
  if (result.status !== 200 || !cookie || !body?.csrf_token || body.needs_totp_setup)
    throw new Error(`signing in ${email} failed: ${result.status} ${result.text?.slice(0, 300)}`);
  return { cookie, csrf: body.csrf_token };
}

const pick = (list) => list[Math.floor(Math.random() * list.length)];
const dollars = (min, max) => min + Math.floor(Math.random() * (max - min + 1));
const usd = (whole) => ({ amount: `${whole}.00`, currency: "USD" });
const VALUE_DATE = "2025-06-30";
let refusals = 0;
/** When each answer came (performance.now()): the longest wait with none is a stall. */
const answeredAt = [];
function longestStall(from, to) {
  let last = from;
  let longest = 0;
  for (const at of answeredAt.filter((time) => time >= from && time <= to).sort((a, b) => a - b)) {
    longest = Math.max(longest, at - last);
    last = at;
  }
  return Math.max(longest, to - last) / 1000;
}

// ---- The three kinds of client; each loops until the deadline.
function publicClient(facts) {
  const reads = [
    ["GET /api/health", () => "/api/health"],
    [
      "GET /api/funding/summary",
      () => `/api/funding/summary?by=${pick(["component", "country", "partner", "initiative"])}`,
    ],
    ["GET /api/initiatives", () => "/api/initiatives?limit=20"],
    ["GET /api/initiatives/:id", () => `/api/initiatives/${pick(facts.initiatives)}`],
    ["GET /api/flows?initiative_id", () => `/api/flows?initiative_id=${pick(facts.initiatives)}`],
    ["GET /api/flows/:id", () => `/api/flows/${pick(facts.flows)}`],
    ["GET /api/organizations", () => "/api/organizations"],
    ["GET /api/conferences", () => "/api/conferences"],
    ["GET /api/group-of-friends", () => "/api/group-of-friends"],
    ["GET /api/components", () => "/api/components"],
    ["GET /api/indicators", () => "/api/indicators"],
    ["GET /api/search", () => `/api/search?q=${pick(["seguridad", "violencia", "police"])}`],
  ];
  // The baseline first, so that every run measures it.
  let next = 0;
  const step = async () => {
    const [kind, path] = next++ === 0 ? reads[0] : pick(reads);
    record(`public ${kind}`, [200], await send("GET", path()));
  };
  step.opening = 1;
  return step;
}

/** A chain of one's own entries: pledges with what is left on them, commitments likewise. */
function ledgerState() {
  return { pledges: [], commitments: [], disbursements: [] };
}
const withLeft = (list) => list.filter((item) => item.left > 0);

/** Records an entry; on 201 keeps its id among the acknowledged and returns it. */
async function write(kind, session, body) {
  const result = record(kind, [201], await send("POST", "/api/flows", { body, session }));
  const id = result.status === 201 ? json(result)?.id : undefined;
  if (id) acknowledged.add(id);
  return id;
}

function partnerClient(account, session, initiativeId, facts) {
  const state = ledgerState();
  const base = {
    support_kind: "financial",
    partner_id: account.partnerId,
    initiative_id: initiativeId,
    value_date: VALUE_DATE,
  };
  const other = facts.partners.filter((id) => id !== account.partnerId);
  const actions = [
    [
      3,
      async () => {
        const path = pick([
          `/api/flows?partner_id=${account.partnerId}&limit=20`,
          `/api/funding/summary?by=initiative&partner=${account.partnerId}`,
          `/api/initiatives/${initiativeId}`,
        ]);
        record("partner GET (signed in)", [200], await send("GET", path, { session }));
      },
    ],
    [
      2,
      async () => {
        const amount = dollars(20_000, 80_000);
        const id = await write("partner POST pledge", session, {
          ...base,
          flow_type: "pledge",
          value: usd(amount),
        });
        if (id) state.pledges.push({ id, left: amount });
      },
    ],
    [
      2,
      async () => {
        const pledge = pick(withLeft(state.pledges));
        if (!pledge) return;
        const amount = Math.min(pledge.left, dollars(5_000, 30_000));
        pledge.left -= amount; // spent before it is sent: a timed-out write may have landed
        const id = await write("partner POST commitment", session, {
          ...base,
          flow_type: "commitment",
          pledge_id: pledge.id,
          value: usd(amount),
        });
        if (id) state.commitments.push({ id, left: amount });
      },
    ],
    [
      2,
      async () => {
        const commitment = pick(withLeft(state.commitments));
        if (!commitment) return;
        const amount = Math.min(commitment.left, dollars(1_000, 10_000));
        commitment.left -= amount;
        const id = await write("partner POST disbursement", session, {
          ...base,
          flow_type: "disbursement",
          commitment_id: commitment.id,
          value: usd(amount),
        });
        if (id) state.disbursements.push({ id });
      },
    ],
    [
      1,
      async () => {
        const disbursement = state.disbursements.shift();
        if (!disbursement) return;
        const result = await send("POST", `/api/flows/${disbursement.id}/reversal`, {
          body: { reason: "Entered twice in the partner's system" },
          session,
        });
        record("partner POST reversal", [201], result);
        if (result.status === 201 && json(result)?.id) acknowledged.add(json(result).id);
      },
    ],
    [
      1,
      async () => {
        const note = `refused-${++refusals}`;
        refusedMarkers.push(note);
        const result = await send("POST", "/api/flows", {
          body: { ...base, partner_id: pick(other), flow_type: "pledge", value: usd(1_000), note },
          session,
        });
        record("partner POST pledge for another organization (403)", [403], result);
      },
    ],
    [
      1,
      async () => {
        const commitment = pick(state.commitments);
        if (!commitment) return;
        const note = `refused-${++refusals}`;
        refusedMarkers.push(note);
        const result = await send("POST", "/api/flows", {
          body: {
            ...base,
            flow_type: "disbursement",
            commitment_id: commitment.id,
            value: usd(90_000_000_000),
            note,
          },
          session,
        });
        record("partner POST disbursement over commitment (409)", [409], result);
      },
    ],
  ];
  // Each kind of entry and refusal at least once, whatever the run's length.
  return weighted(actions, [1, 2, 3, 5, 6, 4]);
}

function secretariatClient(session, pairs) {
  let current = 0;
  const states = pairs.map(() => ledgerState());
  const actions = [
    [
      4,
      async () => {
        const [kind, path] = pick([
          ["audit", "/api/audit?limit=20"],
          ["override requests", "/api/over-disbursement-requests"],
          ["whole ledger", "/api/flows?include_reversals=true&limit=50"],
          ["roll-up by partner", "/api/funding/summary?by=partner"],
        ]);
        record(`secretariat GET ${kind}`, [200], await send("GET", path, { session }));
      },
    ],
    [
      3,
      async () => {
        const pair = pairs[current];
        const amount = dollars(50_000, 150_000);
        const pledge = await write("secretariat POST pledge (partner's behalf)", session, {
          support_kind: "financial",
          partner_id: pair.partnerId,
          initiative_id: pair.initiativeId,
          value_date: VALUE_DATE,
          flow_type: "pledge",
          value: usd(amount),
        });
        if (!pledge) return;
        const commitment = await write("secretariat POST commitment (partner's behalf)", session, {
          support_kind: "financial",
          partner_id: pair.partnerId,
          initiative_id: pair.initiativeId,
          value_date: VALUE_DATE,
          flow_type: "commitment",
          pledge_id: pledge,
          value: usd(amount),
        });
        if (commitment) states[current].commitments.push({ id: commitment, left: amount });
      },
    ],
    [
      3,
      async () => {
        const pair = pairs[current];
        const commitment = pick(withLeft(states[current].commitments));
        if (!commitment) return;
        // One in four goes above what is left, with the secretariat's reason; the pair is then
        // over its commitments, so this client moves on to its next pair.
        const over = Math.random() < 0.25;
        const amount = over ? commitment.left + 5_000 : Math.min(commitment.left, 10_000);
        commitment.left -= amount;
        await write(
          over ? "secretariat POST disbursement with override" : "secretariat POST disbursement",
          session,
          {
            support_kind: "financial",
            partner_id: pair.partnerId,
            initiative_id: pair.initiativeId,
            value_date: VALUE_DATE,
            flow_type: "disbursement",
            commitment_id: commitment.id,
            value: usd(amount),
            ...(over && { over_commitment_reason: "Bridge payment approved by the Directorate" }),
          },
        );
        if (over && current < pairs.length - 1) current++;
        else if (over) states[current].commitments.length = 0;
      },
    ],
  ];
  return weighted(actions, [0, 1, 2]);
}

/** A step picked at random by weight; `opening`: the steps a client takes first, in order. */
function weighted(actions, opening) {
  const total = actions.reduce((sum, [weight]) => sum + weight, 0);
  const openings = opening.map((index) => actions[index][1]);
  const step = async () => {
    const first = openings.shift();
    if (first) return first();
    let roll = Math.random() * total;
    for (const [weight, act] of actions) {
      roll -= weight;
      if (roll < 0) return act();
    }
    return actions[0][1]();
  };
  step.opening = opening.length;
  return step;
}

// ---- The run.
const roles = Array.from({ length: clients }, (_, index) =>
  index % 10 < 6 ? "public" : index % 10 < 9 ? "partner" : "secretariat",
);
const partnerClients = roles.filter((role) => role === "partner").length;
const secretariatClients = roles.filter((role) => role === "secretariat").length;
let exitCode = 0;
let summary;
try {
  world = await createWorld(databaseUrl);
  const setupStart = performance.now();
  const facts = await prepareWorld(world, {
    partnerAccounts: Math.max(1, Math.min(partnerClients, 12)),
  });
  const started = await startServer(world.env);
  server = started.child;
  port = started.port;
  agent = new http.Agent({ keepAlive: true, maxSockets: clients + 8 });
  const flowList = json(await send("GET", "/api/flows?limit=100"));
  facts.flows = (flowList?.data ?? []).map((flow) => flow.id);
  if (!facts.flows.length) throw new Error("the demo ledger lists no entries");
  const sessions = [];
  for (const account of facts.accounts)
    sessions.push(await signIn(account.email, account.password));
  const staff = await signIn(SECRETARIAT.email, SECRETARIAT.password);
  const setupSeconds = (performance.now() - setupStart) / 1000;

  let partnerIndex = 0;
  let staffIndex = 0;
  const loops = roles.map((role) => {
    if (role === "public") return publicClient(facts);
    if (role === "partner") {
      const index = partnerIndex++;
      const account = facts.accounts[index % facts.accounts.length];
      const own = facts.partnerInitiatives[account.partnerId];
      return partnerClient(
        account,
        sessions[index % sessions.length],
        own[index % own.length],
        facts,
      );
    }
    const index = staffIndex++;
    const mine = facts.staffPairs.filter((_, pair) => pair % secretariatClients === index);
    return secretariatClient(
      staff,
      mine.length ? mine : [facts.staffPairs[index % facts.staffPairs.length]],
    );
  });
  console.log(
    `load: ${clients} clients (${clients - partnerClients - secretariatClients} public, ${partnerClients} partners on ${facts.accounts.length} accounts, ${secretariatClients} secretariat) for ${seconds} s on ${world.description}, server at 127.0.0.1:${port} (setup ${setupSeconds.toFixed(1)} s)`,
  );
  const loadStart = performance.now();
  const deadline = loadStart + seconds * 1000;
  await Promise.all(
    loops.map(async (step) => {
      // The opening steps are taken even past the deadline (a short run sees every kind).
      for (let index = 0; index < (step.opening ?? 0); index++) await step();
      while (performance.now() < deadline) await step();
    }),
  );
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const stallSeconds = longestStall(loadStart, deadline);
  agent.destroy();
  await stopServer(server);
  const checks = await checkWorld(world, { acknowledged, refusedMarkers });
  summary = loadReport({
    kinds,
    unexpectedSamples,
    refusedMarkers,
    settings: { clients, seconds, requestTimeoutMs, jsonFile },
    loadSeconds,
    stallSeconds,
    checks,
    world,
    facts,
    serverErrors: started.log.errors,
  });
  if (!summary.ok) exitCode = 1;
} catch (error) {
  console.error(`load: ${error.stack ?? error}`);
  exitCode = 2;
} finally {
  if (server) await stopServer(server).catch(() => undefined);
  if (world) await world.dispose().catch((error) => console.error(`load: ${error.message}`));
}
exit(exitCode);
