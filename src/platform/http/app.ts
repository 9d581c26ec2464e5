import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { TrustProxy } from "../config.ts";
import { AppError } from "../errors.ts";
import { errorBody, handleError } from "./error-handler.ts";
import { answerClientError, MAX_HEADER_BYTES } from "./request-limits.ts";

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

export interface HttpAppOptions {
  logLevel?: string;
  /** Largest JSON body accepted, in bytes. */
  bodyLimit?: number;
  /** The reverse proxies whose forwarded client address and protocol are believed. */
  trustProxy?: TrustProxy;
}

/**
 * A Fastify instance with what every route relies on and no route yet: zod validation and
 * serialization, the one error shape (also for unknown routes), request ids, and the table of
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
  return app;
}
