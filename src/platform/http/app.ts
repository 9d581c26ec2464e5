import { randomUUID } from "node:crypto";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { apiModules } from "../../modules/index.ts";
import type { TrustProxy } from "../config.ts";
import { AppError } from "../errors.ts";
import { defaultSecurity, installAuth } from "./auth.ts";
import type { AppContext } from "./context.ts";
import { errorBody, handleError } from "./error-handler.ts";
import { healthRoutes } from "./health.routes.ts";
import {
  answerClientError,
  installBodyLimits,
  installRequestLimits,
  MAX_HEADER_BYTES,
} from "./request-limits.ts";
import { installSecurityHeaders } from "./security-headers.ts";
import { installVersionHeaders } from "./versions.ts";
import { webRoutes } from "./web.ts";

export interface RegisteredRoute {
  method: string;
  url: string;
  /** Left out of the OpenAPI document (documentation assets, the redirect at /). */
  hidden: boolean;
}

declare module "fastify" {
  interface FastifyInstance {
    routeTable: RegisteredRoute[];
  }
}

export interface BuildAppOptions {
  ctx: AppContext;
  logLevel?: string;
  /** Largest JSON body accepted, in bytes. */
  bodyLimit?: number;
  /** The reverse proxies whose forwarded client address and protocol are believed. */
  trustProxy?: TrustProxy;
  /** Extra routes registered under /api after the modules' (tests use it to add a route). */
  extraRoutes?: FastifyPluginAsync;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? "info" },
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // request.ip (throttling, the audit trail) and request.protocol (Secure cookies, HSTS)
    // read X-Forwarded-For/-Proto only from these proxies.
    trustProxy: options.trustProxy ?? false,
    // Node's default, stated: a longer request line or headers is answered 431 (in the error
    // shape, by answerClientError); a URL over MAX_URL_LENGTH but within it, 414.
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    clientErrorHandler: answerClientError,
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  // The route table, as registered: the OpenAPI test (and later the authorization matrix)
  // walks it, so a route cannot be added without being seen.
  const routeTable: RegisteredRoute[] = [];
  app.decorate("routeTable", routeTable);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== "HEAD")
        routeTable.push({ method, url: route.url, hidden: Boolean(route.schema?.hide) });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(
        errorBody(
          new AppError("not_found", `No route ${request.method} ${request.url.split("?")[0]}.`),
        ),
      ),
  );
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  const security = options.ctx.security ?? defaultSecurity;
  await installSecurityHeaders(app, { secureCookies: security.secureCookies });
  installRequestLimits(app);
  await installAuth(app, options.ctx, security);
  installBodyLimits(app);
  installVersionHeaders(app);

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "ESCA Hub API",
        version: "1.0.0",
        description:
          "Coordination platform for the Central American Security Strategy (AG/RES. 2626): initiatives, support flows (offer → pledge → commitment → disbursement) and funding roll-ups. Money is a decimal string with an ISO 4217 code; errors are `{ error: { code, message, details } }`.",
      },
      tags: apiModules.map((m) => ({ name: m.tag, description: m.description })),
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

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
