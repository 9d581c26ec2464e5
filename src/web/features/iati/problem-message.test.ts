import { describe, expect, it } from "vitest";
import {
  iatiProblemCodes,
  iatiProblemValueNames,
  type IatiProblem as ServerProblem,
} from "../../../modules/iati/read/iati-activity.ts";
import { lineOf, writeProblemFile } from "../../../modules/iati/validate/problem-file.fixtures.ts";
import { validateIatiFile } from "../../../modules/iati/validate/validate-iati-file.ts";
import { en, type MessageKey } from "../../i18n/en.ts";
import { es } from "../../i18n/es.ts";
import { createFormatters } from "../../i18n/format.ts";
import { interpolate, type Translate } from "../../i18n/i18n.tsx";
import type { IatiProblem } from "./iati-api.ts";
import { problemMessage } from "./iati-format.ts";

const tEs: Translate = (key, vars) => interpolate(es[key] ?? key, vars);
const tEn: Translate = (key, vars) => interpolate(en[key] ?? key, vars);
const numberEs = createFormatters("es").number;
const numberEn = createFormatters("en").number;

/** What the server sends is what the page reads (the web's copy of the shape is wider). */
const asRead = (problem: ServerProblem): IatiProblem => problem;

describe("import problems in the reader's language", () => {
  it("has a sentence in both catalogs for every problem code, every placeholder filled", () => {
    expect(iatiProblemCodes.length).toBeGreaterThan(25);
    const unfilled: string[] = [];
    for (const code of iatiProblemCodes) {
      const key = `iatiProblem.${code}` as MessageKey;
      // The values the server sends for this code, and the problem's line.
      const names = ["line", ...iatiProblemValueNames[code]];
      const vars = Object.fromEntries(names.map((name) => [name, `«${name}»`]));
      for (const [lang, catalog] of [
        ["en", en],
        ["es", es],
      ] as const) {
        const sentence = catalog[key];
        if (!sentence) {
          unfilled.push(`${lang} ${key}: missing`);
          continue;
        }
        const left = interpolate(sentence, vars).match(/\{\w+\}/g);
        if (left) unfilled.push(`${lang} ${key}: ${left.join(", ")}`);
        // A value that names the problem (an identifier, a currency) is said, not dropped.
        for (const name of iatiProblemValueNames[code])
          if (!sentence.includes(`{${name}}`)) unfilled.push(`${lang} ${key}: no {${name}}`);
      }
    }
    expect(unfilled).toEqual([]);
  });

  it("words real problems of a file in Spanish, numbers in Spanish format", async () => {
    const report = await validateIatiFile({ path: writeProblemFile(), schemaDir: null });
    const problems = report.activities.flatMap((a) => a.problems.map(asRead));
    const worded = (code: string) =>
      problems.filter((p) => p.code === code).map((p) => problemMessage(p, tEs, numberEs));

    expect(worded("sector_sum")).toEqual([
      "Los porcentajes de sector del vocabulario 1 suman 90, no 100",
    ]);
    expect(worded("identifier_prefix")).toEqual([
      "El iati-identifier «OTHER-1» no empieza por la referencia de la organización informante «XM-T»",
    ]);
    expect(worded("currency_unknown")).toEqual([
      "<transaction>: XXQ no es un código de moneda ISO 4217",
    ]);
    expect(worded("amount_too_large")).toEqual([
      "<transaction>: 999999999999999 CLF tiene más cifras de las que se pueden registrar (como máximo 99999999999999.9999 CLF); la fila queda fuera",
    ]);
    expect(worded("usd_too_large")).toEqual([
      "-100000000000.01 USD del 2012-01-01 vale más de lo que puede valer un monto (USD 100000000000.00); se conserva sin valor en USD y fuera del registro",
    ]);
    expect(worded("duplicate_identifier")).toEqual([
      "El iati-identifier XM-T-2 aparece dos veces en el archivo",
    ]);
    // Every problem of the file has its Spanish sentence, not the English message.
    for (const problem of problems)
      expect(problemMessage(problem, tEs, numberEs), problem.code).not.toBe(problem.message);
    const sum = problems.find((p) => p.code === "sector_sum");
    expect(sum && problemMessage(sum, tEn, numberEn)).toBe(
      "Sector percentages of vocabulary 1 add up to 90, not 100",
    );
    expect(lineOf("sector_sum")).toBe(sum?.line);
  });

  it("leads a schema error with a translated sentence and keeps the validator's own text", () => {
    const text = "Element '{http://example.org}bogus': This element is not expected.";
    const problem: IatiProblem = {
      line: 12_345,
      kind: "schema",
      message: text,
      code: "schema",
      values: { text },
    };
    expect(problemMessage(problem, tEs, numberEs)).toBe(
      `Error de esquema (línea ${numberEs(12_345)}): ${text}`,
    );
    expect(problemMessage(problem, tEn, numberEn)).toBe(`Schema error (line 12,345): ${text}`);
  });

  it("falls back to the English message for stored reports without codes and for unknown codes", () => {
    const old: IatiProblem = { line: 3, kind: "rule", message: "the activity has no start date" };
    expect(problemMessage(old, tEs, numberEs)).toBe(old.message);
    const newer: IatiProblem = { ...old, code: "a_code_from_a_later_server", values: {} };
    expect(problemMessage(newer, tEs, numberEs)).toBe(old.message);
    // A code whose values did not come: never a sentence with a {placeholder} in it.
    const bare: IatiProblem = { ...old, code: "sector_sum", values: { vocabulary: "1" } };
    expect(problemMessage(bare, tEs, numberEs)).toBe(old.message);
  });
});
