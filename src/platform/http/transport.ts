import type { FastifyRequest } from "fastify";
import type { SecureCookies } from "../config.ts";

/**
 * Whether the request reached ESCA Hub over HTTPS: on a TLS socket, or as a trusted proxy
 * says in X-Forwarded-Proto. Fastify believes that header only from the proxies trustProxy
 * names (ESCA_TRUST_PROXY), so a client cannot claim HTTPS by sending it itself.
 */
export const overHttps = (request: FastifyRequest): boolean => request.protocol === "https";

/** Whether this request's session cookie is Secure (and so named with `__Host-`). */
export const cookiesSecure = (setting: SecureCookies, request: FastifyRequest): boolean =>
  setting === "auto" ? overHttps(request) : setting;

/** A year of HTTPS only, for this host and its subdomains (sent on HTTPS responses only). */
export const HSTS = "max-age=31536000; includeSubDomains";
