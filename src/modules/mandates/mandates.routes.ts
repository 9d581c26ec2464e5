import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { periodStatusSchema } from "../../contracts/mandates.ts";
import { okSchema } from "../../contracts/shapes.ts";
import { staff } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { addEvidence } from "./add-evidence.ts";
import { exportResolution } from "./export-resolution.ts";
import {
  assertMandateExists,
  findMandates,
  findParagraphsOfInitiative,
  findStatusHistory,
  getMandate,
} from "./find-mandates.ts";
import { linkInitiative, unlinkInitiative } from "./link-initiative.ts";
import { readsPublicOnly } from "./mandates.policy.ts";
import {
  addEvidenceSchema,
  createdIdSchema,
  evidenceParams,
  exportResolutionQuerySchema,
  initiativeLinkParams,
  initiativeParams,
  listMandatesQuerySchema,
  mandateDetailSchema,
  mandateIdParams,
  mandateListSchema,
  paragraphRefListSchema,
  setStatusSchema,
  statusHistorySchema,
  statusParams,
  traceSchema,
} from "./mandates.schema.ts";
import { removeEvidence } from "./remove-evidence.ts";
import { resolutionFileSchema } from "./resolution-file.ts";
import { setMandateStatus } from "./set-mandate-status.ts";
import { traceMandate } from "./trace-mandate.ts";

const tags = ["mandates"];

export const mandateRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/mandates",
    {
      schema: {
        tags,
        summary: "List mandates (operative paragraphs) with their status per reporting period",
        querystring: listMandatesQuerySchema,
        response: { 200: mandateListSchema, ...errorResponses },
      },
    },
    async (request) =>
      findMandates({
        db: ctx.db,
        ...(request.query.resolution ? { symbol: request.query.resolution } : {}),
      }),
  );
  app.get(
    "/mandates/:id",
    {
      schema: {
        tags,
        summary: "Read a mandate with its initiatives, evidence and status history",
        params: mandateIdParams,
        response: { 200: mandateDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      getMandate({
        db: ctx.db,
        id: request.params.id,
        publicOnly: readsPublicOnly(request.principal),
        viewer: request.principal,
      }),
  );
  app.get(
    "/mandates/:id/history",
    {
      schema: {
        tags,
        summary: "The status changes of a mandate, from the audit trail (organization and role)",
        params: mandateIdParams,
        response: { 200: statusHistorySchema, ...errorResponses },
      },
    },
    async (request) => {
      await assertMandateExists({ db: ctx.db, id: request.params.id });
      return { items: await findStatusHistory({ db: ctx.db, mandateId: request.params.id }) };
    },
  );
  app.get(
    "/mandates/:id/trace",
    {
      schema: {
        tags,
        summary:
          "Paragraph → initiatives → pledges → commitments → disbursements → targets, with the roll-up's totals",
        params: mandateIdParams,
        response: { 200: traceSchema, ...errorResponses },
      },
    },
    async (request) =>
      traceMandate({
        db: ctx.db,
        id: request.params.id,
        publicOnly: readsPublicOnly(request.principal),
        viewer: request.principal,
      }),
  );
  app.get(
    "/mandates/by-initiative/:initiativeId",
    {
      schema: {
        tags,
        summary: "The paragraphs an initiative answers",
        params: initiativeParams,
        response: { 200: paragraphRefListSchema, ...errorResponses },
      },
    },
    async (request) => ({
      items: await findParagraphsOfInitiative({
        db: ctx.db,
        initiativeId: request.params.initiativeId,
        publicOnly: readsPublicOnly(request.principal),
      }),
    }),
  );
  app.get(
    "/resolutions/export",
    {
      schema: {
        tags,
        summary: "A resolution as the file `esca import resolution` reads",
        querystring: exportResolutionQuerySchema,
        response: { 200: resolutionFileSchema, ...errorResponses },
      },
    },
    async (request) => exportResolution({ db: ctx.db, symbol: request.query.symbol }),
  );
  app.put(
    "/mandates/:id/statuses/:period",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Set a mandate's status in one reporting period (secretariat)",
        params: statusParams,
        body: setStatusSchema,
        response: { 200: periodStatusSchema, ...errorResponses },
      },
    },
    async (request) =>
      setMandateStatus({
        db: ctx.db,
        principal: request.principal,
        mandateId: request.params.id,
        period: request.params.period,
        input: request.body,
      }),
  );
  app.post(
    "/mandates/:id/evidence",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Link a record to a mandate as evidence (secretariat)",
        params: mandateIdParams,
        body: addEvidenceSchema,
        response: { 201: createdIdSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addEvidence({ db: ctx.db, mandateId: request.params.id, input: request.body })),
  );
  app.delete(
    "/mandates/:id/evidence/:evidenceId",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Remove an evidence link (secretariat)",
        params: evidenceParams,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      await removeEvidence({
        db: ctx.db,
        mandateId: request.params.id,
        evidenceId: request.params.evidenceId,
      });
      return { ok: true as const };
    },
  );
  app.put(
    "/mandates/:id/initiatives/:initiativeId",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Record that an initiative answers the paragraph (secretariat)",
        params: initiativeLinkParams,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      await linkInitiative({
        db: ctx.db,
        mandateId: request.params.id,
        initiativeId: request.params.initiativeId,
      });
      return { ok: true as const };
    },
  );
  app.delete(
    "/mandates/:id/initiatives/:initiativeId",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Remove the link of an initiative to the paragraph (secretariat)",
        params: initiativeLinkParams,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      await unlinkInitiative({
        db: ctx.db,
        mandateId: request.params.id,
        initiativeId: request.params.initiativeId,
      });
      return { ok: true as const };
    },
  );
};
