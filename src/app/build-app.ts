import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import { installAuthentication } from "../modules/accounts/index.ts";
import { recordRefusals } from "../modules/audit/index.ts";
import { dataVersionOf } from "../platform/db/data-version.ts";
import { installApiDocs } from "../platform/http/api-docs.ts";
import { createHttpApp, type HttpAppOptions } from "../platform/http/app.ts";
import { defaultSecurity, installRequestPrincipal } from "../platform/http/auth.ts";
import type { AppContext } from "../platform/http/context.ts";
import { healthRoutes } from "../platform/http/health.routes.ts";
import { installPublicCache } from "../platform/http/public-cache.ts";
import { installReadRouting } from "../platform/http/read-routing.ts";
import { installBodyLimits, installRequestLimits } from "../platform/http/request-limits.ts";
import { installSecurityHeaders } from "../platform/http/security-headers.ts";
import { installVersionHeaders } from "../platform/http/versions.ts";
import { webRoutes } from "../platform/http/web.ts";
import { apiModules } from "./api-modules.ts";
import { publicReadRoutes } from "./public-reads.ts";

export interface BuildAppOptions extends HttpAppOptions {
  ctx: AppContext;
  /** Extra routes registered under /api after the modules' (tests use it to add a route). */
  extraRoutes?: FastifyPluginAsync;
}

/**
 * ESCA Hub's HTTP application: the platform's plumbing wired with the modules, in the order a
 * request meets them — security headers, request limits, who is calling (accounts) and whether
 * the route lets them (refusals recorded by audit), body limits, record versions, the public
 * reads' cache, then the modules' routes.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  // Public reads' answers go through compiled serializers (the first read after each write).
  const app = createHttpApp({ compiledResponses: publicReadRoutes, ...options });
  const security = options.ctx.security ?? defaultSecurity;
  await installSecurityHeaders(app, { secureCookies: security.secureCookies });
  installRequestLimits(app);
  await installRequestPrincipal(app);
  // Before the refusals' hook: a refusal is written on the primary.
  installReadRouting(app, options.ctx.replica, {
    secureCookies: security.secureCookies,
    maxLagSeconds: options.ctx.replicaMaxLagSeconds ?? 0,
  });
  recordRefusals(app, options.ctx.db);
  installAuthentication(app, options.ctx, security);
  installBodyLimits(app);
  installVersionHeaders(app);
  installPublicCache(app, { version: dataVersionOf(options.ctx.db), routes: publicReadRoutes });

  await installApiDocs(
    app,
    apiModules.map((m) => ({ name: m.tag, description: m.description })),
  );
  await app.register(healthRoutes, { prefix: "/api", ctx: options.ctx });
  for (const module of apiModules) {
    await app.register(module.routes, { prefix: "/api", ctx: options.ctx });
  }
  if (options.extraRoutes) await app.register(options.extraRoutes, { prefix: "/api" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  // The web application (dist/web) at every other path; the API docs at / when it is not built.
  await app.register(webRoutes, {});
  await app.ready();
  return app;
}
