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
      message: 'A record with the same "Code" already exists.',
    });
    // Several columns read as their labels; a column without one is never named.
    const pair = toAppError({
      code: "23505",
      detail: "Key (partner_id, initiative_id)=(a, b) already exists.",
    });
    expect(pair.message).toBe('A record with the same "Partner" and "Initiative" already exists.');
    expect(pair.values).toEqual({ key: "partner_id, initiative_id" });
    const hidden = toAppError({ code: "23505", detail: "Key (xmin_hash)=(1) already exists." });
    expect(hidden.message).toBe("A record with the same values already exists.");
    const missing = toAppError({
      code: "23503",
      detail: 'Key (partner_id)=(x) is not present in table "organizations".',
      constraint: "support_flows_partner_id_fkey",
    });
    expect(missing).toMatchObject({
      code: "unprocessable",
      message: 'The record named in "Partner" does not exist.',
    });
    expect(missing.message).not.toContain("fkey");
    const ledger = toAppError({ code: "P0001", hint: "esca:ledger_immutable", message: "x" });
    expect(ledger).toMatchObject({ code: "ledger_immutable", status: 409 });
    const check = toAppError({ code: "23514", constraint: "support_flows_amount_check" });
    expect(check).toMatchObject({
      code: "validation_failed",
      message: "A value is outside what this record accepts; check the amounts and dates.",
    });
    expect(check.message).not.toContain("support_flows");
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
