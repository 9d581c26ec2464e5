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
  /** Served over HTTPS (directly or behind a proxy): Secure, __Host- cookies and HSTS. */
  ESCA_SECURE_COOKIES: z.enum(["true", "false"]).default("false"),
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
  security: { session: { idleMinutes: number; maxHours: number }; secureCookies: boolean };
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
      secureCookies: e.ESCA_SECURE_COOKIES === "true",
    },
  };
}
