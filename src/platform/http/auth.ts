import cookie from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { SecureCookies } from "../config.ts";
import { anonymous, type Principal } from "../principal.ts";
import { runWithContext } from "../request-context.ts";
import { cookiesSecure } from "./transport.ts";

export interface SessionSettings {
  /** A session unused this long ends (ASVS 7.3.1). */
  idleMinutes: number;
  /** A session ends this long after login, however active (ASVS 7.3.2). */
  maxHours: number;
}
export const defaultSessionSettings: SessionSettings = { idleMinutes: 30, maxHours: 12 };

export interface SecuritySettings {
  session: SessionSettings;
  /** Over HTTPS: cookies get `Secure` and the `__Host-` prefix ("auto": per request). */
  secureCookies: SecureCookies;
}
export const defaultSecurity: SecuritySettings = {
  session: defaultSessionSettings,
  secureCookies: "auto",
};

export const sessionCookieName = (security: SecuritySettings, request: FastifyRequest) =>
  cookiesSecure(security.secureCookies, request) ? "__Host-esca_session" : "esca_session";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal;
    /** The session cookie's token when the request was authenticated by one. */
    sessionToken: string | null;
  }
}

const PRINCIPAL = Symbol("principal");

/**
 * What authentication stands on: cookies are read, every request runs in its own context (for
 * the audit trail) and starts anonymous. Who the caller is is then decided by the accounts
 * module's hook, which the app installs after this.
 */
export async function installRequestPrincipal(app: FastifyInstance): Promise<void> {
  await app.register(cookie);
  // Objects cannot be request decorators (they would be shared): keep each request's own.
  app.decorateRequest("principal", {
    getter(this: FastifyRequest) {
      return (this as unknown as Record<symbol, Principal | undefined>)[PRINCIPAL] ?? anonymous;
    },
    setter(this: FastifyRequest, value: Principal) {
      (this as unknown as Record<symbol, Principal>)[PRINCIPAL] = value;
    },
  });
  app.decorateRequest("sessionToken", null);
  app.addHook("onRequest", (request, _reply, done) => {
    runWithContext(
      {
        requestId: request.id,
        clientAddress: request.ip,
        userId: null,
        actor: "anonymous",
        organizationId: null,
        readsOnly: request.method === "GET" || request.method === "HEAD",
      },
      done,
    );
  });
}
