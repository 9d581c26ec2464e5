import type { InjectOptions } from "fastify";
import { TOTP } from "otpauth";
import { TEST_PASSWORD } from "../support/app.ts";
import type { RouteCase } from "./cases.ts";

/**
 * Recovery codes: every signed-in user makes a new set of their own (with TOTP on and their
 * password); there is no one else's to make.
 */
export const twofaRouteCases: Record<string, RouteCase> = {
  "POST /api/auth/totp/recovery-codes": {
    allowed: (actor) => actor !== "anonymous",
    async prepare(w, actor) {
      const request: InjectOptions = {
        method: "POST",
        url: "/api/auth/totp/recovery-codes",
        payload: { password: TEST_PASSWORD },
      };
      if (actor === "anonymous") return { request };
      const session = await w.freshSession(actor);
      const setup = await session.request<{ secret: string }>({
        method: "POST",
        url: "/api/auth/totp/setup",
      });
      await session.request({
        method: "POST",
        url: "/api/auth/totp/enable",
        payload: { code: new TOTP({ secret: setup.body.secret }).generate() },
      });
      return { request, session };
    },
  },
};
