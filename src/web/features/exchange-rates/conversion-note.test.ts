import { describe, expect, it } from "vitest";
import type { RateBasis } from "../../../contracts/enums.ts";
import { en } from "../../i18n/en.ts";
import { interpolate, type Translate } from "../../i18n/i18n.tsx";
import { conversionNote, conversionNoteText } from "./conversion-note.ts";

const tEn: Translate = (key, vars) => interpolate(en[key] ?? key, vars);

describe("what a USD equivalent says about its rate", () => {
  it("names an annual average and a rate older than the value date's month, nothing else", () => {
    const note = (
      currency: string,
      valueDate: string,
      rateDate: string | null,
      basis: RateBasis | null,
    ) => conversionNote({ currency, valueDate, rateDate, basis });
    expect(note("GTQ", "2015-03-10", "2015-01-01", "annual_average")).toEqual({
      kind: "annual",
      year: "2015",
    });
    expect(note("EUR", "2026-05-20", "2026-04-01", "monthly_average")).toEqual({
      kind: "older",
      date: "2026-04-01",
    });
    expect(note("EUR", "2011-06-22", "2011-06-01", "monthly_average")).toBeNull();
    expect(note("EUR", "2011-06-22", "2011-06-22", "daily")).toBeNull();
    expect(note("BZD", "2019-11-30", "2019-11-01", "peg")).toBeNull();
    expect(note("USD", "2019-11-30", "2019-11-30", null)).toBeNull();
    // A stored rate whose basis is unknown is still said to be older when it is.
    expect(note("EUR", "2012-02-03", "2012-01-02", null)).toEqual({
      kind: "older",
      date: "2012-01-02",
    });
  });

  it("words the note in the reader's language", () => {
    expect(conversionNoteText({ kind: "annual", year: "2015" }, tEn, (d) => d)).toBe(
      "valued with the annual average of 2015",
    );
    expect(conversionNoteText({ kind: "older", date: "2026-04-01" }, tEn, () => "1 Apr 2026")).toBe(
      "valued with the rate of 1 Apr 2026, older than the value date's month",
    );
    expect(conversionNoteText(null, tEn, (d) => d)).toBeNull();
  });
});
