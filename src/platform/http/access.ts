import type { Role } from "../../contracts/roles.ts";

/**
 * What a route asks of the caller before its handler runs. Every route that changes data
 * declares one (`config: { access }`); a mutating route without it is refused (fail closed)
 * and fails the authorization matrix test. Record-level rules — "only your own country's
 * initiatives", "only your own organization's flows" — are decided after the record is
 * loaded, by the module's policy functions.
 *
 *   app.post("/flows", { config: { access: { roles: ["partner", "secretariat", "admin"] } }, … })
 *   app.get("/initiatives", { config: { access: "public" }, … })
 */
export type AccessRule = "public" | { roles: readonly Role[]; scope?: TokenScopeName };

/** The scope an API token needs for a route; without one, the route takes sessions only. */
export type TokenScopeName = "read" | "flows:write" | "iati:import";

declare module "fastify" {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}
