import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { staff } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import {
  auditHistoryParams,
  auditHistoryQuerySchema,
  auditHistorySchema,
  auditListSchema,
  auditVerdictSchema,
  listAuditQuerySchema,
} from "./audit.schema.ts";
import { findAudit } from "./find-audit.ts";
import { findAuditHistory } from "./find-audit-history.ts";
import { runChainVerification } from "./run-chain-verification.ts";

const tags = ["audit"];

/** Reading the trail shows who did what across organizations: the secretariat's view. */
export const auditRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/audit",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "List audit entries, newest first",
        description:
          "Every change to every record, and every login, logout, failed login and refused action, with who, when (UTC), from where and in which request. Each entry carries hash = sha256(prev_hash || canonical JSON of the entry). Filters: table, record, actor, the acting user's organization and account, actions, time.",
        querystring: listAuditQuerySchema,
        response: { 200: auditListSchema, ...errorResponses },
      },
    },
    async (request) => findAudit({ db: ctx.db, query: request.query }),
  );
  app.post(
    "/audit/verification",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Verify the audit chain end to end",
        description:
          "Recomputes every row's hash in order, as `esca audit verify` does, and answers the rows found intact with the head (the last intact row's seq and hash) or the first row that does not match and why. The check itself is then recorded in the trail (action chain_verified).",
        response: { 200: auditVerdictSchema, ...errorResponses },
      },
    },
    async () => runChainVerification({ db: ctx.db }),
  );
  app.get(
    "/audit/:entity_type/:entity_id",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "The history of one record, oldest first",
        description:
          "entity_type is the table (initiatives, support_flows, …); entity_id the record's id, or its key values joined by ':' for exchange rates (EUR:2011-06-22). The secretariat and administrators read any record's history, with the person behind each change. Anyone else reads a published initiative's history (its id or code) from its publication on: who is an organization and a role, never a person; another kind of record is refused (403), an initiative they may not see is not found.",
        params: auditHistoryParams,
        querystring: auditHistoryQuerySchema,
        response: { 200: auditHistorySchema, ...errorResponses },
      },
    },
    async (request) =>
      findAuditHistory({
        db: ctx.db,
        entityType: request.params.entity_type,
        entityId: request.params.entity_id,
        query: request.query,
        viewer: request.principal,
      }),
  );
};
