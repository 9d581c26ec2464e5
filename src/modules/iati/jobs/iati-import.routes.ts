import { createWriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import multipart from "@fastify/multipart";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError, type ErrorCode, notFound } from "../../../platform/errors.ts";
import type { RouteOptions } from "../../../platform/http/context.ts";
import { errorResponses } from "../../../platform/http/responses.ts";
import { actorLabel } from "../../accounts/index.ts";
import { jobParams, uploadQuerySchema } from "../iati.schema.ts";
import type { IatiSettings } from "../iati-settings.ts";
import {
  discardStagedPublications,
  STAGING_STALE_SECONDS,
  vacuumWithoutAutovacuum,
} from "../stage/staging.queries.ts";
import { canSeeImportJob } from "./import-job.policy.ts";
import {
  importJobListSchema,
  importJobStateSchema,
  listImportJobsQuerySchema,
} from "./import-job.schema.ts";
import { type ImportJob, ImportJobs, newJobId, uploadPath } from "./import-jobs.ts";

const tags = ["iati"];
const importers = { roles: ["partner", "secretariat", "admin"], scope: "iati:import" } as const;

/** How often the events of a job another instance runs are read from the database. */
const POLL_MS = 1000;
/** A comment this often keeps an idle event stream open through proxies. */
const KEEP_ALIVE_MS = 25_000;

type EventStream = FastifyReply["raw"];

function openEventStream(reply: FastifyReply, openStreams: Set<EventStream>) {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  openStreams.add(raw);
  raw.on("close", () => openStreams.delete(raw));
  return raw;
}

const sendEvent = (raw: EventStream, type: string, job: ImportJob) =>
  raw.write(`event: ${type}\ndata: ${JSON.stringify(job)}\n\n`);

/**
 * Upload of an IATI file (multipart, field "file"): written to a temporary file named by the
 * job's id, imported by a background job whose progress streams over SSE; jobs and their
 * reports are kept (import-jobs.ts). A job is seen by whoever started it and by the secretariat.
 */
export const iatiImportRoutes: FastifyPluginAsyncZod<
  RouteOptions & { settings: IatiSettings }
> = async (app, { ctx, settings }) => {
  const jobs = new ImportJobs(ctx.db, ctx.backend, app.log);
  app.addHook("onReady", async () => {
    const interrupted = await jobs.recoverInterrupted();
    if (interrupted > 0) app.log.warn(`${interrupted} IATI import job(s) marked as interrupted`);
    // Rows of imports a stopped process left half written. On the embedded database the data
    // folder's lock makes this process the only writer, so they are all abandoned; a
    // PostgreSQL server may be shared with instances importing now, whose heartbeat is fresh.
    const discarded = await discardStagedPublications(ctx.db, {
      staleSeconds: ctx.backend === "pglite" ? null : STAGING_STALE_SECONDS,
    });
    if (discarded > 0) {
      app.log.warn(`${discarded} unfinished IATI import(s) discarded (their staged rows)`);
      // Their rows are dead now: vacuumed where no autovacuum runs (the embedded database).
      await vacuumWithoutAutovacuum(ctx.db).catch((error: Error) =>
        app.log.warn(`vacuuming the IATI tables failed: ${error.message}`),
      );
    }
  });
  // Open event streams would hold a closing server open: they end first.
  const streams = new Set<EventStream>();
  app.addHook("preClose", async () => {
    for (const raw of streams) raw.end();
  });
  app.addHook("onClose", async () => jobs.interruptOwn());
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
          200: importJobStateSchema,
          202: importJobStateSchema,
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
      const path = uploadPath(id);
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
      const started = await jobs.start({
        id,
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
        if (job.error) throw new AppError(job.error.code as ErrorCode, job.error.message);
        return reply.status(200).send(job);
      }
      void started.finished;
      return reply.status(202).header("location", `/api/iati/imports/${id}`).send(started.job);
    },
  );

  app.get(
    "/iati/imports",
    {
      config: { access: importers },
      schema: {
        tags,
        summary: "Import jobs, newest first: everyone's for the secretariat, your own otherwise",
        description:
          "Each job with its counts (the per-activity problems are in GET /iati/imports/{id}). A job the server stopped in the middle of is failed with error code interrupted.",
        querystring: listImportJobsQuerySchema,
        response: { 200: importJobListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const { data, total } = await jobs.list({ principal: request.principal, limit, offset });
      return { data, page: { total, limit, offset } };
    },
  );

  app.get(
    "/iati/imports/events",
    {
      config: { access: importers },
      schema: {
        tags,
        summary:
          "Server-sent events of every import job you may see that this server runs, from now on",
        description:
          "Open it before uploading to follow the upload from its first byte: on the embedded database a running import holds the one database connection, so a request that arrives during it (even to sign in) waits until it ends. Events: progress, then done, each with the job; a comment every 25 s keeps the stream open.",
        produces: ["text/event-stream"],
      },
    },
    async (request, reply) => {
      const { principal } = request;
      const raw = openEventStream(reply, streams);
      raw.write(": following import jobs\n\n");
      const unsubscribe = jobs.subscribeAll((event) => {
        if (canSeeImportJob(principal, event.ownerId)) sendEvent(raw, event.type, event.job);
      });
      const keepAlive = setInterval(() => raw.write(": keep-alive\n\n"), KEEP_ALIVE_MS).unref();
      raw.on("close", () => {
        unsubscribe();
        clearInterval(keepAlive);
      });
    },
  );

  app.get(
    "/iati/imports/:id",
    {
      config: { access: importers },
      schema: {
        tags,
        summary: "An import job: its progress, then its summary and report",
        params: jobParams,
        response: { 200: importJobStateSchema, ...errorResponses },
      },
    },
    async (request) => {
      const job = await jobs.find(request.params.id, request.principal);
      if (!job) throw notFound("import job", request.params.id);
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
      const { principal } = request;
      const job = await jobs.find(request.params.id, principal);
      if (!job) throw notFound("import job", request.params.id);
      const raw = openEventStream(reply, streams);
      const send = (type: string, data: ImportJob) => sendEvent(raw, type, data);
      send(job.status === "running" ? "progress" : "done", job);
      if (job.status !== "running") return raw.end();
      if (jobs.isRunningHere(job.id)) {
        const unsubscribe = jobs.subscribe(job.id, (event) => {
          send(event.type, event.job);
          if (event.type === "done") {
            unsubscribe();
            raw.end();
          }
        });
        raw.on("close", unsubscribe);
        return;
      }
      // Another instance runs it (or ran it, until its heartbeat goes stale): follow its row.
      let last = JSON.stringify(job);
      let reading = false;
      const timer = setInterval(async () => {
        if (reading) return;
        reading = true;
        const current = await jobs.find(job.id, principal).catch(() => undefined);
        reading = false;
        if (!current) return;
        const text = JSON.stringify(current);
        if (text === last) return;
        last = text;
        send(current.status === "running" ? "progress" : "done", current);
        if (current.status !== "running") {
          clearInterval(timer);
          raw.end();
        }
      }, POLL_MS).unref();
      raw.on("close", () => clearInterval(timer));
    },
  );
};
