import { isIP } from "node:net";
import { resolve } from "node:path";
import { z } from "zod";
import { AppError } from "./errors.ts";

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
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
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  demoOnEmptyEmbedded: boolean;
  security: { session: { idleMinutes: number; maxHours: number }; secureCookies: SecureCookies };
  /** Passed to Fastify: which proxies' forwarded client address and protocol are believed. */
  trustProxy: TrustProxy;
}

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
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.ESCA_DATA_DIR),
    logLevel: e.LOG_LEVEL,
    demoOnEmptyEmbedded: e.ESCA_DEMO === "true",
    security: {
      session: { idleMinutes: e.ESCA_SESSION_IDLE_MINUTES, maxHours: e.ESCA_SESSION_MAX_HOURS },
      secureCookies: e.ESCA_SECURE_COOKIES === "auto" ? "auto" : e.ESCA_SECURE_COOKIES === "true",
    },
    trustProxy: e.ESCA_TRUST_PROXY,
  };
}
