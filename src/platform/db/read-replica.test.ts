import type pg from "pg";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { currentContext, runWithContext, systemContext } from "../request-context.ts";
import { onPrimary, parseLsn, ReplicaMonitor } from "./read-replica.ts";

/** What the two servers answer the monitor's probes, changed by each test. */
interface Servers {
  primaryLsn: string;
  replayLsn: string | null;
  recovering: boolean;
  paused: boolean;
  replicaSystemId: string;
  replicaDown: boolean;
}

function fakePools(servers: Servers) {
  const primary = {
    query: async (text: string) => ({
      rows: [{ lsn: servers.primaryLsn, system_id: "7716062152316127374" }].map((row) =>
        text.includes("system_identifier") ? row : { lsn: row.lsn },
      ),
    }),
  } as unknown as pg.Pool;
  const replica = {
    query: async () => {
      if (servers.replicaDown)
        throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
      return {
        rows: [
          {
            recovering: servers.recovering,
            replay_lsn: servers.replayLsn,
            paused: servers.paused,
            system_id: servers.replicaSystemId,
          },
        ],
      };
    },
  } as unknown as pg.Pool;
  return { primary, replica };
}

describe("the read replica's monitor", () => {
  let servers: Servers;
  let monitor: ReplicaMonitor;
  let changes: string[];

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-08T10:00:00Z"));
    servers = {
      primaryLsn: "0/3000100",
      replayLsn: "0/3000100",
      recovering: true,
      paused: false,
      replicaSystemId: "7716062152316127374",
      replicaDown: false,
    };
    changes = [];
    monitor = new ReplicaMonitor({
      ...fakePools(servers),
      maxLagSeconds: 5,
      onChange: (state) => changes.push(state.state),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

  it("orders WAL positions as PostgreSQL prints them", () => {
    expect(parseLsn("0/3000148")).toBe(0x3000148n);
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) | 0xb374d848n);
    expect((parseLsn("1/0") ?? 0n) > (parseLsn("0/FFFFFFFF") ?? 0n)).toBe(true);
    expect(parseLsn("not/an-lsn")).toBeNull();
    expect(parseLsn(undefined)).toBeNull();
  });

  it("uses a replica that has replayed what the caller saw, and not before", async () => {
    expect(monitor.usableFor(null)).toBe(false);
    const state = await monitor.probe();
    expect(state).toMatchObject({ state: "streaming", lagSeconds: 0, replayLsn: "0/3000100" });
    expect(monitor.usableFor(null)).toBe(true);
    expect(monitor.usableFor(parseLsn("0/3000100"))).toBe(true);
    expect(monitor.usableFor(parseLsn("0/3000101"))).toBe(false);
    expect(changes).toEqual(["streaming"]);
  });

  it("measures the lag from the last probe whose position the replica replayed", async () => {
    await monitor.probe();
    // The primary writes; replay is paused at 0/3000100.
    servers.paused = true;
    advance(1);
    servers.primaryLsn = "0/3000200";
    expect(await monitor.probe()).toMatchObject({
      state: "streaming",
      lagSeconds: 1,
      replayPaused: true,
    });
    advance(3);
    expect((await monitor.probe()).lagSeconds).toBe(4);
    advance(2);
    expect(await monitor.probe()).toMatchObject({ state: "lagging", lagSeconds: 6 });
    expect(monitor.usableFor(null)).toBe(false);
    // Replay resumes and catches up: current again.
    servers.paused = false;
    servers.replayLsn = "0/3000200";
    advance(1);
    expect(await monitor.probe()).toMatchObject({ state: "streaming", lagSeconds: 0 });
    expect(changes).toEqual(["streaming", "lagging", "streaming"]);
  });

  it("calls a replica behind every position it keeps more than allowed", async () => {
    servers.replayLsn = "0/2000000";
    for (let i = 0; i < 12; i++) {
      await monitor.probe();
      advance(1);
    }
    const state = await monitor.probe();
    expect(state.state).toBe("lagging");
    expect(state.lagSeconds).toBeGreaterThan(5);
  });

  it("stops using a replica that does not answer, until it answers again", async () => {
    await monitor.probe();
    servers.replicaDown = true;
    expect(await monitor.probe()).toMatchObject({
      state: "unreachable",
      problem: "ECONNREFUSED: connect ECONNREFUSED",
    });
    expect(monitor.usableFor(null)).toBe(false);
    servers.replicaDown = false;
    expect((await monitor.probe()).state).toBe("streaming");
  });

  it("refuses a server that is not a standby of the primary's cluster", async () => {
    servers.replicaSystemId = "1234";
    expect(await monitor.probe()).toMatchObject({ state: "not_a_replica" });
    expect(monitor.state().problem).toMatch(/another PostgreSQL cluster/);
    servers.replicaSystemId = "7716062152316127374";
    servers.recovering = false;
    expect((await monitor.probe()).problem).toMatch(/not in recovery/);
    expect(monitor.usableFor(null)).toBe(false);
  });

  it("runs work on the primary inside a read routed to the replica", () => {
    runWithContext({ ...systemContext("test"), readFrom: "replica" }, () => {
      expect(onPrimary(() => currentContext()?.readFrom)).toBe("primary");
      expect(currentContext()?.readFrom).toBe("replica");
    });
  });
});
