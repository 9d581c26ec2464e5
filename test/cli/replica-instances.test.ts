import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveBoard } from "../../src/contracts/live-board.ts";
import { createUser, systemPrincipal } from "../../src/modules/accounts/index.ts";
import { createConference, updateConference } from "../../src/modules/conferences/index.ts";
import { createOrganization } from "../../src/modules/organizations/index.ts";
import type { DatabaseHandle } from "../../src/platform/db/connect.ts";
import { TEST_PASSWORD } from "../support/app.ts";
import { type Balancer, startBalancer } from "../support/balancer.ts";
import { cliEnv, startCliServer } from "../support/cli.ts";
import { createTestDatabase } from "../support/database.ts";
import {
  type ReplicaCluster,
  replicaUnavailable,
  startReplica,
} from "../support/replica-cluster.ts";

type Server = Awaited<ReturnType<typeof startCliServer>>;

const serverUrl = process.env.ESCA_TEST_DATABASE_URL;
const unavailable = replicaUnavailable(serverUrl);
if (unavailable) console.warn(`primary, replica and two instances skipped: ${unavailable}`);

const BOARD = "/api/conferences/GUA-2011/live";

/** A response's cookies as a Cookie header, by name. */
function cookiesOf(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const at = pair.indexOf("=");
    cookies.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return cookies;
}
const cookieHeader = (cookies: Map<string, string>) =>
  [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");

async function board(base: string, cookie?: string) {
  const response = await fetch(`${base}${BOARD}`, cookie ? { headers: { cookie } } : {});
  expect(response.status).toBe(200);
  const body = (await response.json()) as LiveBoard;
  return { from: response.headers.get("x-esca-read-from"), announced: body.totals.announced };
}

async function ready(base: string) {
  const response = await fetch(`${base}/api/ready`);
  expect(response.status).toBe(200);
  return (await response.json()) as {
    replica?: { state: string; replay_paused: boolean; lag_seconds: number | null };
  };
}

/** Asks `probe` every 200 ms until it returns something, for at most `attempts` times. */
async function eventually<T>(probe: () => Promise<T | undefined>, attempts = 100): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the expected state was not reached");
}

describe.skipIf(unavailable !== null)(
  "a primary, a streaming replica and two server processes behind a balancer",
  { timeout: 180_000 },
  () => {
    let handle: DatabaseHandle;
    let replica: ReplicaCluster;
    let balancer: Balancer;
    let first: Server;
    let second: Server;
    let secondKilled = false;
    let partnerId: string;
    let conferenceId: string;

    beforeAll(async () => {
      handle = await createTestDatabase();
      const db = handle.db;
      partnerId = (
        await createOrganization({
          db,
          input: { code: "ESP", kind: "partner_government", name: { es: "España", en: "Spain" } },
        })
      ).id;
      conferenceId = (
        await createConference({
          db,
          input: {
            code: "GUA-2011",
            name: { es: "Conferencia de Guatemala", en: "Guatemala Conference" },
            city: "Guatemala City",
            country: "GT",
            start_date: "2011-06-22",
            end_date: "2011-06-23",
          },
        })
      ).id;
      await updateConference({ db, idOrCode: conferenceId, input: { status: "published" } });
      await createUser({
        db,
        input: {
          email: "partner.esp@replica.test",
          name: "Officer of Spain",
          organization: "ESP",
          role: "partner",
          password: TEST_PASSWORD,
        },
        principal: systemPrincipal("test-setup"),
      });
      replica = await startReplica(serverUrl ?? "");
      const database = new URL(handle.connectionString ?? "").pathname.slice(1);
      const env = {
        ...cliEnv(mkdtempSync(join(tmpdir(), "esca-replica-instances-"))),
        DATABASE_URL: handle.connectionString ?? "",
        DATABASE_READ_URL: replica.url(database),
        // Lag is made real below by pausing replay: the replica stays in use while it lasts.
        ESCA_REPLICA_MAX_LAG_SECONDS: "3600",
        ESCA_SCHEDULER: "false",
      };
      [first, second] = await Promise.all([startCliServer(env), startCliServer(env)]);
      balancer = await startBalancer([first.url, second.url]);
    }, 180_000);

    afterAll(async () => {
      await balancer?.close();
      await first?.stop();
      if (!secondKilled) await second?.stop();
      await replica?.stop();
      await handle?.close();
    });

    it("serves anonymous reads from the replica and reports it as streaming", async () => {
      // Each instance probes the replica on its own: both must have seen it streaming.
      for (const url of [first.url, second.url]) {
        const health = await eventually(async () => {
          const answer = await ready(url);
          return answer.replica?.state === "streaming" ? answer : undefined;
        });
        expect(health.replica?.replay_paused).toBe(false);
      }
      expect((await ready(balancer.url)).replica?.state).toBe("streaming");
      expect(await board(first.url)).toEqual({ from: "replica", announced: "0.00" });
      expect(await board(second.url)).toEqual({ from: "replica", announced: "0.00" });
    });

    it("shows a write through one instance on the other, to its writer despite the lag", async () => {
      const login = await fetch(`${first.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "partner.esp@replica.test", password: TEST_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookies = cookiesOf(login);
      const { csrf_token } = (await login.json()) as { csrf_token: string };

      // The replica stops replaying: what the primary commits now is not on it.
      await replica.query("select pg_wal_replay_pause()");
      await eventually(async () =>
        (await ready(second.url)).replica?.replay_paused ? true : undefined,
      );
      const recorded = await fetch(`${first.url}/api/flows`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: cookieHeader(cookies),
          "x-csrf-token": csrf_token,
        },
        body: JSON.stringify({
          flow_type: "pledge",
          support_kind: "financial",
          partner_id: partnerId,
          conference_id: conferenceId,
          value: { amount: "30000000.00", currency: "USD" },
          value_date: "2011-06-22",
        }),
      });
      expect(recorded.status).toBe(201);
      const lsn = cookiesOf(recorded).get("esca_lsn");
      expect(lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      for (const [name, value] of cookiesOf(recorded)) cookies.set(name, value);

      // Signed in, on the other instance: the primary, with the pledge.
      expect(await board(second.url, cookieHeader(cookies))).toEqual({
        from: "primary",
        announced: "30000000.00",
      });
      // Signed out but carrying the write's position: the replica is behind it, so the primary.
      expect(await board(second.url, `esca_lsn=${lsn}`)).toEqual({
        from: "primary",
        announced: "30000000.00",
      });
      // Anyone else reads the replica, which has not replayed the pledge yet.
      expect(await board(second.url)).toEqual({ from: "replica", announced: "0.00" });

      await replica.query("select pg_wal_replay_resume()");
      // Replayed: everyone reads the pledge from the replica, its writer too.
      await eventually(async () => {
        const read = await board(second.url);
        return read.announced === "30000000.00" ? read : undefined;
      });
      const writer = await eventually(async () => {
        const read = await board(first.url, `esca_lsn=${lsn}`);
        return read.from === "replica" ? read : undefined;
      });
      expect(writer.announced).toBe("30000000.00");
    });

    it("answers every public read from the replica, which refuses any write", async () => {
      const document = (await (await fetch(`${first.url}/api/openapi.json`)).json()) as {
        paths: Record<string, Record<string, { security?: Array<Record<string, unknown>> }>>;
      };
      const publicReads = Object.entries(document.paths)
        .filter(([path, operations]) => {
          const security = operations.get?.security;
          const open = !security || security.some((r) => Object.keys(r).length === 0);
          return open && !path.includes("{") && !path.endsWith("/events");
        })
        .map(([path]) => path);
      expect(publicReads).toContain("/api/funding/summary");
      let answered = 0;
      for (const path of publicReads) {
        const response = await fetch(`${second.url}${path}`);
        await response.arrayBuffer();
        // A write on the replica would fail with 500 (read-only transaction).
        expect({ path, failed: response.status >= 500 }).toEqual({ path, failed: false });
        // Refused before its handler (a required query parameter missing), a read reads nothing.
        if (response.status !== 200) continue;
        answered++;
        expect({ path, from: response.headers.get("x-esca-read-from") }).toEqual({
          path,
          from: "replica",
        });
      }
      expect(answered).toBeGreaterThan(20);
    });

    it("keeps answering reads at the balancer when an instance is killed mid-load", async () => {
      const paths = [BOARD, "/api/funding/summary", "/api/initiatives", "/api/conferences"];
      let answered = 0;
      let answeredAfterKill = 0;
      const statuses = new Map<number, number>();
      const worker = async (n: number) => {
        for (let i = 0; answeredAfterKill < 60; i++) {
          const response = await fetch(`${balancer.url}${paths[(n + i) % paths.length]}`);
          await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          answered++;
          if (secondKilled) answeredAfterKill++;
          if (answered === 40 && !secondKilled) {
            secondKilled = true;
            second.child.kill("SIGKILL");
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, (_, n) => worker(n)));
      expect(secondKilled).toBe(true);
      expect(Object.fromEntries(statuses)).toEqual({ 200: answered });
      expect(balancer.failures).toBe(0);
      // The survivor reads from the replica still.
      expect((await board(balancer.url)).from).toBe("replica");
    });
  },
);
