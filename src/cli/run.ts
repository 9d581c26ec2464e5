import { toAppError } from "../platform/errors.ts";
import { runWithContext, systemContext } from "../platform/request-context.ts";

/**
 * Runs one CLI action: on failure prints a one-line reason to stderr and exits non-zero.
 * Expected errors print their message; anything else prints a generic line (the detail
 * only with ESCA_DEBUG=1), never a stack by default.
 */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      // Whatever an operator command changes is attributed to the command line in the audit trail.
      await runWithContext(systemContext("esca-cli"), () => fn(...args));
    } catch (error) {
      const appError = toAppError(error);
      const line =
        appError.code === "internal"
          ? `unexpected error: ${(error as Error).message ?? String(error)}`
          : appError.message;
      process.stderr.write(`esca: ${line.replace(/\s+/g, " ")}\n`);
      if (process.env.ESCA_DEBUG === "1") console.error(error);
      process.exitCode = 1;
    }
  };
}
