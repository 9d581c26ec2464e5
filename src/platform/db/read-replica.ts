import type { PostgresPool, PostgresPoolClient } from "kysely";
import type pg from "pg";
import { currentContext, runWithContext } from "../request-context.ts";

/**
 * A PostgreSQL streaming replica (DATABASE_READ_URL) that anonymous reads may be served from.
 *
 * The rule: a request is read from the replica only when it is a GET or HEAD by an anonymous
 * caller (http/read-routing.ts decides, after authentication) and the replica is usable —
 * answering, in recovery (a standby of the primary's cluster), no further behind than
 * ESCA_REPLICA_MAX_LAG_SECONDS, and past the WAL position the caller's last write left in its
 * `esca_lsn` cookie. Everything else — writes, every request of a signed-in user, the
 * authentication of any request, work outside requests — runs on the primary.
 *
 * How far behind: every probe (once a second) reads the primary's WAL position first, then
 * the replica's replayed one. The replica holds everything the primary held at the latest
 * probe whose primary position it has replayed, so its staleness is at most the time since
 * that probe; 0 when it has replayed the position the primary had just before.
 */
export interface ReplicaState {
  /** streaming: usable; lagging: behind more than allowed; the rest: not used. */
  state: "starting" | "streaming" | "lagging" | "unreachable" | "not_a_replica";
  /** Seconds the replica's data may be behind the primary's (null when unknown). */
  lagSeconds: number | null;
  /** The WAL position the replica has replayed ("0/3000148"), null when unknown. */
  replayLsn: string | null;
  /** Whether replay is paused on the replica (pg_wal_replay_pause()). */
  replayPaused: boolean;
  /** What the last probe said went wrong, if anything (no addresses or passwords). */
  problem: string | null;
  /** When the last probe ended (ISO 8601). */
  checkedAt: string | null;
}

export interface ReadReplica {
  /** The replica's state as of the last probe. */
  state(): ReplicaState;
  /** Whether a read that must see at least `seenLsn` (the caller's last write) may use it. */
  usableFor(seenLsn: bigint | null): boolean;
  /** The primary's current WAL position ("0/3000148"): what a write just committed is behind. */
  primaryLsn(): Promise<string>;
  /** Probes now (the monitor also does every `probeMs`). */
  probe(): Promise<ReplicaState>;
}

/** A WAL position as PostgreSQL prints it ("16/B374D848") → a number that orders them. */
export function parseLsn(text: string | null | undefined): bigint | null {
  const match = text?.match(/^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/);
  if (!match) return null;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

interface Sample {
  at: number;
  lsn: bigint;
}

export interface ReplicaMonitorOptions {
  primary: pg.Pool;
  replica: pg.Pool;
  maxLagSeconds: number;
  probeMs?: number;
  /** Told when the state changes (e.g. the server's log). */
  onChange?: (state: ReplicaState) => void;
}

const PRIMARY_PROBE = `select pg_current_wal_lsn()::text as lsn,
  (select system_identifier::text from pg_control_system()) as system_id`;
const REPLICA_PROBE = `select pg_is_in_recovery() as recovering,
  pg_last_wal_replay_lsn()::text as replay_lsn,
  case when pg_is_in_recovery() then pg_is_wal_replay_paused() else false end as paused,
  (select system_identifier::text from pg_control_system()) as system_id`;

/** Watches a replica against its primary; `stop()` ends the timer (not the pools). */
export class ReplicaMonitor implements ReadReplica {
  #current: ReplicaState = {
    state: "starting",
    lagSeconds: null,
    replayLsn: null,
    replayPaused: false,
    problem: null,
    checkedAt: null,
  };
  #replayLsn: bigint | null = null;
  /** The primary's positions at recent probes, oldest first (enough to measure max lag). */
  #samples: Sample[] = [];
  #timer: NodeJS.Timeout | undefined;
  #probing: Promise<ReplicaState> | undefined;
  readonly #options: ReplicaMonitorOptions;

  constructor(options: ReplicaMonitorOptions) {
    this.#options = options;
  }

  start(): void {
    this.#timer ??= setInterval(() => {
      this.probe().catch(() => undefined);
    }, this.#options.probeMs ?? 1000);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  state(): ReplicaState {
    return { ...this.#current };
  }

  usableFor(seenLsn: bigint | null): boolean {
    if (this.#current.state !== "streaming" || this.#replayLsn === null) return false;
    return seenLsn === null || seenLsn <= this.#replayLsn;
  }

  async primaryLsn(): Promise<string> {
    const result = await this.#options.primary.query<{ lsn: string }>(
      "select pg_current_wal_lsn()::text as lsn",
    );
    return result.rows[0]?.lsn ?? "0/0";
  }

  probe(): Promise<ReplicaState> {
    this.#probing ??= this.#probeOnce().finally(() => {
      this.#probing = undefined;
    });
    return this.#probing;
  }

  /** A connection to the replica failed: unusable until a probe finds it again. */
  markUnreachable(problem: string): void {
    this.#set({ ...this.#current, state: "unreachable", problem });
  }

  async #probeOnce(): Promise<ReplicaState> {
    const now = Date.now();
    let primary: { lsn: string; system_id: string | null };
    try {
      const result = await this.#options.primary.query<typeof primary>(PRIMARY_PROBE);
      primary = result.rows[0] ?? { lsn: "0/0", system_id: null };
    } catch (error) {
      // The primary not answering is not the replica's state: keep it, say why.
      return this.#set({ ...this.#current, problem: `primary: ${describe(error)}` });
    }
    const primaryLsn = parseLsn(primary.lsn) ?? 0n;
    this.#samples.push({ at: now, lsn: primaryLsn });
    const keepMs = (this.#options.maxLagSeconds + 5) * 1000;
    while (this.#samples.length > 2 && (this.#samples[1]?.at ?? now) < now - keepMs)
      this.#samples.shift();
    let replica: {
      recovering: boolean;
      replay_lsn: string | null;
      paused: boolean;
      system_id: string | null;
    };
    try {
      const result = await this.#options.replica.query<typeof replica>(REPLICA_PROBE);
      replica = result.rows[0] ?? {
        recovering: false,
        replay_lsn: null,
        paused: false,
        system_id: null,
      };
    } catch (error) {
      this.#replayLsn = null;
      return this.#set({
        state: "unreachable",
        lagSeconds: null,
        replayLsn: null,
        replayPaused: false,
        problem: describe(error),
        checkedAt: new Date().toISOString(),
      });
    }
    const sameCluster =
      primary.system_id === null ||
      replica.system_id === null ||
      primary.system_id === replica.system_id;
    if (!replica.recovering || !sameCluster) {
      this.#replayLsn = null;
      return this.#set({
        state: "not_a_replica",
        lagSeconds: null,
        replayLsn: null,
        replayPaused: false,
        problem: !sameCluster
          ? "DATABASE_READ_URL is another PostgreSQL cluster, not a standby of DATABASE_URL's"
          : "DATABASE_READ_URL is not in recovery: not a streaming standby (promoted, or a primary)",
        checkedAt: new Date().toISOString(),
      });
    }
    const replayLsn = parseLsn(replica.replay_lsn);
    this.#replayLsn = replayLsn;
    const lagSeconds = this.#lagSeconds(replayLsn, Date.now());
    const lagging = lagSeconds === null || lagSeconds > this.#options.maxLagSeconds;
    return this.#set({
      state: lagging ? "lagging" : "streaming",
      lagSeconds,
      replayLsn: replica.replay_lsn,
      replayPaused: Boolean(replica.paused),
      problem: null,
      checkedAt: new Date().toISOString(),
    });
  }

  /** Time since the latest probe whose primary position the replica has replayed. */
  #lagSeconds(replayLsn: bigint | null, now: number): number | null {
    if (replayLsn === null) return null;
    for (let i = this.#samples.length - 1; i >= 0; i--) {
      const sample = this.#samples[i] as Sample;
      if (sample.lsn <= replayLsn) {
        // The newest sample was taken just now: replayed, the replica is current.
        if (i === this.#samples.length - 1) return 0;
        // What the primary wrote after `sample` may be missing: behind since then, at most.
        return Math.round((now - sample.at) / 100) / 10;
      }
    }
    const oldest = this.#samples[0];
    // Behind every position kept: at least as old as the oldest, so more than allowed.
    return oldest ? Math.max(this.#options.maxLagSeconds + 1, (now - oldest.at) / 1000) : null;
  }

  #set(state: ReplicaState): ReplicaState {
    const before = this.#current.state;
    this.#current = state;
    if (state.state !== before) this.#options.onChange?.(this.state());
    return this.state();
  }
}

function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  return `${code ? `${code}: ` : ""}${message}`.slice(0, 200);
}

/**
 * The pool the Kysely instance draws from: the replica's when the current request was routed
 * to it (request context `readFrom: "replica"`) and the replica is usable, else the primary's.
 * A replica that refuses a connection is marked unreachable and the primary serves instead.
 */
export function routingPool(
  primary: PostgresPool,
  replica: PostgresPool,
  monitor: ReplicaMonitor,
): PostgresPool {
  return {
    options: primary.options,
    ...(primary.Client ? { Client: primary.Client } : {}),
    async connect(): Promise<PostgresPoolClient> {
      const context = currentContext();
      if (context?.readFrom !== "replica") return primary.connect();
      try {
        return await replica.connect();
      } catch (error) {
        monitor.markUnreachable(describe(error));
        context.readFrom = "primary";
        return primary.connect();
      }
    },
    end: async () => {
      monitor.stop();
      await Promise.all([primary.end(), replica.end()]);
    },
  };
}

/**
 * Runs `work` on the primary even inside an anonymous read routed to the replica: for what
 * must see the latest committed state, or writes.
 */
export function onPrimary<T>(work: () => T): T {
  const context = currentContext();
  if (context?.readFrom !== "replica") return work();
  return runWithContext({ ...context, readFrom: "primary" }, work);
}

/**
 * Which server the current request's queries run on. Anything keyed by the data's state (a
 * cache's version) must be read from the same one as the data it stands for.
 */
export const readTarget = (): "primary" | "replica" =>
  currentContext()?.readFrom === "replica" ? "replica" : "primary";
