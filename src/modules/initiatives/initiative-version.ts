import { AppError } from "../../platform/errors.ts";

/**
 * Refuses a write based on a stale read, before any rule is checked against a record the
 * caller has not seen. Same answer as platform/db/versioned-update.ts gives.
 */
export function assertCurrentVersion(current: number, expected: number | undefined): void {
  if (expected === undefined || expected === current) return;
  throw new AppError(
    "conflict",
    `Someone else changed this record (now at version ${current}, you sent ${expected}); reload it and apply your change again.`,
    { context: { current_version: current } },
  );
}
