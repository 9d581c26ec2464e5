import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client.ts";
import { detailMessage, errorMessage, fieldLabel } from "./api-errors.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { interpolate, type Translate } from "./i18n.tsx";

const tEs: Translate = (key, vars) => interpolate(es[key] ?? key, vars);
const tEn: Translate = (key, vars) => interpolate(en[key] ?? key, vars);

/** The refusal the ledger gives a partner's disbursement beyond its commitment (ledger-invariant.ts). */
const values = {
  committed_usd: "900000.00",
  disbursed_usd: "1050000.00",
  left_usd: "0.00",
  currency: "USD",
  request_route: "/api/over-disbursement-requests",
};
const refusal = new ApiError(
  409,
  "over_commitment",
  "Only USD 0.00 is left on this partner's commitments to this initiative …",
  [
    {
      path: "value.amount",
      message: "is more than the USD 0.00 left on the commitment",
      rule: { code: "over_commitment_left", ...values },
    },
  ],
  { reason: "override_required", values, context: values },
);

describe("over-commitment refusals in the reader's language", () => {
  it("words amounts as money in the reader's locale, never as raw decimals or field names", () => {
    const english = errorMessage(refusal, tEn, "en");
    // Intl separates the code from the figure with a no-break space.
    expect(english).toMatch(/\(USD\s900,000\.00 committed\)/);
    expect(english).toContain("ask the secretariat for an override");
    const spanish = errorMessage(refusal, tEs, "es");
    expect(spanish).toMatch(/USD\s900,000\.00 comprometidos/);
    for (const text of [english, spanish]) {
      expect(text).not.toContain("900000.00");
      expect(text).not.toContain("value.amount");
      expect(text).not.toContain("_usd");
    }
  });

  it("words the amount field's problem with the money left, beside its label", () => {
    const [detail] = refusal.details;
    if (!detail) throw new Error("no detail");
    expect(detailMessage(detail, tEn, "en")).toMatch(
      /^is more than the USD\s0\.00 left on the commitment$/,
    );
    expect(detailMessage(detail, tEs, "es")).toMatch(/^supera los USD\s0\.00 que quedan/);
    expect(fieldLabel(detail.path, tEn)).toBe(en["form.amount"]);
  });
});
