import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { inject } from "vitest";
import { createUser, systemPrincipal } from "../../src/modules/accounts/index.ts";
import { createOrganization } from "../../src/modules/organizations/index.ts";
import { type DatabaseHandle, openEmbedded } from "../../src/platform/db/connect.ts";
import { migrateToLatest } from "../../src/platform/db/migrate.ts";
import type { Database } from "../../src/platform/db/schema.ts";
import { TEST_PASSWORD } from "./app.ts";
import { cliEnv, escaBin } from "./cli.ts";
import { createTestDatabase, testBackend } from "./database.ts";

/**
 * Kill -9 fault tests: `esca serve` as a process group of its own, killed with SIGKILL while
 * work is in flight, restarted on the same data folder (or PostgreSQL database).
 */

/** Rounds of one kind of work: ESCA_FAULT_ROUNDS (20 by default) shared out 8 : 6 : 6. */
export function faultRounds(share: number): number {
  const total = Number(process.env.ESCA_FAULT_ROUNDS ?? 20);
  if (!Number.isInteger(total) || total < 1)
    throw new Error("ESCA_FAULT_ROUNDS must be a whole number of at least 1");
  return Math.max(1, Math.round((total * share) / 20));
}

/** The run's seed (ESCA_FAULT_SEED, else random), printed so a failing run can be replayed. */
export function faultSeed(kind: string): number {
  const given = process.env.ESCA_FAULT_SEED;
  const seed = given ? Number(given) : Math.floor(Math.random() * 2 ** 31);
  console.log(`kill -9 ${kind} on ${testBackend}: seed ${seed} (ESCA_FAULT_SEED=${seed})`);
  return seed;
}

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SECRETARIAT_EMAIL = "secretariat@fault.test";

/**
 * Where a server keeps its data: an embedded data folder, or a PostgreSQL database of its own
 * on the test run's server. `open` gives the test direct access while no server holds it.
 */
export interface FaultStore {
  env: NodeJS.ProcessEnv;
  withDb<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  dispose(): Promise<void>;
}

export async function createFaultStore(
  prepare: (db: Kysely<Database>) => Promise<void>,
): Promise<FaultStore> {
  const dir = mkdtempSync(join(tmpdir(), "esca-kill9-"));
  const base = cliEnv(dir, { ESCA_DEMO: "false", ESCA_SCHEDULER: "false", LOG_LEVEL: "warn" });
  const setUp = async (db: Kysely<Database>) => {
    await createOrganization({
      db,
      input: { code: "OAS-SG", kind: "oas_body", name: { es: "SG/OEA", en: "OAS GS" } },
    });
    await createUser({
      db,
      input: {
        email: SECRETARIAT_EMAIL,
        name: "Secretariat officer",
        organization: "OAS-SG",
        role: "secretariat",
        password: TEST_PASSWORD,
      },
      principal: systemPrincipal("test-setup"),
      // As the test apps' users: signed in with a password alone (no second factor to set up).
      isDemo: true,
    });
    await prepare(db);
  };
  if (testBackend === "postgres") {
    const handle: DatabaseHandle = await createTestDatabase();
    await setUp(handle.db);
    return {
      env: { ...base, DATABASE_URL: handle.connectionString ?? "" },
      withDb: (work) => work(handle.db),
      dispose: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const withDb = async <T>(work: (db: Kysely<Database>) => Promise<T>) => {
    // Opening the folder after a kill -9 is PGlite's recovery: it must succeed.
    const handle = await openEmbedded({ dataDir: join(dir, "pglite") });
    try {
      return await work(handle.db);
    } finally {
      await handle.close();
    }
  };
  // The folder starts from the run's migrated template (global-setup.ts): no initdb, no
  // migrations to run, as a test database starts.
  const template = new Blob([readFileSync(inject("pgliteTemplate"))]);
  const first = await openEmbedded({ dataDir: join(dir, "pglite"), loadDataDir: template });
  try {
    await migrateToLatest(first.db);
    await setUp(first.db);
  } finally {
    await first.close();
  }
  return {
    env: base,
    withDb,
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A signed-in secretariat officer's requests to one server. */
export interface ApiClient {
  json<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>;
  upload<T = unknown>(path: string, fileName: string, content: string): Promise<ApiResponse<T>>;
  bytes(path: string): Promise<{ status: number; bytes: Buffer; headers: Headers }>;
}

async function answer<T>(response: Response): Promise<ApiResponse<T>> {
  const text = await response.text();
  const json = (response.headers.get("content-type") ?? "").includes("json");
  return {
    status: response.status,
    body: (json ? JSON.parse(text) : text) as T,
    headers: response.headers,
  };
}

export async function signIn(url: string): Promise<ApiClient> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: SECRETARIAT_EMAIL, password: TEST_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const { csrf_token } = (await login.json()) as { csrf_token: string };
  const headers = { cookie, "x-csrf-token": csrf_token };
  return {
    json: async (method, path, body) =>
      answer(
        await fetch(`${url}${path}`, {
          method,
          headers:
            body === undefined ? headers : { ...headers, "content-type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      ),
    upload: async (path, fileName, content) => {
      const form = new FormData();
      form.append("file", new Blob([content], { type: "application/xml" }), fileName);
      return answer(await fetch(`${url}${path}`, { method: "POST", headers, body: form }));
    },
    bytes: async (path) => {
      const response = await fetch(`${url}${path}`, { headers });
      return {
        status: response.status,
        bytes: Buffer.from(await response.arrayBuffer()),
        headers: response.headers,
      };
    },
  };
}

export interface KillableServer {
  url: string;
  child: ChildProcess;
  /** SIGKILL to the whole process group (the server and any thread or child of it). */
  kill(): Promise<void>;
  /** A graceful stop (SIGTERM), as an operator's. */
  stop(): Promise<void>;
}

/** Servers still running: a worker that ends (a timeout, a failure) takes their groups along. */
const live = new Set<number>();
process.once("exit", () => {
  for (const pid of live)
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // Already gone.
    }
});

/** `esca serve` in a process group of its own; resolves once it listens. */
export function startKillableServer(env: NodeJS.ProcessEnv): Promise<KillableServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [escaBin, "serve", "--port", "0"], {
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const { pid } = child;
    if (pid) live.add(pid);
    const closed = new Promise<void>((done) =>
      child.once("close", () => {
        if (pid) live.delete(pid);
        done();
      }),
    );
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/running at (http:\/\/\S+) /);
      if (!match?.[1]) return;
      child.stdout?.off("data", onData);
      child.stdout?.resume();
      resolve({
        url: match[1],
        child,
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null && child.pid)
            process.kill(-child.pid, "SIGKILL");
          await closed;
        },
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await closed;
        },
      });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("close", (code) => reject(new Error(`esca serve exited with ${code}: ${output}`)));
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One kind of work a round does, checked after each kill. */
export interface FaultWork<Fingerprint> {
  /**
   * The round's work to its end, completing what a killed attempt left undone: run twice, it
   * does nothing the second time. Its requests may fail when the server is killed under it.
   */
  run(api: ApiClient, round: number): Promise<void>;
  /** After the restart that followed a kill during `round`: nothing partial is visible. */
  checkNothingPartial(api: ApiClient, round: number): Promise<void>;
  /** What the data looks like through the API, to compare with a run without kills. */
  fingerprint(api: ApiClient): Promise<Fingerprint>;
}

export interface FaultRunResult<Fingerprint> {
  clean: Fingerprint[];
  recovered: Fingerprint[];
  verdicts: Array<{ ok: boolean; rows: number }>;
  /** When each kill landed, in milliseconds after the round's work began. */
  killedAfter: number[];
  /** How many kills landed before the round's work had ended (the others hit an idle server). */
  midWork: number;
}

async function verifyChain(api: ApiClient) {
  const verdict = await api.json<{ ok: boolean; rows: number }>("POST", "/api/audit/verification");
  if (verdict.status !== 200) throw new Error(`chain verification answered ${verdict.status}`);
  return verdict.body;
}

/**
 * First a clean run on a store of its own: every round's work with no kill, timing each round
 * and taking the fingerprint after it. Then the faulty run on another store: each round starts
 * a server, checks what the previous round's kill left (nothing partial, the audit chain
 * holds), re-runs that round's work and compares the fingerprint with the clean one; then
 * starts this round's work and kills the server at a random moment within the time the clean
 * round took. A last start checks the last kill.
 */
export async function runFaultRounds<Fingerprint>(options: {
  rounds: number;
  random: () => number;
  work: FaultWork<Fingerprint>;
  clean: FaultStore;
  faulty: FaultStore;
}): Promise<FaultRunResult<Fingerprint>> {
  const { rounds, random, work } = options;
  const clean: Fingerprint[] = [];
  const durations: number[] = [];
  const server = await startKillableServer(options.clean.env);
  try {
    const api = await signIn(server.url);
    for (let round = 0; round < rounds; round++) {
      const began = performance.now();
      await work.run(api, round);
      durations.push(performance.now() - began);
      clean.push(await work.fingerprint(api));
    }
  } finally {
    await server.stop();
  }

  const recovered: Fingerprint[] = [];
  const verdicts: Array<{ ok: boolean; rows: number }> = [];
  const killedAfter: number[] = [];
  let midWork = 0;
  for (let round = 0; round <= rounds; round++) {
    const current = await startKillableServer(options.faulty.env);
    try {
      const api = await signIn(current.url);
      if (round > 0) {
        await work.checkNothingPartial(api, round - 1);
        verdicts.push(await verifyChain(api));
        await work.run(api, round - 1);
        recovered.push(await work.fingerprint(api));
      }
      if (round === rounds) {
        verdicts.push(await verifyChain(api));
        break;
      }
      const delay = Math.round(random() * (durations[round] ?? 0));
      killedAfter.push(delay);
      let settled = false;
      const inFlight = work.run(api, round).then(
        () => {
          settled = true;
        },
        () => undefined,
      );
      await sleep(delay);
      if (!settled) midWork++;
      await current.kill();
      await inFlight;
    } finally {
      await current.stop();
    }
  }
  return { clean, recovered, verdicts, killedAfter, midWork };
}
