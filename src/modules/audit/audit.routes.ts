import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import {
  auditHistoryParams,
  auditHistoryQuerySchema,
  auditListSchema,
  listAuditQuerySchema,
} from "./audit.schema.ts";
import { findAudit, findAuditHistory } from "./find-audit.ts";

const tags = ["audit"];

/** Reading the trail shows who did what across organizations: the secretariat's view. */
export const auditRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/audit",
    {
      config: { access: { roles: ["secretariat", "admin"] } },
      schema: {
        tags,
        summary: "List audit entries, newest first",
        description:
          "Every change to every record, and every login, logout, failed login and refused action, with who, when (UTC), from where and in which request. Each entry carries hash = sha256(prev_hash || canonical JSON of the entry).",
        querystring: listAuditQuerySchema,
        response: { 200: auditListSchema, ...errorResponses },
      },
    },
    async (request) => findAudit({ db: ctx.db, query: request.query }),
  );
  app.get(
    "/audit/:entity_type/:entity_id",
    {
      config: { access: { roles: ["secretariat", "admin"] } },
      schema: {
        tags,
        summary: "The history of one record, oldest first",
        description:
          "entity_type is the table (initiatives, support_flows, …); entity_id the record's id, or its key values joined by ':' for exchange rates (EUR:2011-06-22).",
        params: auditHistoryParams,
        querystring: auditHistoryQuerySchema,
        response: { 200: auditListSchema, ...errorResponses },
      },
    },
    async (request) =>
      findAuditHistory({
        db: ctx.db,
        entityType: request.params.entity_type,
        entityId: request.params.entity_id,
        query: request.query,
      }),
  );
};
