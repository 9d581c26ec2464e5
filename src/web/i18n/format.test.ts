import { describe, expect, it } from "vitest";
import { pickText } from "../ui/Bilingual.tsx";
import { toCsv } from "../ui/download.ts";
import { createFormatters } from "./format.ts";

describe("formats", () => {
  it("formats decimal strings exactly, past what a float holds", () => {
    const en = createFormatters("en");
    // 9007199254740993.01 is not a float: formatting a parsed number would print …992.
    expect(en.money("9007199254740993.01", "USD")).toBe("$9,007,199,254,740,993.01");
    expect(en.money("739623200.00", "USD")).toBe("$739,623,200");
    expect(en.percent("43.01")).toBe("43.01%");
    const es = createFormatters("es");
    expect(es.money("1500000.5", "EUR")).toMatch(/^EUR\s?1,500,000\.5$|^1,500,000\.5\s?EUR$/);
    expect(es.percent("43.01")).toBe("43.01\u00a0%");
    expect(es.country("DO")).toBe("República Dominicana");
    expect(en.date("2011-06-22")).toBe("Jun 22, 2011");
  });

  it("shows the other language, marked, when the chosen one is missing", () => {
    expect(pickText({ es: "Combate al delito", en: "Combating crime" }, "es")).toEqual({
      text: "Combate al delito",
      fallbackFrom: null,
    });
    expect(pickText({ es: null, en: "Only in English" }, "es")).toEqual({
      text: "Only in English",
      fallbackFrom: "en",
    });
  });

  it("writes CSV with quoting and the exact decimals of the screen", () => {
    const csv = toCsv({
      fileName: "t",
      sheetName: "t",
      headers: ["Component", "Budget (USD)"],
      rows: [
        ['C · Rehabilitation, reinsertion "and" security', "110000000.00"],
        ["Total", null],
      ],
      kinds: ["text", "amount"],
    });
    expect(csv).toBe(
      '\ufeffComponent,Budget (USD)\r\n"C · Rehabilitation, reinsertion ""and"" security",110000000.00\r\nTotal,\r\n',
    );
  });
});
