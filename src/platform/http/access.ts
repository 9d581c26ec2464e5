import type { FastifyRequest } from "fastify";
import type { Role } from "../../contracts/roles.ts";
import { AppError } from "../errors.ts";
import type { TokenScope } from "../principal.ts";

/**
 * What a route asks of the caller before its handler runs. Every route that changes data
 * declares one (`config: { access }`); a mutating route without it is refused (fail closed)
 * and fails the authorization matrix test. Record-level rules — "only your own country's
 * initiatives", "only your own organization's flows" — are decided after the record is
 * loaded, by the module's policy functions.
 *
 *   app.post("/flows", { config: { access: { roles: ["partner", "secretariat", "admin"] } }, … })
 *   app.get("/initiatives", { config: { access: "public" }, … })
 *
 * `scope` is what an API token needs for the route; without one, the route takes sessions only.
 */
export type AccessRule = "public" | { roles: readonly Role[]; scope?: TokenScope };

declare module "fastify" {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A method that reads: no CSRF token needed, and no access rule required of its route. */
export const isSafeMethod = (method: string): boolean => SAFE_METHODS.has(method);

/** Checks the authenticated request's principal against its route's access rule. */
export function assertAccess(request: FastifyRequest, rule: AccessRule | undefined): void {
  const mutating = !isSafeMethod(request.method);
  if (rule === undefined) {
    // Fail closed: a route that changes data and says nothing about who may call it is refused.
    if (mutating && request.routeOptions.url) {
      request.log.error(
        { route: request.routeOptions.url },
        "mutating route without an access rule",
      );
      throw new AppError("forbidden", "This action is not open to anyone.");
    }
    return;
  }
  if (rule === "public") return;
  const principal = request.principal;
  if (principal.kind === "anonymous") throw new AppError("unauthorized", "Sign in first.");
  if (principal.kind !== "user") return;
  if (!rule.roles.includes(principal.role)) {
    throw new AppError(
      "forbidden",
      `Your role (${principal.role.replace("_", " ")}) may not do this; it is for: ${rule.roles.map((r) => r.replace("_", " ")).join(", ")}.`,
    );
  }
  if (principal.via === "token" && (!rule.scope || !principal.scopes?.includes(rule.scope))) {
    throw new AppError(
      "forbidden",
      rule.scope
        ? `This API token lacks the scope "${rule.scope}".`
        : "This action needs a signed-in session, not an API token.",
    );
  }
}
