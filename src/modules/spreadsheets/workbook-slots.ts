import { AppError } from "../../platform/errors.ts";
import type { Principal } from "../accounts/index.ts";

const holderOf = (principal: Principal) =>
  principal.kind === "user"
    ? `user:${principal.userId}`
    : principal.kind === "system"
      ? `system:${principal.label}`
      : "anonymous";

/**
 * One workbook at a time per user (in this server process): reading one is bounded by the
 * limits, and a user sending the same file four times at once gets one answer and three
 * refusals (429) rather than four readings side by side.
 */
export class WorkbookSlots {
  private readonly busy = new Set<string>();

  async run<T>(principal: Principal, work: () => Promise<T>): Promise<T> {
    const holder = holderOf(principal);
    if (this.busy.has(holder))
      throw new AppError(
        "rate_limited",
        "Another workbook of yours is still being read; wait for its answer, then send this one.",
        { reason: "workbook_in_progress" },
      );
    this.busy.add(holder);
    try {
      return await work();
    } finally {
      this.busy.delete(holder);
    }
  }
}
