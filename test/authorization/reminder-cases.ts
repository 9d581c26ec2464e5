import type { RouteCase } from "./cases.ts";
import type { ActorName } from "./world.ts";

/**
 * Reminders: a run of the check (snapshot, digests) is the secretariat's and admins' to ask
 * for; a user's e-mail language is their own to set (every signed-in user, on themselves).
 */
const staffOnly = (actor: ActorName) => actor === "secretariat" || actor === "admin";

export const reminderRouteCases: Record<string, RouteCase> = {
  "POST /api/reminders/runs": {
    allowed: staffOnly,
    prepare: async () => ({ request: { method: "POST", url: "/api/reminders/runs" } }),
  },
  "PUT /api/auth/language": {
    allowed: (actor) => actor !== "anonymous",
    prepare: async (_w, _actor, side) => ({
      request: {
        method: "PUT",
        url: "/api/auth/language",
        payload: { language: side === "own" ? "en" : "es" },
      },
    }),
  },
};
