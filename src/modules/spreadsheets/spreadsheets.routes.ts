import multipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { workbookPlanSchema } from "../../contracts/spreadsheets.ts";
import { type WorkbookLanguage, workbookLanguages } from "../../contracts/workbook-labels.ts";
import { AppError } from "../../platform/errors.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { applyWorkbook } from "./apply-workbook.ts";
import { previewWorkbook, publicPlan } from "./preview-workbook.ts";
import { megabytes, workbookLimits, workbookTooLarge } from "./workbook-limits.ts";
import { WorkbookSlots } from "./workbook-slots.ts";

const tags = ["spreadsheets"];
const exportQuery = z.object({
  lang: z
    .enum(workbookLanguages)
    .optional()
    .meta({ description: "The workbook's language; by default the Accept-Language header's" }),
});
const workbookFileName = { es: "esca-cartera.xlsx", en: "esca-portfolio.xlsx" } as const;

/** "es-GT,es;q=0.9,en;q=0.8" → es: the first of es and en the header names, else English. */
const preferredLanguage = (header: string | undefined): WorkbookLanguage => {
  const first = (header ?? "")
    .split(",")
    .map((part) => part.trim().slice(0, 2).toLowerCase())
    .find((code) => code === "es" || code === "en");
  return first === "es" ? "es" : "en";
};
const editors = { roles: ["partner", "secretariat", "admin"] } as const;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Rows left out are kept, unless the upload asks to reverse the flows it leaves out. */
const removeMissingQuery = z.object({
  remove_missing: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true")
    .meta({
      description:
        "true: reverse the standing flows the sheet left out (those you could download and may reverse); initiatives are never removed",
    }),
});

export const spreadsheetRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const maxBytes = workbookLimits.maxFileBytes;
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1 } });
  const slots = new WorkbookSlots();
  const upload = async (request: FastifyRequest) => {
    const part = request.isMultipart() ? await request.file() : undefined;
    if (!part)
      throw new AppError(
        "validation_failed",
        'Send the workbook as multipart/form-data in the field "file".',
      );
    const buffer = await part.toBuffer().catch((error: { code?: string }) => {
      if (error.code === "FST_REQ_FILE_TOO_LARGE")
        throw workbookTooLarge({
          reason: "workbook_file_too_large",
          message: `The workbook is larger than ${megabytes(maxBytes)} MB.`,
          values: { limit_mb: megabytes(maxBytes) },
        });
      throw error;
    });
    return buffer;
  };

  app.get(
    "/spreadsheets/portfolio.xlsx",
    {
      config: { access: editors },
      schema: {
        tags,
        summary: "Initiatives and standing flows as an XLSX workbook to edit offline",
        description:
          "In the language asked for (else the Accept-Language header's, else English): sheet names, headers, notes and validation lists. A partner's workbook holds every flow it may read; other organizations' rows and the initiatives are protected cells. Preview and apply read either language.",
        querystring: exportQuery,
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const lang = request.query.lang ?? preferredLanguage(request.headers["accept-language"]);
      // ExcelJS is loaded by the first workbook asked for, not with every start (~0.2 s).
      const { exportWorkbook } = await import("./export-workbook.ts");
      const workbook = await exportWorkbook({ db: ctx.db, principal: request.principal, lang });
      return reply
        .type(XLSX)
        .header("content-disposition", `attachment; filename="${workbookFileName[lang]}"`)
        .header("content-language", lang)
        .send(workbook);
    },
  );
  /**
   * Preview and apply alike: an editor's uploaded workbook in, one at a time per user, its
   * plan out (413: the workbook is too large; 429: one of the user's is being read).
   */
  const workbookRoute = <Query extends typeof removeMissingQuery>(
    summary: string,
    querystring: Query,
  ) => ({
    config: { access: editors },
    schema: {
      tags,
      summary,
      consumes: ["multipart/form-data"],
      querystring,
      response: {
        200: workbookPlanSchema,
        413: errorResponses[422],
        429: errorResponses[422],
        ...errorResponses,
      },
    },
  });
  const planOfUpload = async (
    request: FastifyRequest,
    plan: (workbook: {
      buffer: Buffer;
      principal: FastifyRequest["principal"];
    }) => Promise<Parameters<typeof publicPlan>[0]>,
  ) =>
    slots.run(request.principal, async () =>
      publicPlan(await plan({ buffer: await upload(request), principal: request.principal })),
    );

  app.post(
    "/spreadsheets/preview",
    workbookRoute(
      "What an edited workbook would change, row by row (added, changed, unchanged, errors); writes nothing",
      removeMissingQuery,
    ),
    async (request) =>
      planOfUpload(request, (workbook) =>
        previewWorkbook({ db: ctx.db, removeMissing: request.query.remove_missing, ...workbook }),
      ),
  );
  app.post(
    "/spreadsheets/apply",
    workbookRoute(
      "Apply an edited workbook as previewed, in one transaction (what the sheet left out stays, unless remove_missing reverses its flows)",
      removeMissingQuery.extend({
        plan_hash: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .meta({ description: "The preview's plan_hash: what was confirmed" }),
      }),
    ),
    async (request) =>
      planOfUpload(request, (workbook) =>
        applyWorkbook({
          db: ctx.db,
          planHash: request.query.plan_hash,
          removeMissing: request.query.remove_missing,
          ...workbook,
        }),
      ),
  );
};
