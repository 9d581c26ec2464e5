import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { staff } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { createOrganization } from "./create-organization.ts";
import { findOrganizations, getOrganization } from "./find-organizations.ts";
import {
  createOrganizationSchema,
  listOrganizationsQuerySchema,
  organizationIdParams,
  organizationListSchema,
  organizationSchema,
  updateOrganizationSchema,
} from "./organizations.schema.ts";
import { updateOrganization } from "./update-organization.ts";

const tags = ["organizations"];

export const organizationRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/organizations",
    {
      schema: {
        tags,
        summary: "List organizations",
        querystring: listOrganizationsQuerySchema,
        response: { 200: organizationListSchema, ...errorResponses },
      },
    },
    async (request) => findOrganizations({ db: ctx.db, query: request.query }),
  );
  app.get(
    "/organizations/:id",
    {
      schema: {
        tags,
        summary: "Read an organization by id or code",
        params: organizationIdParams,
        response: { 200: organizationSchema, ...errorResponses },
      },
    },
    async (request) => getOrganization({ db: ctx.db, idOrCode: request.params.id }),
  );
  app.post(
    "/organizations",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Create an organization",
        body: createOrganizationSchema,
        response: { 201: organizationSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createOrganization({ db: ctx.db, input: request.body })),
  );
  app.patch(
    "/organizations/:id",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Update an organization",
        params: organizationIdParams,
        body: updateOrganizationSchema,
        response: { 200: organizationSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateOrganization({ db: ctx.db, idOrCode: request.params.id, input: request.body }),
  );
};
