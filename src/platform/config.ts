import { isIP } from "node:net";
import { resolve } from "node:path";
import { z } from "zod";
import { AppError } from "./errors.ts";
import { parseCron } from "./jobs/cron.ts";

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  /** A streaming replica of DATABASE_URL's server that anonymous reads are served from. */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  /** A replica further behind than this serves nothing: anonymous reads go to the primary. */
  ESCA_REPLICA_MAX_LAG_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  ESCA_DATA_DIR: z.string().min(1).default("./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Load demo data into an empty embedded database at start ("false" to start empty). */
  ESCA_DEMO: z.enum(["true", "false"]).default("true"),
  /** Secure, __Host- session cookies: "auto" on requests that came over HTTPS, or always/never. */
  ESCA_SECURE_COOKIES: z.enum(["auto", "true", "false"]).default("auto"),
  /** The reverse proxies whose X-Forwarded-For/-Proto headers are believed (Fastify trustProxy). */
  ESCA_TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value ?? "");
      if (typeof parsed === "object" && "problem" in parsed) {
        ctx.addIssue({ code: "custom", message: parsed.problem });
        return z.NEVER;
      }
      return parsed;
    }),
  ESCA_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  ESCA_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  /** When the reminder check runs: five-field cron, UTC (default every day at 06:00). */
  ESCA_REMINDER_SCHEDULE: z
    .string()
    .default("0 6 * * *")
    .superRefine((value, ctx) => {
      const parsed = parseCron(value);
      if ("problem" in parsed) ctx.addIssue({ code: "custom", message: parsed.problem });
    }),
  /** A pledge with no commitment is a reminder this many months after its value date. */
  ESCA_REMIND_PLEDGE_MONTHS: z.coerce.number().int().min(1).max(120).default(6),
  /** A commitment with no disbursement is a reminder this many months after its value date. */
  ESCA_REMIND_COMMITMENT_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  /** On PostgreSQL, how often each instance looks for due schedules (pg-boss, 1–45 s). */
  ESCA_CRON_MONITOR_SECONDS: z.coerce.number().int().min(1).max(45).default(30),
  /** "false" starts no scheduler (e.g. a read-only instance); runs can still be asked for. */
  ESCA_SCHEDULER: z.enum(["true", "false"]).default("true"),
  /**
   * Embedded database only: when the scheduled backup runs (five-field cron, UTC; "off" for
   * none). PostgreSQL is backed up by its own tools (see docs/DEPLOY.md and the README).
   */
  ESCA_BACKUP_SCHEDULE: z
    .string()
    .default("30 2 * * *")
    .superRefine((value, ctx) => {
      if (value === "off") return;
      const parsed = parseCron(value);
      if ("problem" in parsed) ctx.addIssue({ code: "custom", message: parsed.problem });
    }),
  /** Where scheduled backups go (default: <ESCA_DATA_DIR>/backups). */
  ESCA_BACKUP_DIR: z.string().min(1).optional(),
  /** Scheduled backups older than this many days are removed (the newest is always kept). */
  ESCA_BACKUP_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  /** The SMTP server digests go through (smtp:// or smtps://); unset, no e-mail is sent. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  ESCA_MAIL_FROM: z.string().min(3).default("ESCA Hub <no-reply@esca-hub.invalid>"),
  /** The web address links in e-mail point at (default: http://HOST:PORT). */
  ESCA_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+/, "must be an http:// or https:// address")
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** On PostgreSQL: the streaming replica anonymous reads may use, and its allowed lag. */
  readReplica: { url: string; maxLagSeconds: number } | undefined;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  demoOnEmptyEmbedded: boolean;
  security: { session: { idleMinutes: number; maxHours: number }; secureCookies: SecureCookies };
  /** Passed to Fastify: which proxies' forwarded client address and protocol are believed. */
  trustProxy: TrustProxy;
  reminders: ReminderSettings;
  mail: { smtpUrl: string | undefined; from: string; publicUrl: string | undefined };
  /** Scheduled backups of the embedded database; schedule null when "off". */
  backups: { schedule: string | null; dir: string; keepDays: number };
}

/** The reminder check's thresholds and schedule (issue 12, item 3). */
export interface ReminderThresholds {
  pledgeMonths: number;
  commitmentMonths: number;
}
export interface ReminderSettings extends ReminderThresholds {
  /** Five-field cron, UTC. */
  schedule: string;
  /** Whether this instance runs the scheduler. */
  scheduler: boolean;
  /** On PostgreSQL, seconds between each instance's looks for due schedules. */
  cronMonitorSeconds: number;
}
export const defaultReminderThresholds: ReminderThresholds = {
  pledgeMonths: 6,
  commitmentMonths: 12,
};

/** true or false: always or never; "auto": when the request came over HTTPS. */
export type SecureCookies = boolean | "auto";

/** No proxy, every proxy, or the proxies' addresses and ranges. */
export type TrustProxy = boolean | string[];

/** proxy-addr's names for address ranges, usable in ESCA_TRUST_PROXY beside addresses. */
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * ESCA_TRUST_PROXY: "" or "false" (the default: no proxy), "true" (every peer, only where
 * nothing but the proxy can reach the server), or the proxies' addresses and ranges,
 * comma-separated ("10.0.0.5, 192.168.0.0/16, loopback").
 */
export function parseTrustProxy(value: string): TrustProxy | { problem: string } {
  const text = value.trim();
  if (text === "" || text === "false") return false;
  if (text === "true") return true;
  // Fastify believes no forwarded header with a bare hop count: it cannot check the peer.
  if (/^\d+$/.test(text))
    return {
      problem: `a hop count (${text}) cannot say which peer is the proxy: give the proxy's addresses, e.g. 10.0.0.5 or 10.0.0.0/8`,
    };
  const entries = text.split(",").map((entry) => entry.trim());
  for (const [index, entry] of entries.entries()) {
    if (NAMED_RANGES.has(entry)) continue;
    const [address = "", prefix, extra] = entry.split("/");
    const family = isIP(address);
    const maxPrefix = family === 4 ? 32 : 128;
    const prefixOk =
      prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (family === 0 || !prefixOk || extra !== undefined)
      return {
        problem: `entry ${index + 1} ("${entry.slice(0, 60)}") is not an IP address, a range such as 10.0.0.0/8, or one of loopback, linklocal, uniquelocal (or use true or false)`,
      };
  }
  return entries;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    throw new AppError("validation_failed", `Environment variable ${name}: ${issue?.message}`, {
      details: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  }
  const e = parsed.data;
  const readProblem = readReplicaProblem(e.DATABASE_URL, e.DATABASE_READ_URL);
  if (readProblem)
    throw new AppError(
      "validation_failed",
      `Environment variable DATABASE_READ_URL: ${readProblem}`,
      {
        details: [{ path: "DATABASE_READ_URL", message: readProblem }],
      },
    );
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    readReplica: e.DATABASE_READ_URL
      ? { url: e.DATABASE_READ_URL, maxLagSeconds: e.ESCA_REPLICA_MAX_LAG_SECONDS }
      : undefined,
    dataDir: resolve(e.ESCA_DATA_DIR),
    logLevel: e.LOG_LEVEL,
    demoOnEmptyEmbedded: e.ESCA_DEMO === "true",
    security: {
      session: { idleMinutes: e.ESCA_SESSION_IDLE_MINUTES, maxHours: e.ESCA_SESSION_MAX_HOURS },
      secureCookies: e.ESCA_SECURE_COOKIES === "auto" ? "auto" : e.ESCA_SECURE_COOKIES === "true",
    },
    trustProxy: e.ESCA_TRUST_PROXY,
    reminders: {
      schedule: e.ESCA_REMINDER_SCHEDULE,
      scheduler: e.ESCA_SCHEDULER === "true",
      cronMonitorSeconds: e.ESCA_CRON_MONITOR_SECONDS,
      pledgeMonths: e.ESCA_REMIND_PLEDGE_MONTHS,
      commitmentMonths: e.ESCA_REMIND_COMMITMENT_MONTHS,
    },
    backups: {
      schedule: e.ESCA_BACKUP_SCHEDULE === "off" ? null : e.ESCA_BACKUP_SCHEDULE,
      dir: resolve(e.ESCA_BACKUP_DIR ?? `${e.ESCA_DATA_DIR}/backups`),
      keepDays: e.ESCA_BACKUP_KEEP_DAYS,
    },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.ESCA_MAIL_FROM,
      publicUrl: e.ESCA_PUBLIC_URL?.replace(/\/+$/, ""),
    },
  };
}

/** DATABASE_READ_URL names a standby of DATABASE_URL's server: never alone, never the same. */
function readReplicaProblem(primary: string | undefined, replica: string | undefined) {
  if (!replica) return null;
  if (!primary)
    return "needs DATABASE_URL: a read replica is a standby of a PostgreSQL server, and the embedded database has none";
  if (replica === primary)
    return "is DATABASE_URL itself: give the replica's address, or leave it unset";
  return null;
}
