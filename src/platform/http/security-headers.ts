import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";
import type { SecureCookies } from "../config.ts";
import { HSTS, overHttps } from "./transport.ts";

/**
 * Security headers on every response, with a Content-Security-Policy strict enough for the
 * web application: scripts only from this origin, no framing, no plugins. Inline styles are
 * allowed because the component library sets CSS variables through style attributes.
 * Strict-Transport-Security goes only with responses to HTTPS requests (RFC 6797 §7.2).
 *
 * The headers are helmet's, worked out once when the server starts: they are the same for
 * every request. (Fastify's helmet plugin built helmet's middleware anew for each request,
 * parsing the policy's directives every time: a tenth of what a cached public read cost.)
 */
export async function installSecurityHeaders(
  app: FastifyInstance,
  options: { secureCookies: SecureCookies },
): Promise<void> {
  const headers = securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(options.secureCookies === true ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  app.addHook("onSend", async (request, reply) => {
    if (overHttps(request)) reply.header("strict-transport-security", HSTS);
  });
}

/** The headers helmet's middleware sets with these options, as names (lower case) and values. */
export function securityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)(
    {} as IncomingMessage,
    response as unknown as ServerResponse,
    (error?: unknown) => {
      failure = error;
    },
  );
  if (failure) throw failure;
  return Object.freeze(headers);
}
