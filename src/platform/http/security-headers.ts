import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import type { SecureCookies } from "../config.ts";
import { HSTS, overHttps } from "./transport.ts";

/**
 * Security headers on every response, with a Content-Security-Policy strict enough for the
 * web application: scripts only from this origin, no framing, no plugins. Inline styles are
 * allowed because the component library sets CSS variables through style attributes.
 * Strict-Transport-Security goes only with responses to HTTPS requests (RFC 6797 §7.2).
 */
export async function installSecurityHeaders(
  app: FastifyInstance,
  options: { secureCookies: SecureCookies },
): Promise<void> {
  await app.register(helmet, {
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
  app.addHook("onSend", async (request, reply) => {
    if (overHttps(request)) reply.header("strict-transport-security", HSTS);
  });
}
