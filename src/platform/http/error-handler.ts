import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from "fastify-type-provider-zod";
import {
  AppError,
  type ErrorCode,
  type ErrorDetail,
  type MessageValues,
  toAppError,
} from "../errors.ts";

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

const isValue = (value: unknown): value is string | number | boolean =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean";

/**
 * The zod issue as a rule a client can word: its code and plain limits (minimum, maximum,
 * inclusive, origin, expected, format, values). A custom rule names itself with
 * `params: { rule: "…", …values }` in the schema. A missing value is `required`.
 */
function ruleOf(
  keyword: string,
  params: Record<string, unknown> | undefined,
  message: string,
): { code: string } & MessageValues {
  const named = params?.params as Record<string, unknown> | undefined;
  const source: Record<string, unknown> =
    keyword === "custom" && typeof named?.rule === "string" ? named : (params ?? {});
  const code =
    keyword === "custom" && typeof named?.rule === "string"
      ? named.rule
      : keyword === "invalid_type" && /received undefined$/.test(message)
        ? "required"
        : keyword;
  const rule: { code: string } & MessageValues = { code };
  for (const [name, value] of Object.entries(source)) {
    if (name === "rule" || name === "input" || name === "params") continue;
    if (isValue(value)) rule[name] = value;
    else if (typeof value === "bigint") rule[name] = value.toString();
    else if (
      Array.isArray(value) &&
      value.every((v) => typeof v === "string" || typeof v === "number")
    )
      rule[name] = value;
  }
  // A pattern's message often shows a valid value ("e.g. BA1", "such as \"41.4\""): keep it.
  const example = /(?:e\.g\.|such as) "?([^\s",;)]+)"?/.exec(message)?.[1];
  if (code === "invalid_format" && example) rule.example = example;
  return rule;
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
        return unknown.map((key) => ({
          path: fieldPath(error.validationContext, issue.instancePath, key),
          message: "is not a field this request accepts",
          rule: { code: "unknown_field" },
        }));
      }
      const message = issue.message ?? "is invalid";
      return [
        {
          path: fieldPath(
            error.validationContext,
            issue.instancePath,
            issue.params?.missingProperty,
          ),
          message,
          rule: ruleOf(issue.keyword, issue.params, message),
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
