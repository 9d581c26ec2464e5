import type { FastifyInstance } from "fastify";
import { routeCases } from "./cases.ts";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The mutating API routes of an app, from its own route table, as "METHOD /api/path". */
export function mutatingRoutes(app: FastifyInstance): string[] {
  return app.routeTable
    .filter((r) => MUTATING.has(r.method) && r.url.startsWith("/api/"))
    .map((r) => `${r.method} ${r.url}`);
}

/** Routes the matrix has no case for: each must be added to cases.ts with its expected answers. */
export const routesWithoutCase = (app: FastifyInstance) =>
  mutatingRoutes(app).filter((route) => !routeCases[route]);
