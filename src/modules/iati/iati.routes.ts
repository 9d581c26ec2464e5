import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { exportIatiActivities } from "./export/export-activities.ts";
import { exportIatiOrganisation } from "./export/export-organisation.ts";
import { linkBodySchema, linkParams, linkSchema, publicationSchema } from "./iati.schema.ts";
import { loadIatiSettings } from "./iati-settings.ts";
import { iatiImportRoutes } from "./jobs/iati-import.routes.ts";
import { findActivityLinks, setActivityLink } from "./links/activity-links.ts";
import { findImportedActivities } from "./links/find-imported-activities.ts";
import {
  importedActivityListSchema,
  listImportedActivitiesQuerySchema,
} from "./links/imported-activity.schema.ts";
import { findPublications } from "./stage/find-publications.ts";

const tags = ["iati"];
const secretariat = { roles: ["secretariat", "admin"] } as const;
const xml = (summary: string) => ({
  tags,
  summary,
  produces: ["application/xml"],
  response: { 200: z.string() },
});

export const iatiRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const settings = loadIatiSettings();
  await app.register(iatiImportRoutes, { ctx, settings });

  app.get(
    "/iati/activities.xml",
    {
      config: { access: "public" },
      schema: xml("Published initiatives and their flows as IATI 2.03 activities"),
    },
    async (_request, reply) =>
      reply
        .type("application/xml; charset=utf-8")
        .send(await exportIatiActivities({ db: ctx.db, settings })),
  );
  app.get(
    "/iati/organisation.xml",
    {
      config: { access: "public" },
      schema: xml("ESCA Hub as an IATI 2.03 organisation, with yearly budgets"),
    },
    async (_request, reply) =>
      reply
        .type("application/xml; charset=utf-8")
        .send(await exportIatiOrganisation({ db: ctx.db, settings })),
  );
  app.get(
    "/iati/publications",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Partners' imported IATI publications",
        response: { 200: z.object({ data: z.array(publicationSchema) }) },
      },
    },
    async () => ({ data: await findPublications(ctx.db) }),
  );
  app.get(
    "/iati/links",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "The secretariat's mapping of IATI activities to initiatives",
        response: { 200: z.object({ data: z.array(linkSchema) }) },
      },
    },
    async () => ({ data: await findActivityLinks(ctx.db) }),
  );
  app.get(
    "/iati/activities",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Partners' imported IATI activities and the initiative each is linked to",
        querystring: listImportedActivitiesQuerySchema,
        response: { 200: importedActivityListSchema, ...errorResponses },
      },
    },
    async (request) => findImportedActivities({ db: ctx.db, query: request.query }),
  );
  const linkResult = z.object({
    relinked: z.number().int(),
    recorded: z.number().int(),
    reversed: z.number().int(),
  });
  app.put(
    "/iati/links/:identifier",
    {
      config: { access: secretariat },
      schema: {
        tags,
        summary: "Map an IATI activity to an initiative; its imported flows follow",
        params: linkParams,
        body: linkBodySchema,
        response: { 200: linkResult, ...errorResponses },
      },
    },
    async (request) =>
      setActivityLink({
        db: ctx.db,
        identifier: request.params.identifier,
        initiative: request.body.initiative,
        principal: request.principal,
        reportingOrgRef: settings.reportingOrg.ref,
      }),
  );
  app.delete(
    "/iati/links/:identifier",
    {
      config: { access: secretariat },
      schema: {
        tags,
        summary: "Remove a mapping; the activity links by its own references again",
        params: linkParams,
        response: { 200: linkResult, ...errorResponses },
      },
    },
    async (request) =>
      setActivityLink({
        db: ctx.db,
        identifier: request.params.identifier,
        initiative: null,
        principal: request.principal,
        reportingOrgRef: settings.reportingOrg.ref,
      }),
  );
};
