import { describe, expect, it } from "vitest";
import { AppError, toAppError } from "./errors.ts";

describe("toAppError", () => {
  it("keeps an AppError as it is", () => {
    const error = new AppError("not_found", 'No initiative with id or code "X".');
    expect(toAppError(error)).toBe(error);
  });

  it("words the database refusals users can cause, naming the key or rule", () => {
    const duplicate = toAppError({
      code: "23505",
      detail: "Key (code)=(GT-01) already exists.",
      constraint: "initiatives_code_key",
    });
    expect(duplicate).toMatchObject({
      code: "conflict",
      status: 409,
      reason: "duplicate",
      values: { key: "code" },
      message: "A record with the same code already exists.",
    });
    const ledger = toAppError({ code: "P0001", hint: "esca:ledger_immutable", message: "x" });
    expect(ledger).toMatchObject({ code: "ledger_immutable", status: 409 });
    const check = toAppError({ code: "23514", constraint: "support_flows_amount_check" });
    expect(check).toMatchObject({
      code: "validation_failed",
      message: "A value breaks the rule support_flows_amount_check.",
    });
  });

  it("makes anything else internal, keeping the error as its cause", () => {
    const failure = new Error("socket hang up");
    const internal = toAppError(failure);
    expect(internal).toMatchObject({ code: "internal", status: 500 });
    expect(internal.cause).toBe(failure);
    // Another trigger's refusal is not the ledger's.
    expect(toAppError({ code: "P0001", message: "other rule" }).code).toBe("internal");
  });
});
