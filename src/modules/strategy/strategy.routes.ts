import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { staff } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { createComponent } from "./create-component.ts";
import { createLineOfAction } from "./create-line-of-action.ts";
import { findComponents, getComponent } from "./find-components.ts";
import { findLinesOfAction, getLineOfAction } from "./find-lines-of-action.ts";
import {
  componentListSchema,
  componentSchema,
  createComponentSchema,
  createLineOfActionSchema,
  lineOfActionListSchema,
  lineOfActionSchema,
  listComponentsQuerySchema,
  listLinesOfActionQuerySchema,
  strategyIdParams,
  updateComponentSchema,
  updateLineOfActionSchema,
} from "./strategy.schema.ts";
import { updateComponent } from "./update-component.ts";
import { updateLineOfAction } from "./update-line-of-action.ts";

const tags = ["strategy"];

export const strategyRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/components",
    {
      schema: {
        tags,
        summary: "List the strategy's components with their lines of action",
        querystring: listComponentsQuerySchema,
        response: { 200: componentListSchema, ...errorResponses },
      },
    },
    async (request) => findComponents({ db: ctx.db, query: request.query }),
  );
  app.get(
    "/components/:id",
    {
      schema: {
        tags,
        summary: "Read a component by id or letter, with its lines of action",
        params: strategyIdParams,
        response: { 200: componentSchema, ...errorResponses },
      },
    },
    async (request) => getComponent({ db: ctx.db, idOrCode: request.params.id }),
  );
  app.post(
    "/components",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Create a component",
        body: createComponentSchema,
        response: { 201: componentSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createComponent({ db: ctx.db, input: request.body })),
  );
  app.patch(
    "/components/:id",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Update a component",
        params: strategyIdParams,
        body: updateComponentSchema,
        response: { 200: componentSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateComponent({ db: ctx.db, idOrCode: request.params.id, input: request.body }),
  );
  app.get(
    "/lines-of-action",
    {
      schema: {
        tags,
        summary: "List lines of action",
        querystring: listLinesOfActionQuerySchema,
        response: { 200: lineOfActionListSchema, ...errorResponses },
      },
    },
    async (request) => findLinesOfAction({ db: ctx.db, query: request.query }),
  );
  app.get(
    "/lines-of-action/:id",
    {
      schema: {
        tags,
        summary: "Read a line of action by id or code",
        params: strategyIdParams,
        response: { 200: lineOfActionSchema, ...errorResponses },
      },
    },
    async (request) => getLineOfAction({ db: ctx.db, idOrCode: request.params.id }),
  );
  app.post(
    "/lines-of-action",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Create a line of action under a component",
        body: createLineOfActionSchema,
        response: { 201: lineOfActionSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createLineOfAction({ db: ctx.db, input: request.body })),
  );
  app.patch(
    "/lines-of-action/:id",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Update a line of action",
        params: strategyIdParams,
        body: updateLineOfActionSchema,
        response: { 200: lineOfActionSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateLineOfAction({ db: ctx.db, idOrCode: request.params.id, input: request.body }),
  );
};
