import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { ZodType } from "zod";
import type { TrustProxy } from "../config.ts";
import { AppError } from "../errors.ts";
import {
  createResponseSerializerCompiler,
  type SerializationReport,
} from "./compiled-serializer.ts";
import { errorBody, handleError } from "./error-handler.ts";
import {
  answerClientError,
  MAX_HEADER_BYTES,
  MAX_PARAM_LENGTH,
  routerErrorToAppError,
} from "./request-limits.ts";

export interface RegisteredRoute {
  method: string;
  url: string;
  /** Left out of the OpenAPI document (documentation assets, the redirect at /). */
  hidden: boolean;
  /** The zod schemas the route validates its input with, as given (the fuzz tests derive
   *  requests from them). */
  body?: ZodType;
  params?: ZodType;
  querystring?: ZodType;
}

declare module "fastify" {
  interface FastifyInstance {
    routeTable: RegisteredRoute[];
  }
}

export interface HttpAppOptions {
  logLevel?: string;
  /** Largest JSON body accepted, in bytes. */
  bodyLimit?: number;
  /** The reverse proxies whose forwarded client address and protocol are believed. */
  trustProxy?: TrustProxy;
  /** GET routes whose answers are serialized by compiled JSON Schemas (compiled-serializer.ts). */
  compiledResponses?: ReadonlySet<string>;
  /** Told, route by route, whether its answer was compiled or why not (tests, the docs). */
  serializationReport?: SerializationReport;
}

/**
 * A Fastify instance with what every route relies on and no route yet: zod validation and
 * serialization (compiled for the routes listed in `compiledResponses`), the one error shape (also for unknown routes), request ids, and the table of
 * the routes registered on it. The app assembles the rest (src/app/build-app.ts).
 */
export function createHttpApp(options: HttpAppOptions): FastifyInstance {
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
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // What the router refuses before any route is found, in the one error shape too.
    frameworkErrors: (error, request, reply) => {
      const appError = routerErrorToAppError(error);
      if (appError.code === "internal") request.log.error({ err: error }, "unexpected error");
      // No route means no hooks: the request id is set here.
      void (reply as FastifyReply)
        .status(appError.status)
        .header("x-request-id", request.id)
        .send(errorBody(appError, request.id));
    },
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
      if (method === "HEAD") continue;
      const schema = route.schema as
        | { hide?: boolean; body?: ZodType; params?: ZodType; querystring?: ZodType }
        | undefined;
      routeTable.push({
        method,
        url: route.url,
        hidden: Boolean(schema?.hide),
        ...(schema?.body && { body: schema.body }),
        ...(schema?.params && { params: schema.params }),
        ...(schema?.querystring && { querystring: schema.querystring }),
      });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(
    options.compiledResponses
      ? createResponseSerializerCompiler({
          compiledRoutes: options.compiledResponses,
          ...(options.serializationReport ? { report: options.serializationReport } : {}),
        })
      : serializerCompiler,
  );
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
  return app;
}
