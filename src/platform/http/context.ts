import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Backend } from "../db/connect.ts";
import type { Database } from "../db/schema.ts";
import type { SecuritySettings } from "./auth.ts";

/** What every route plugin and use case is handed: the database, and nothing global. */
export interface AppContext {
  db: Kysely<Database>;
  backend: Backend;
  /** Session lifetimes and cookie security; defaults suit local use over plain HTTP. */
  security?: SecuritySettings;
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
