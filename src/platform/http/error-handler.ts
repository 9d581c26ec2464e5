import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from "fastify-type-provider-zod";
import { translateDatabaseError } from "../db/errors.ts";
import { AppError, type ErrorCode, type ErrorDetail } from "../errors.ts";

const contextNames: Record<string, string> = {
  querystring: "query",
  params: "path",
  headers: "header",
};

/** `/budget/amount` in the body → "budget.amount"; in the query string → "query.limit". */
function fieldPath(context: string | undefined, instancePath: string, missing?: unknown): string {
  const parts = instancePath.split("/").filter(Boolean);
  if (typeof missing === "string") parts.push(missing);
  const prefix = context && context !== "body" ? (contextNames[context] ?? context) : undefined;
  return [prefix, ...parts].filter(Boolean).join(".");
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details: ErrorDetail[] = error.validation.flatMap((issue) => {
      // A strict schema refuses unknown keys in one issue; name each key as its own field.
      const unknown =
        issue.keyword === "unrecognized_keys"
          ? (issue.params?.keys as string[] | undefined)
          : undefined;
      if (unknown?.length) {
        return unknown.map((key) => ({
          path: fieldPath(error.validationContext, issue.instancePath, key),
          message: "is not a field this request accepts",
        }));
      }
      return [
        {
          path: fieldPath(
            error.validationContext,
            issue.instancePath,
            issue.params?.missingProperty,
          ),
          message: issue.message ?? "is invalid",
        },
      ];
    });
    const first = details[0];
    const message = first
      ? `${first.path || "request"}: ${first.message}`
      : "The request is invalid.";
    return new AppError("validation_failed", message, { details });
  }
  if (isResponseSerializationError(error))
    return new AppError("internal", "The server produced an invalid response.", { cause: error });
  const translated = translateDatabaseError(error);
  if (translated instanceof AppError) return translated;
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode ?? 500;
  if (status < 500) {
    const code: ErrorCode =
      status === 413
        ? "payload_too_large"
        : status === 415
          ? "unsupported_media_type"
          : status === 429
            ? "rate_limited"
            : status === 404
              ? "not_found"
              : "validation_failed";
    const message =
      fastifyError.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError
        ? "The request body is not valid JSON."
        : (fastifyError.message ?? "Bad request.");
    return new AppError(code, message, { cause: error });
  }
  return new AppError("internal", "Something went wrong on our side.", { cause: error });
}

export function errorBody(
  error: AppError,
  requestId?: string,
): {
  error: {
    code: string;
    message: string;
    details: ErrorDetail[];
    context?: Record<string, unknown>;
  };
} {
  const message =
    error.code === "internal" && requestId
      ? `${error.message} Request id: ${requestId}.`
      : error.message;
  return {
    error: {
      code: error.code,
      message,
      details: error.details,
      ...(error.context ? { context: error.context } : {}),
    },
  };
}

export async function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(error);
  if (appError.code === "internal") request.log.error({ err: error }, "unexpected error");
  else request.log.info({ code: appError.code, message: appError.message }, "request refused");
  const body = errorBody(appError, request.id);
  const current = await currentRecordOnConflict(appError, request);
  if (current !== undefined) body.error.context = { ...body.error.context, current };
  return reply.status(appError.status).send(body);
}

/**
 * A stale edit (409 with current_version) answers with the record as it now is, read the way
 * the caller would read it (same URL, same credentials), so a client can show what changed.
 */
async function currentRecordOnConflict(error: AppError, request: FastifyRequest): Promise<unknown> {
  if (error.code !== "conflict" || error.context?.current_version === undefined) return undefined;
  if (request.method !== "PATCH" && request.method !== "PUT") return undefined;
  const headers: Record<string, string> = {};
  for (const name of ["cookie", "authorization"] as const) {
    const value = request.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  const response = await request.server.inject({ method: "GET", url: request.url, headers });
  return response.statusCode === 200 ? response.json() : undefined;
}
