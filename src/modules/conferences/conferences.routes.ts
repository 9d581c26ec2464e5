import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { staff } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import {
  conferenceIdParams,
  conferenceListSchema,
  conferenceSchema,
  createConferenceSchema,
  listConferencesQuerySchema,
  updateConferenceSchema,
} from "./conferences.schema.ts";
import { createConference } from "./create-conference.ts";
import { findConferences, getConference } from "./find-conferences.ts";
import { updateConference } from "./update-conference.ts";

const tags = ["conferences"];

export const conferenceRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/conferences",
    {
      schema: {
        tags,
        summary: "List conferences",
        querystring: listConferencesQuerySchema,
        response: { 200: conferenceListSchema, ...errorResponses },
      },
    },
    async (request) => findConferences({ db: ctx.db, query: request.query }),
  );
  app.get(
    "/conferences/:id",
    {
      schema: {
        tags,
        summary: "Read a conference by id or code",
        params: conferenceIdParams,
        response: { 200: conferenceSchema, ...errorResponses },
      },
    },
    async (request) => getConference({ db: ctx.db, idOrCode: request.params.id }),
  );
  app.post(
    "/conferences",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Create a conference",
        body: createConferenceSchema,
        response: { 201: conferenceSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createConference({ db: ctx.db, input: request.body })),
  );
  app.patch(
    "/conferences/:id",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Update a conference",
        params: conferenceIdParams,
        body: updateConferenceSchema,
        response: { 200: conferenceSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateConference({ db: ctx.db, idOrCode: request.params.id, input: request.body }),
  );
};
