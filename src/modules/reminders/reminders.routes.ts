import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { signedIn, staff } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { actorLabel } from "../accounts/index.ts";
import { findReminderRuns } from "./find-reminder-runs.ts";
import { findDataQuality, findInbox } from "./find-reminders.ts";
import {
  reminderListSchema,
  reminderRunListSchema,
  reminderRunSchema,
} from "./reminders.schema.ts";
import { runReminderCheck } from "./run-reminder-check.ts";

const tags = ["reminders"];

export const reminderRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/reminders/inbox",
    {
      config: { access: signedIn },
      schema: {
        tags,
        summary: "Your organization's open items (staff: and the secretariat's), oldest first",
        response: { 200: reminderListSchema, ...errorResponses },
      },
    },
    async (request) =>
      findInbox({ db: ctx.db, thresholds: ctx.reminders, principal: request.principal }),
  );
  app.get(
    "/reminders/data-quality",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Every open item of every organization, with its age and where to fix it",
        response: { 200: reminderListSchema, ...errorResponses },
      },
    },
    async () => findDataQuality({ db: ctx.db, thresholds: ctx.reminders }),
  );
  app.get(
    "/reminders/runs",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "The latest runs of the reminder check (scheduled or asked for)",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: reminderRunListSchema, ...errorResponses },
      },
    },
    async (request) => findReminderRuns({ db: ctx.db, limit: request.query.limit }),
  );
  app.post(
    "/reminders/runs",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Run the reminder check now: snapshot the open items, send digests if SMTP is set",
        response: { 201: reminderRunSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await runReminderCheck({
          db: ctx.db,
          thresholds: ctx.reminders ?? { pledgeMonths: 6, commitmentMonths: 12 },
          trigger: "manual",
          startedBy: actorLabel(request.principal),
          mailer: ctx.mail?.mailer ?? null,
          publicUrl: ctx.mail?.publicUrl ?? "",
          log: request.log,
        }),
      ),
  );
};
