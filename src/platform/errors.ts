import { englishFieldLabel } from "../contracts/field-labels.ts";

/**
 * The one error type of ESCA Hub. Every code maps to exactly one HTTP status here, and the
 * web app and CLI show `message` to people; stacks and SQL never leave the server.
 *
 * | code                  | status | when                                                  |
 * |-----------------------|--------|-------------------------------------------------------|
 * | validation_failed     | 400    | input does not match the schema (details name fields) |
 * | unauthorized          | 401    | a login is needed                                     |
 * | totp_required         | 401    | the account has two factors: send the 6-digit code    |
 * | forbidden             | 403    | the acting user may not do this                       |
 * | not_found             | 404    | no record with that id                                |
 * | conflict              | 409    | duplicate code, stale version, record in use          |
 * | ledger_immutable      | 409    | an attempt to edit or delete a financial record       |
 * | invalid_transition    | 409    | a lifecycle step out of order                         |
 * | funding_not_secured   | 409    | in_execution without secured funding or an override   |
 * | over_commitment       | 409    | disbursed would exceed committed without an override  |
 * | missing_exchange_rate | 422    | no rate for the currency on or before the value date  |
 * | unprocessable         | 422    | well-formed input that breaks a business rule         |
 * | payload_too_large     | 413    | request body over the size limit                      |
 * | uri_too_long          | 414    | a URL over 8 KB                                       |
 * | headers_too_large     | 431    | request line and headers over 16 KB (Node's limit)    |
 * | request_timeout       | 408    | the request did not arrive in time                    |
 * | unsupported_media_type| 415    | a body that is not JSON where JSON is expected        |
 * | data_dir_in_use       | 423    | another process holds the embedded data folder        |
 * | rate_limited          | 429    | too many requests                                     |
 * | internal              | 500    | anything unexpected (logged with the request id)      |
 * | not_ready             | 503    | the database is unreachable or not migrated           |
 */
export const errorStatus = {
  validation_failed: 400,
  unauthorized: 401,
  totp_required: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  ledger_immutable: 409,
  invalid_transition: 409,
  funding_not_secured: 409,
  over_commitment: 409,
  missing_exchange_rate: 422,
  unprocessable: 422,
  payload_too_large: 413,
  uri_too_long: 414,
  headers_too_large: 431,
  request_timeout: 408,
  unsupported_media_type: 415,
  data_dir_in_use: 423,
  rate_limited: 429,
  internal: 500,
  not_ready: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** Values a client needs to word a message itself, in its own language. */
export type MessageValues = Record<string, string | number | boolean | (string | number)[]>;

export interface ErrorDetail {
  /** Field path, e.g. "budget.amount" or "sectors.1.percentage"; "" for the whole input. */
  path: string;
  /** The field's name for people, in English ("Budget amount"); set from the path. */
  label?: string;
  /** English, for people reading the API; clients word it from `rule` in their language. */
  message: string;
  /** The rule the field breaks: `code` (e.g. too_small, invalid_value, or a named rule such as
   *  sectors_sum) and its limits (minimum, values, …). */
  rule?: { code: string } & MessageValues;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  /** Extra machine-readable context, e.g. the current record on a stale version. */
  readonly context: Record<string, unknown> | undefined;
  readonly reason: string | undefined;
  readonly values: MessageValues | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      details?: ErrorDetail[];
      context?: Record<string, unknown>;
      cause?: unknown;
      /** A stable name for why, finer than the code (e.g. invalid_credentials), with the
       *  values its message names, so a client can say it in its own language. */
      reason?: string;
      values?: MessageValues;
    } = {},
  ) {
    const details = (options.details ?? []).map(labelled);
    super(
      namedByLabel(message, details),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = "AppError";
    this.code = code;
    this.details = details;
    this.context = options.context;
    this.reason = options.reason;
    this.values = options.values;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string, id: string) =>
  new AppError("not_found", `No ${what} with id or code "${id}".`);

/** The detail with its field's English label (contracts/field-labels.ts), where it has one. */
export function labelled(detail: ErrorDetail): ErrorDetail {
  if (detail.label !== undefined) return detail;
  const label = englishFieldLabel(detail.path);
  return label === undefined ? detail : { ...detail, label };
}

/**
 * A message that opens with a field's path ("pledge_id: …") opens with its label instead
 * ("Pledge: …"): people read the message, and a request's keys mean nothing to them.
 */
function namedByLabel(message: string, details: ErrorDetail[]): string {
  for (const detail of details) {
    if (detail.label && detail.path && message.startsWith(`${detail.path}: `)) {
      // A file's line or row stays in front of the label: "line 3, Date: …".
      const position = /^((?:line|row) \d+)\./i.exec(detail.path)?.[1];
      const label = position ? `${position}, ${detail.label}` : detail.label;
      return `${label}${message.slice(detail.path.length)}`;
    }
  }
  return message;
}

/** One field's refusal: "Reason for exceeding the commitment: is required". */
export const invalidField = (
  path: string,
  message: string,
  rule: { code: string } & MessageValues,
) =>
  new AppError("validation_failed", `${englishFieldLabel(path) ?? path}: ${message}`, {
    details: [{ path, message, rule }],
  });

interface PgErrorLike {
  code?: string;
  hint?: string;
  detail?: string;
  constraint?: string;
  message?: string;
}

/**
 * Turns the PostgreSQL errors that users can cause into AppErrors with a clear message.
 * Both `pg` and PGlite put the SQLSTATE in `code`. Anything else stays unexpected.
 */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof AppError || typeof error !== "object" || error === null) return error;
  const pgError = error as PgErrorLike;
  switch (pgError.code) {
    case "P0001":
      if (pgError.hint === "esca:ledger_immutable" || pgError.message?.includes("append-only")) {
        return new AppError(
          "ledger_immutable",
          "Financial records cannot be edited or deleted; record a reversal instead.",
          { cause: error },
        );
      }
      return error;
    case "23505": {
      const columns = keyColumns(pgError);
      const labels = columnLabels(columns);
      return new AppError(
        "conflict",
        labels
          ? `A record with the same ${labels} already exists.`
          : "A record with the same values already exists.",
        {
          reason: "duplicate",
          values: { key: columns.join(", ") },
          cause: error,
        },
      );
    }
    case "23503": {
      const labels = columnLabels(keyColumns(pgError));
      return new AppError(
        "unprocessable",
        labels
          ? `The record named in ${labels} does not exist.`
          : "A record this one refers to does not exist.",
        { cause: error },
      );
    }
    case "23514":
      // The constraint's name is the database's, not the reader's: it stays in the log (cause).
      return new AppError(
        "validation_failed",
        "A value is outside what this record accepts; check the amounts and dates.",
        { cause: error },
      );
    default:
      return error;
  }
}

/** The columns PostgreSQL names in "Key (partner_id, initiative_id)=(…)", or none. */
function keyColumns(error: PgErrorLike): string[] {
  const match = error.detail?.match(/Key \(([^)]+)\)/);
  return (match?.[1] ?? "")
    .split(",")
    .map((column) => column.trim().replace(/^"|"$/g, ""))
    .filter(Boolean);
}

/**
 * The columns as people know them ("Partner and Initiative"), or undefined when one has no
 * label: a request's or table's key names never reach a person (issue 19, item 8).
 */
function columnLabels(columns: string[]): string | undefined {
  const labels = columns.map((column) => englishFieldLabel(column));
  if (labels.length === 0 || labels.some((label) => label === undefined)) return undefined;
  const named = labels.map((label) => `"${label}"`);
  return named.length === 1 ? named[0] : `${named.slice(0, -1).join(", ")} and ${named.at(-1)}`;
}

/**
 * Any error as an AppError: an AppError as it is, a database refusal users can cause (see
 * translateDatabaseError) as its code, anything else as `internal` (with the error as cause).
 * The HTTP error handler words request errors (validation, body, limits) before falling back
 * on this; the command line and background jobs use it as it is.
 */
export function toAppError(error: unknown): AppError {
  const translated = translateDatabaseError(error);
  if (translated instanceof AppError) return translated;
  return new AppError("internal", "Something went wrong on our side.", { cause: error });
}
