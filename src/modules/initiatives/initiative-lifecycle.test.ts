import { describe, expect, it } from "vitest";
import { type InitiativeStatus, initiativeStatuses } from "../../contracts/enums.ts";
import { AppError } from "../../platform/errors.ts";
import { assertTransitionAllowed, nextStatuses, reasonRequired } from "./initiative-lifecycle.ts";

const outcome = (from: InitiativeStatus, to: InitiativeStatus, reason?: string) => {
  try {
    assertTransitionAllowed({ from, to, reason, fundingOverrideReason: undefined });
    return "allowed";
  } catch (error) {
    return error instanceof AppError ? error.code : "unexpected";
  }
};

describe("initiative lifecycle rules", () => {
  it("allows exactly the documented steps, from every status to every status", () => {
    const allowed = initiativeStatuses.flatMap((from) =>
      initiativeStatuses
        .filter((to) => outcome(from, to, "because") === "allowed")
        .map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        "draft→submitted",
        "draft→cancelled",
        "submitted→endorsed",
        "submitted→rejected",
        "submitted→draft",
        "submitted→cancelled",
        "endorsed→seeking_funding",
        "endorsed→cancelled",
        "seeking_funding→in_execution",
        "seeking_funding→cancelled",
        "in_execution→completed",
        "in_execution→cancelled",
      ].sort(),
    );
  });

  it("ends the life of an initiative at completed, rejected or cancelled", () => {
    expect(nextStatuses.completed).toEqual([]);
    expect(nextStatuses.rejected).toEqual([]);
    expect(nextStatuses.cancelled).toEqual([]);
    expect(outcome("completed", "cancelled", "late")).toBe("invalid_transition");
  });

  it("asks for a reason to reject, cancel or return for changes, and only then", () => {
    expect(outcome("submitted", "rejected")).toBe("validation_failed");
    expect(outcome("endorsed", "cancelled")).toBe("validation_failed");
    expect(outcome("submitted", "draft")).toBe("validation_failed");
    expect(outcome("submitted", "endorsed")).toBe("allowed");
    expect(reasonRequired("draft", "submitted")).toBe(false);
  });

  it("names the allowed next steps when a step is skipped", () => {
    try {
      assertTransitionAllowed({
        from: "draft",
        to: "endorsed",
        reason: undefined,
        fundingOverrideReason: undefined,
      });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).message).toBe(
        "An initiative cannot move from draft to endorsed; from draft it can move to: submitted, cancelled.",
      );
    }
  });

  it("accepts a funding override only on the way into execution", () => {
    const overridden = (to: InitiativeStatus) => () =>
      assertTransitionAllowed({
        from: "seeking_funding",
        to,
        reason: "x",
        fundingOverrideReason: "urgent",
      });
    expect(overridden("in_execution")).not.toThrow();
    expect(overridden("cancelled")).toThrow(
      /Reason for starting without secured funding: .*in execution/,
    );
  });
});
