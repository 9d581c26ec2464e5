import { describe, expect, it } from "vitest";
import { schemasDir } from "../iati.fixtures.ts";
import { importSummarySchema, validationReportSchema } from "../iati.schema.ts";
import {
  type IatiProblem,
  iatiProblemCodes,
  iatiProblemValueNames,
} from "../read/iati-activity.ts";
import { readIatiActivities } from "../read/read-iati-stream.ts";
import { ActivityStager } from "../stage/activity-stager.ts";
import { lineOf, writeProblemFile } from "./problem-file.fixtures.ts";
import { todayUtc, validateIatiFile } from "./validate-iati-file.ts";

const problemsOf = (reports: Array<{ problems: IatiProblem[] }>) =>
  reports.flatMap((report) => report.problems);

/** Each problem's values are exactly the names its code declares. */
function expectDeclaredValues(problems: IatiProblem[]) {
  for (const problem of problems)
    expect(Object.keys(problem.values).sort(), problem.code).toEqual(
      [...iatiProblemValueNames[problem.code]].sort(),
    );
}

const usdTooLarge = {
  line: lineOf("usd_too_large"),
  kind: "rate",
  code: "usd_too_large",
  values: {
    amount: "-100000000000.01",
    currency: "USD",
    date: "2012-01-01",
    maximum: "100000000000.00",
  },
  message:
    "-100000000000.01 USD on 2012-01-01 is more than one amount may be (USD 100000000000.00); kept without a USD value and out of the ledger",
};

describe("problem codes and values", () => {
  it("names each problem of a validation by code, with its values and the same English message", async () => {
    const report = await validateIatiFile({ path: writeProblemFile(), schemaDir: null });
    const problems = problemsOf(report.activities);
    const byCode = (code: string) => problems.filter((p) => p.code === code);

    expect(byCode("identifier_prefix")).toEqual([
      {
        line: lineOf("identifier_prefix"),
        kind: "rule",
        code: "identifier_prefix",
        values: { identifier: "OTHER-1", ref: "XM-T" },
        message: `iati-identifier "OTHER-1" does not start with the reporting org's ref "XM-T"`,
      },
    ]);
    expect(byCode("actual_start_after_end")).toEqual([
      expect.objectContaining({
        values: { start: "2013-01-01", end: "2012-01-01" },
        message: "the actual start 2013-01-01 is after the actual end 2012-01-01",
      }),
    ]);
    expect(byCode("sector_sum")).toEqual([
      expect.objectContaining({
        kind: "rule",
        values: { vocabulary: "1", total: 90 },
        message: "sector percentages of vocabulary 1 add up to 90, not 100",
      }),
    ]);
    expect(byCode("transaction_date_future")).toEqual([
      expect.objectContaining({
        line: lineOf("transaction_date_future"),
        values: { date: "2999-01-01" },
      }),
    ]);
    expect(byCode("currency_unknown")).toEqual([
      {
        line: lineOf("currency_unknown"),
        kind: "data",
        code: "currency_unknown",
        values: { element: "transaction", currency: "XXQ" },
        message: "<transaction>: XXQ is not an ISO 4217 currency code",
      },
    ]);
    expect(byCode("amount_not_number")).toEqual([
      expect.objectContaining({
        line: lineOf("amount_not_number"),
        values: { element: "budget", amount: "ten" },
        message: '<budget>: "ten" is not a decimal number',
      }),
    ]);
    expect(byCode("amount_too_large")).toEqual([
      {
        line: lineOf("amount_too_large"),
        kind: "data",
        code: "amount_too_large",
        values: {
          element: "transaction",
          amount: "999999999999999",
          currency: "CLF",
          maximum: "99999999999999.9999",
        },
        message:
          "<transaction>: 999999999999999 CLF has more digits than can be recorded (at most 99999999999999.9999 CLF, 18 digits in all)",
      },
    ]);
    // A USD value needs no rate to be known over the bound.
    expect(byCode("usd_too_large")).toEqual([usdTooLarge]);
    expect(byCode("transaction_type_missing")).toEqual([
      expect.objectContaining({ line: lineOf("transaction_type_missing"), values: {} }),
    ]);
    expect(byCode("no_start_date")).toEqual([
      expect.objectContaining({ line: lineOf("no_start_date"), values: {} }),
    ]);
    expect(byCode("narrative_no_lang").map((p) => p.line)).toEqual([lineOf("narrative_no_lang")]);
    expect(byCode("duplicate_identifier")).toEqual([
      {
        line: lineOf("duplicate_identifier"),
        kind: "data",
        code: "duplicate_identifier",
        values: { identifier: "XM-T-2" },
        message: "iati-identifier XM-T-2 appears twice in the file",
      },
    ]);
    expect(byCode("no_identifier")).toEqual([
      {
        line: lineOf("no_identifier"),
        kind: "data",
        code: "no_identifier",
        values: {},
        message: "<iati-activity> has no <iati-identifier>",
      },
    ]);
    expectDeclaredValues(problems);
    // The API's report shape accepts them as they are.
    expect(validationReportSchema.parse(report)).toEqual(report);
  });

  it("names an import's own problems: another publisher, a duplicate kept out, a missing rate, a value over the bound", async () => {
    const stager = new ActivityStager({
      rates: [],
      matcher: { reportingOrgRef: "XI-IATI-ESCA", initiatives: [], links: [] },
      today: todayUtc(),
      publicationId: "00000000-0000-4000-8000-000000000000",
    });
    for await (const item of readIatiActivities(writeProblemFile()))
      if (item.kind === "activity") stager.activity(item.node, item.endLine);
    const problems = problemsOf(stager.totals.problems);
    const byCode = (code: string) => problems.filter((p) => p.code === code);
    expect(byCode("wrong_publisher")).toEqual([
      {
        line: lineOf("wrong_publisher"),
        kind: "data",
        code: "wrong_publisher",
        values: { publisher: "XM-U", filePublisher: "XM-T" },
        message: "reported by XM-U, but this file is XM-T's publication",
      },
    ]);
    expect(byCode("duplicate_identifier_skipped")).toEqual([
      expect.objectContaining({
        line: lineOf("duplicate_identifier"),
        values: { identifier: "XM-T-2" },
        message: "iati-identifier XM-T-2 appears twice in the file; the first one is kept",
      }),
    ]);
    expect(byCode("no_rate")).toEqual([
      {
        line: lineOf("no_rate"),
        kind: "rate",
        code: "no_rate",
        values: { currency: "EUR", date: "1990-01-01" },
        message:
          "no exchange rate for EUR on or up to a year before 1990-01-01; kept without a USD value and out of the ledger",
      },
    ]);
    expect(byCode("usd_too_large")).toEqual([usdTooLarge]);
    expectDeclaredValues(problems);
    const summary = {
      ...stager.totals,
      status: "dry_run",
      file: "problems.xml",
      sha256: "0",
      flowsRecorded: 0,
      flowsReversed: 0,
      partnerCreated: false,
    };
    expect(importSummarySchema.parse(summary).problems).toEqual(stager.totals.problems);
    // A report stored before problems had codes is still a valid answer.
    expect(
      importSummarySchema.parse({
        ...summary,
        problems: [
          {
            identifier: "X",
            line: 1,
            endLine: 2,
            problems: [{ line: 1, kind: "rule", message: "old" }],
          },
        ],
      }).problems[0]?.problems[0],
    ).toEqual({ line: 1, kind: "rule", message: "old" });
  });

  it("gives schema errors the code schema with the validator's own text", async () => {
    const report = await validateIatiFile({ path: writeProblemFile(), schemaDir: schemasDir });
    const schema = [...report.fileProblems, ...problemsOf(report.activities)].filter(
      (p) => p.kind === "schema",
    );
    expect(schema.length).toBeGreaterThan(0);
    for (const problem of schema) {
      expect(problem.code).toBe("schema");
      expect(problem.values).toEqual({ text: problem.message });
    }
  }, 60_000);

  it("lists every code once, each with the names of its values", () => {
    expect(new Set(iatiProblemCodes).size).toBe(iatiProblemCodes.length);
    expect(iatiProblemCodes.length).toBeGreaterThan(25);
    for (const code of iatiProblemCodes) expect(code).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
  });
});
