import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { oasBodySchema } from "../../contracts/oas-bodies.ts";
import { staff } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { isStaff } from "../accounts/index.ts";
import { createOasBody } from "./create-oas-body.ts";
import { findOasBodies, getOasBody } from "./find-oas-bodies.ts";
import {
  createOasBodySchema,
  oasBodyEntrySchema,
  oasBodyIdParams,
  oasBodyListSchema,
  updateOasBodySchema,
} from "./oas-bodies.schema.ts";
import { updateOasBody } from "./update-oas-body.ts";

const tags = ["oas-bodies"];

export const oasBodyRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/oas-bodies",
    {
      schema: {
        tags,
        summary: "The directory of OAS organs, agencies and entities, with the support each gave",
        response: { 200: oasBodyListSchema, ...errorResponses },
      },
    },
    async (request) => findOasBodies({ db: ctx.db, publishedOnly: !isStaff(request.principal) }),
  );
  app.get(
    "/oas-bodies/:id",
    {
      schema: {
        tags,
        summary: "Read a body of the directory by id or code",
        params: oasBodyIdParams,
        response: { 200: oasBodyEntrySchema, ...errorResponses },
      },
    },
    async (request) =>
      getOasBody({
        db: ctx.db,
        idOrCode: request.params.id,
        publishedOnly: !isStaff(request.principal),
      }),
  );
  app.post(
    "/oas-bodies",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Add a body to the directory",
        body: createOasBodySchema,
        response: { 201: oasBodySchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createOasBody({ db: ctx.db, input: request.body })),
  );
  app.patch(
    "/oas-bodies/:id",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Change a body's mandate, contact role or what it can support",
        params: oasBodyIdParams,
        body: updateOasBodySchema,
        response: { 200: oasBodySchema, ...errorResponses },
      },
    },
    async (request) =>
      updateOasBody({ db: ctx.db, idOrCode: request.params.id, input: request.body }),
  );
};
