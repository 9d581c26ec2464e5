import type { RouteCase } from "./cases.ts";
import type { ActorName } from "./world.ts";

/**
 * Issuing the Permanent Council's report is the secretariat's (and admins'): every other role
 * is refused, whatever the organization. HTML as of a past date keeps each job short.
 */
const staffOnly = (actor: ActorName) => actor === "secretariat" || actor === "admin";

export const reportRouteCases: Record<string, RouteCase> = {
  "POST /api/report-jobs": {
    allowed: staffOnly,
    prepare: async () => ({
      request: {
        method: "POST",
        url: "/api/report-jobs",
        payload: { language: "en", format: "html", as_of: "2012-06-03" },
      },
    }),
  },
};
