import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import { loadMigrations } from "../db/migrate.ts";
import { AppError } from "../errors.ts";
import type { RouteOptions } from "./context.ts";

const healthSchema = z.object({ status: z.literal("ok") });
const readySchema = z.object({
  status: z.literal("ready"),
  database: z.string(),
  schema: z.string(),
});

/** Liveness (the process answers) and readiness (the database answers and is migrated). */
export const healthRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/health",
    { schema: { tags: ["health"], response: { 200: healthSchema } } },
    async () => ({ status: "ok" as const }),
  );

  app.get("/ready", { schema: { tags: ["health"], response: { 200: readySchema } } }, async () => {
    const latest = loadMigrations().at(-1)?.version ?? "";
    try {
      const row = await sql<{
        version: string | null;
      }>`select max(version) as version from schema_migrations`.execute(ctx.db);
      const current = row.rows[0]?.version ?? "";
      if (current !== latest)
        throw new AppError(
          "not_ready",
          `Database schema ${current || "empty"} is not the latest (${latest}).`,
        );
      return { status: "ready" as const, database: ctx.backend, schema: current };
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("not_ready", "The database is not reachable.", { cause: error });
    }
  });
};
