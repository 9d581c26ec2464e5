import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client.ts";
import { detailMessage, errorMessage } from "../../i18n/api-errors.ts";
import { en } from "../../i18n/en.ts";
import { es } from "../../i18n/es.ts";
import { interpolate, type Translate } from "../../i18n/i18n.tsx";

const tEn: Translate = (key, vars) => interpolate(en[key] ?? key, vars);
const tEs: Translate = (key, vars) => interpolate(es[key] ?? key, vars);

/** The refusal the API sends for a GTQ amount dated after the last GTQ rate. */
const values = { currency: "GTQ", date: "2025-03-03", lookback_days: 366 };
const detail = {
  path: "value.currency",
  message: "No USD rate for GTQ on or before 2025-03-03 (within 366 days); …",
  rule: { code: "missing_rate", ...values },
};
const refusal = new ApiError(422, "missing_exchange_rate", detail.message, [detail], {
  reason: "missing_rate",
  values,
});

describe("a missing rate, under the currency field", () => {
  it("says which rate is missing, with the date as the reader writes it", () => {
    expect(detailMessage(detail, tEn, "en")).toBe(
      "No USD rate for GTQ on or before Mar 3, 2025 (within 366 days)",
    );
    expect(detailMessage(detail, tEs, "es")).toMatch(
      /^No hay tipo de cambio a USD para GTQ el 3 mar\.? 2025 ni en los 366 días anteriores$/,
    );
    expect(errorMessage(refusal, tEn, "en")).toContain("GTQ on or before Mar 3, 2025");
  });
});
