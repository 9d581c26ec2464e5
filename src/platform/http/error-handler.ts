import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from "fastify-type-provider-zod";
import {
  AppError,
  type ErrorCode,
  type ErrorDetail,
  labelled,
  type MessageValues,
  toAppError,
} from "../errors.ts";
import { englishExpectation, type Rule, ruleOf } from "./validation-rules.ts";

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

/** A zod issue (from a `safeParse` of one's own) as the rule a client words, as a request's would be. */
export function ruleOfIssue(issue: { code: string; message: string; path: PropertyKey[] }): Rule {
  const { code, message, path: _path, ...params } = issue;
  return ruleOf({ keyword: code, message, params });
}

/**
 * A request's error as an AppError: a schema's refusal names each field, a response that does
 * not fit its schema is ours, a Fastify refusal (body too large, not JSON, …) keeps its 4xx
 * meaning; anything else becomes what any error does (toAppError: a database refusal keeps
 * its code, the rest is internal).
 */
function requestErrorToAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details: ErrorDetail[] = error.validation.flatMap((issue) => {
      // A strict schema refuses unknown keys in one issue; name each key as its own field.
      const unknown =
        issue.keyword === "unrecognized_keys"
          ? (issue.params?.keys as string[] | undefined)
          : undefined;
      if (unknown?.length) {
        return unknown.map((key) =>
          labelled({
            path: fieldPath(error.validationContext, issue.instancePath, key),
            message: "is not a field this request accepts",
            rule: { code: "unknown_field" },
          }),
        );
      }
      const message = issue.message ?? "";
      const rule = ruleOf({ keyword: issue.keyword, message, params: issue.params });
      return [
        labelled({
          path: fieldPath(
            error.validationContext,
            issue.instancePath,
            issue.params?.missingProperty,
          ),
          message: englishExpectation(rule, message),
          rule,
        }),
      ];
    });
    const first = details[0];
    // An unknown field has no label of ours: its own name is what the sender knows it by.
    const opening = !first
      ? ""
      : first.label
        ? `${first.label}: ${first.message}`
        : first.rule?.code === "unknown_field" && first.path
          ? `"${first.path}" ${first.message}`
          : `The request: ${first.message}`;
    const message = first
      ? `${opening}${details.length > 1 ? ` (and ${details.length - 1} more)` : ""}`
      : "The request is invalid.";
    return new AppError("validation_failed", message, { details });
  }
  const malformed = malformedMultipart(error);
  if (malformed) return malformed;
  if (isResponseSerializationError(error))
    return new AppError("internal", "The server produced an invalid response.", { cause: error });
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
  return toAppError(error);
}

/**
 * The multipart reader's refusals of a body that is not a whole multipart/form-data body (cut
 * before its closing boundary, or with no boundary named): plain errors with no code, which
 * would otherwise pass for ours.
 */
const MULTIPART_FAILURES = /^Multipart: Boundary not found$|unexpected end of multipart data$/i;
function malformedMultipart(error: unknown): AppError | undefined {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== undefined) return;
  if (!MULTIPART_FAILURES.test(error.message)) return;
  return new AppError(
    "validation_failed",
    error.message.startsWith("Multipart: Boundary")
      ? "The upload's content type names no boundary: send multipart/form-data with its boundary."
      : "The upload ended before its closing boundary: send the whole multipart/form-data body.",
    { cause: error },
  );
}

export function errorBody(
  error: AppError,
  requestId?: string,
): {
  error: {
    code: string;
    message: string;
    reason?: string;
    values?: MessageValues;
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
      ...(error.reason ? { reason: error.reason } : {}),
      ...(error.values ? { values: error.values } : {}),
      details: error.details,
      ...(error.context ? { context: error.context } : {}),
    },
  };
}

export async function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const appError = requestErrorToAppError(error);
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
