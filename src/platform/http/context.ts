import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { ReminderThresholds } from "../config.ts";
import type { Backend } from "../db/connect.ts";
import type { ReadReplica } from "../db/read-replica.ts";
import type { Database } from "../db/schema.ts";
import type { EventBus } from "../events/index.ts";
import type { Mailer } from "../mail.ts";
import type { SecuritySettings } from "./auth.ts";

/** What every route plugin and use case is handed: the database, and nothing global. */
export interface AppContext {
  db: Kysely<Database>;
  backend: Backend;
  /** On PostgreSQL with DATABASE_READ_URL: the replica anonymous reads may be served from. */
  replica?: ReadReplica;
  /** How far behind (seconds) the replica may be and still serve (ESCA_REPLICA_MAX_LAG_SECONDS). */
  replicaMaxLagSeconds?: number;
  /** Session lifetimes and cookie security; defaults suit local use over plain HTTP. */
  security?: SecuritySettings;
  /** Events published by any instance on the database (platform/events); live routes need it. */
  events?: EventBus;
  /** The reminder check's thresholds; defaults (6 and 12 months) when absent. */
  reminders?: ReminderThresholds;
  /** E-mail: the SMTP mailer (null without SMTP_URL) and the address links point at. */
  mail?: { mailer: Mailer | null; publicUrl: string };
}

export interface RouteOptions {
  ctx: AppContext;
}

/**
 * Who is acting. Until accounts exist, writes are open and the actor is the name a client
 * gives in `X-Actor` (recorded as given, for the transition history), or "api".
 */
export function actorOf(request: FastifyRequest): string {
  const header = request.headers["x-actor"];
  const value = Array.isArray(header) ? header[0] : header;
  const clean = value
    ?.replace(/\p{Cc}/gu, "")
    .trim()
    .slice(0, 200);
  return clean ? clean : "api";
}
