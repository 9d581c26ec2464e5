import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { isSafeMethod } from "../../platform/http/access.ts";
import { recordAuditEvent } from "./record-audit-event.ts";

/**
 * Refusals are security events (ASVS 16.3.2): each one joins the audit trail — every 403, and
 * a 401 on a write. By the time this hook runs, the refused use case's transaction has been
 * rolled back.
 */
export function recordRefusals(app: FastifyInstance, db: Kysely<Database>): void {
  app.addHook("onError", async (request, _reply, error) => {
    const code = (error as { code?: string }).code;
    if (code !== "forbidden" && !(code === "unauthorized" && !isSafeMethod(request.method))) return;
    await recordAuditEvent({
      db,
      action: "access_denied",
      entityType: "route",
      entityId: `${request.method} ${request.routeOptions.url ?? request.url.split("?")[0]}`,
      details: { reason: error.message.slice(0, 300) },
    }).catch((failure: unknown) =>
      request.log.error({ err: failure }, "could not record a refusal in the audit trail"),
    );
    request.log.warn({ code, route: request.routeOptions.url }, "access denied");
  });
}
