import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import { errorResponseSchema } from "../../contracts/common.ts";
import { loadMigrations } from "../db/migrate.ts";
import { onPrimary, type ReadReplica } from "../db/read-replica.ts";
import { AppError } from "../errors.ts";
import type { RouteOptions } from "./context.ts";

const healthSchema = z.object({ status: z.literal("ok") });
const readySchema = z.object({
  status: z.literal("ready"),
  database: z.string(),
  schema: z.string(),
  /** Present when anonymous reads may be served from a streaming replica (DATABASE_READ_URL). */
  replica: z
    .object({
      state: z.enum(["starting", "streaming", "lagging", "unreachable", "not_a_replica"]),
      lag_seconds: z.number().nullable(),
      max_lag_seconds: z.number().int(),
      replay_lsn: z.string().nullable(),
      replay_paused: z.boolean(),
      checked_at: z.string().nullable(),
    })
    .optional(),
});

/** The replica's state as the last probe found it; its problem goes to the log, not here. */
function replicaReport(replica: ReadReplica, maxLagSeconds: number) {
  const state = replica.state();
  return {
    state: state.state,
    lag_seconds: state.lagSeconds,
    max_lag_seconds: maxLagSeconds,
    replay_lsn: state.replayLsn,
    replay_paused: state.replayPaused,
    checked_at: state.checkedAt,
  };
}

/**
 * Liveness (the process answers) and readiness (the database answers and is migrated; with a
 * read replica, also its state: a replica that is down or behind leaves the server ready, its
 * anonymous reads served by the primary).
 */
export const healthRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/health",
    {
      schema: {
        tags: ["health"],
        summary: "Whether the server answers (liveness)",
        response: { 200: healthSchema },
      },
    },
    async () => ({ status: "ok" as const }),
  );

  const readyDoc = {
    tags: ["health"],
    summary: "Whether the database answers and is migrated to the latest schema (readiness)",
    response: { 200: readySchema, 503: errorResponseSchema },
  };
  app.get("/ready", { schema: readyDoc }, async () => {
    const latest = loadMigrations().at(-1)?.version ?? "";
    try {
      // The primary's schema: the replica's state is reported beside it.
      const row = await onPrimary(() =>
        sql<{
          version: string | null;
        }>`select max(version) as version from schema_migrations`.execute(ctx.db),
      );
      const current = row.rows[0]?.version ?? "";
      if (current !== latest)
        throw new AppError(
          "not_ready",
          `Database schema ${current || "empty"} is not the latest (${latest}).`,
        );
      return {
        status: "ready" as const,
        database: ctx.backend,
        schema: current,
        ...(ctx.replica
          ? { replica: replicaReport(ctx.replica, ctx.replicaMaxLagSeconds ?? 0) }
          : {}),
      };
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("not_ready", "The database is not reachable.", { cause: error });
    }
  });
};
