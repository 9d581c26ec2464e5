import { AppError } from "../errors.ts";

/** What an `If-Match` header asks for: any current record (`*`), or one version. */
export type IfMatch = { kind: "any" } | { kind: "version"; version: number };

/** The largest version a record can reach (PostgreSQL integer). */
const MAX_VERSION = 2_147_483_647;

const malformed = (message: string) =>
  new AppError("validation_failed", `If-Match ${message}`, {
    details: [{ path: "header.if-match", message }],
  });

/**
 * Reads `If-Match` as the ETags ESCA Hub sends: `"3"` (the bare `3` is taken too), a public
 * answer's `"3.<digest>"` (the record's version, then its bytes'), its compressed forms'
 * `"3.<digest>-br"` and `"3.<digest>-gzip"`, or `*`.
 * A list, a weak tag (it never matches, RFC 9110 §13.1.1) or anything else is refused with
 * what is wrong, rather than ignored: a client sending If-Match relies on it being checked.
 */
export function parseIfMatch(header: string): IfMatch {
  const value = header.trim();
  if (value === "*") return { kind: "any" };
  if (value.includes(","))
    throw malformed(`must name one version, such as "3"; got a list (${value.slice(0, 80)}).`);
  if (/^W\//i.test(value))
    throw malformed(`must be a strong ETag such as "3"; a weak one (W/…) never matches.`);
  // A public answer's ETag names the record's version before a dot, and a compressed form's
  // ends in its coding (public-cache.ts).
  const digits = /^"?(\d{1,10})(?:\.[\w-]{27}(?:-br|-gzip)?)?"?$/.exec(value)?.[1];
  const version = digits === undefined ? Number.NaN : Number(digits);
  if (!Number.isInteger(version) || version < 1 || version > MAX_VERSION || digits?.[0] === "0")
    throw malformed(
      `must be a record version such as "3" (its ETag), or *; got ${value.slice(0, 80) || "nothing"}.`,
    );
  return { kind: "version", version };
}
