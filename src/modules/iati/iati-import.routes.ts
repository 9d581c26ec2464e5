import { createWriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError, notFound } from "../../platform/errors.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { actorLabel, isStaff, type Principal } from "../accounts/index.ts";
import { importJobSchema, jobParams, uploadQuerySchema } from "./iati.schema.ts";
import type { IatiSettings } from "./iati-settings.ts";
import { type ImportJob, ImportJobs, newJobId } from "./import-jobs.ts";

const tags = ["iati"];
const importers = { roles: ["partner", "secretariat", "admin"], scope: "iati:import" } as const;

/** A job is seen by whoever started it and by the secretariat; to others it does not exist. */
const visibleTo = (principal: Principal, job: ImportJob) =>
  isStaff(principal) || job.createdBy === actorLabel(principal);

/**
 * Upload of an IATI file (multipart, field "file"): written to a temporary file named by the
 * job's id, imported by a background job whose progress streams over SSE.
 */
export const iatiImportRoutes: FastifyPluginAsyncZod<
  RouteOptions & { settings: IatiSettings }
> = async (app, { ctx, settings }) => {
  const jobs = new ImportJobs();
  const maxMb = Math.round(settings.uploadMaxBytes / 1024 / 1024);
  await app.register(multipart, {
    limits: { fileSize: settings.uploadMaxBytes, files: 1, fields: 5 },
  });

  app.post(
    "/iati/imports",
    {
      config: { access: importers },
      schema: {
        tags,
        summary: `Upload an IATI activity file (multipart field "file", at most ${maxMb} MB) to import; dry_run reports without writing`,
        consumes: ["multipart/form-data"],
        querystring: uploadQuerySchema,
        response: {
          200: importJobSchema,
          202: importJobSchema,
          413: errorResponses[422],
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError(
          "unsupported_media_type",
          'Send the file as multipart/form-data in the field "file".',
        );
      const part = await request.file();
      if (part?.fieldname !== "file")
        throw new AppError("validation_failed", 'The upload has no file in the field "file".');
      const id = newJobId();
      const path = join(tmpdir(), `esca-iati-upload-${id}.xml`);
      try {
        await pipeline(part.file, createWriteStream(path));
        if (part.file.truncated) throw new Error("truncated");
      } catch (error) {
        await rm(path, { force: true });
        if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE" || part.file.truncated)
          throw new AppError(
            "payload_too_large",
            `The file is larger than ${maxMb} MB (ESCA_UPLOAD_MAX_MB).`,
          );
        throw error;
      }
      const started = jobs.start({
        id,
        db: ctx.db,
        path,
        file: part.filename.slice(0, 200) || "upload.xml",
        totalBytes: (await stat(path)).size,
        principal: request.principal,
        createdBy: actorLabel(request.principal),
        settings,
        dryRun: request.query.dry_run,
      });
      if (request.query.wait) {
        const job = await started.finished;
        if (job.error) throw new AppError(job.error.code, job.error.message);
        return reply.status(200).send(job);
      }
      void started.finished;
      return reply.status(202).header("location", `/api/iati/imports/${id}`).send(started.job);
    },
  );

  app.get(
    "/iati/imports/:id",
    {
      config: { access: importers },
      schema: {
        tags,
        summary: "An import job: its progress, then its summary",
        params: jobParams,
        response: { 200: importJobSchema, ...errorResponses },
      },
    },
    async (request) => {
      const job = jobs.get(request.params.id);
      if (!job || !visibleTo(request.principal, job))
        throw notFound("import job", request.params.id);
      return job;
    },
  );

  app.get(
    "/iati/imports/:id/events",
    {
      config: { access: importers },
      schema: {
        tags,
        summary: "Server-sent events of an import job: progress, then done (with the job)",
        params: jobParams,
        produces: ["text/event-stream"],
      },
    },
    async (request, reply) => {
      const job = jobs.get(request.params.id);
      if (!job || !visibleTo(request.principal, job))
        throw notFound("import job", request.params.id);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        connection: "keep-alive",
      });
      const send = (type: string, data: unknown) =>
        raw.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
      send(job.status === "running" ? "progress" : "done", job);
      if (job.status !== "running") return raw.end();
      const unsubscribe = jobs.subscribe(job.id, (event) => {
        send(event.type, event.job);
        if (event.type === "done") {
          unsubscribe();
          raw.end();
        }
      });
      request.raw.on("close", unsubscribe);
    },
  );
};
