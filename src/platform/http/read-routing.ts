import type { FastifyInstance } from "fastify";
import type { SecureCookies } from "../config.ts";
import { parseLsn, type ReadReplica, readTarget } from "../db/read-replica.ts";
import { currentContext } from "../request-context.ts";
import { isSafeMethod } from "./access.ts";
import { cookiesSecure } from "./transport.ts";

/** The primary's WAL position after the caller's last write: reads must not be older. */
export const LSN_COOKIE = "esca_lsn";
/** Says which server answered a request's reads: "replica" or "primary". */
export const READ_FROM_HEADER = "x-esca-read-from";

/**
 * Which server a request reads from, when a read replica is configured (db/read-replica.ts):
 * after authentication and the route's access rule, a GET or HEAD by an anonymous caller goes
 * to the replica if it is usable for what that caller has seen — its `esca_lsn` cookie, left
 * by its last write; anything else stays on the primary. A write that succeeds leaves the
 * primary's WAL position in that cookie, for as long as the replica may lag (plus a minute),
 * so the writer's next reads, signed in or not, see their write on any instance.
 */
export function installReadRouting(
  app: FastifyInstance,
  replica: ReadReplica | undefined,
  options: { secureCookies: SecureCookies; maxLagSeconds: number },
): void {
  if (!replica) return;
  app.addHook("preHandler", async (request) => {
    const context = currentContext();
    if (!context || !isSafeMethod(request.method) || request.principal.kind !== "anonymous") return;
    if (replica.usableFor(parseLsn(request.cookies[LSN_COOKIE]))) context.readFrom = "replica";
  });
  // A refusal is written to the audit trail (audit's recordRefusals): on the primary.
  app.addHook("onError", async () => {
    const context = currentContext();
    if (context) context.readFrom = "primary";
  });
  app.addHook("onSend", async (request, reply, payload) => {
    reply.header(READ_FROM_HEADER, readTarget());
    if (isSafeMethod(request.method) || reply.statusCode >= 400) return payload;
    try {
      reply.setCookie(LSN_COOKIE, await replica.primaryLsn(), {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: cookiesSecure(options.secureCookies, request),
        maxAge: options.maxLagSeconds + 60,
      });
    } catch (error) {
      // Without it this caller's next anonymous reads may lag; its write stands.
      request.log.warn({ err: error }, "could not read the primary's WAL position");
    }
    return payload;
  });
}
