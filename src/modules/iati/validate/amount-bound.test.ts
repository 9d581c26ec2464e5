import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../test/support/database.ts";
import { MAX_AMOUNT_USD_MINOR } from "../../../contracts/minor-units.ts";
import type { DatabaseHandle } from "../../../platform/db/connect.ts";
import { systemPrincipal } from "../../accounts/index.ts";
import { importFootprint } from "../iati.fixtures.ts";
import { iatiFile, setUpIatiWorld, type TestTransaction } from "../iati-xml.fixtures.ts";
import { syncIatiLedger } from "../ledger/sync-iati-ledger.ts";
import type { IatiProblem } from "../read/iati-activity.ts";
import { importIatiFile } from "../stage/import-iati-file.ts";
import { validateIatiFile } from "./validate-iati-file.ts";

const principal = systemPrincipal("test");
const date = "2012-02-01";
const commitment = (ref: string, amount: string, currency = "USD"): TestTransaction => ({
  type: 2,
  date,
  amount,
  currency,
  ref,
});

/**
 * One linked activity of commitments at and around the bounds (CLF at 40 USD, EUR at 1.25):
 * each ref says what its value is, `kept` whether the row is imported, `usd` its US cents.
 */
const cases = [
  { t: commitment("ok", "1000"), kept: true, usd: 100000n },
  { t: commitment("leading-zeros", `${"0".repeat(30)}1000.004`), kept: true, usd: 100000n },
  { t: commitment("huge-usd", "99999999999999999999"), problem: "amount_too_large" },
  { t: commitment("huge-clf", "999999999999999", "CLF"), problem: "amount_too_large" },
  { t: commitment("negative-huge", "-99999999999999999999"), problem: "amount_too_large" },
  { t: commitment("long-digits", `1${"0".repeat(10_000)}`), problem: "amount_too_large" },
  // 10^18 − 1 minor units exactly: held, but worth USD 12.5 quadrillion.
  { t: commitment("max-eur", "9999999999999999.99", "EUR"), kept: true, problem: "usd_too_large" },
  // Rounds up to 10^18 minor units, one past what the column holds.
  { t: commitment("rounds-over", "9999999999999999.995", "EUR"), problem: "amount_too_large" },
  // Fine in CLF, worth USD 400 billion at 40 USD/CLF.
  { t: commitment("over-after-rate", "10000000000", "CLF"), kept: true, problem: "usd_too_large" },
  { t: commitment("negative-over", "-100000000000.01"), kept: true, problem: "usd_too_large" },
  { t: commitment("bound-usd", "100000000000.00"), kept: true, usd: MAX_AMOUNT_USD_MINOR },
  { t: commitment("bound-clf", "2500000000", "CLF"), kept: true, usd: MAX_AMOUNT_USD_MINOR },
];
const budget = `  <budget type="1" status="1"><period-start iso-date="2012-01-01"/><period-end iso-date="2012-12-31"/><value currency="USD" value-date="2012-01-01">-200000000000</value></budget>`;
const xml = iatiFile("XM-DAC-96", [
  { id: "XM-DAC-96-1", related: "XI-IATI-ESCA-GT1", transactions: cases.map((c) => c.t) },
]).replace(" </iati-activity>", `${budget}\n </iati-activity>`);
const lines = xml.split("\n");
const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;
const refLine = (ref: string) => lineOf(`ref="${ref}"`);
const budgetLine = lineOf("<budget ");

const dir = mkdtempSync(join(tmpdir(), "esca-iati-bound-"));
const path = join(dir, "bounds.xml");
writeFileSync(path, xml);

const problemsOf = (reports: Array<{ problems: IatiProblem[] }>) =>
  reports.flatMap((report) => report.problems);
const codesByLine = (problems: IatiProblem[]) =>
  problems.map((p) => ({ line: p.line, code: p.code })).sort((a, b) => a.line - b.line);

/** Every case's problem at its line, and the budget's (worth minus USD 200 billion). */
const expected = [
  ...cases.flatMap((c) => (c.problem ? [{ line: refLine(c.t.ref ?? ""), code: c.problem }] : [])),
  { line: budgetLine, code: "usd_too_large" },
].sort((a, b) => a.line - b.line);

describe("IATI values beyond what one amount may be", () => {
  let handle: DatabaseHandle;
  const run = (dryRun: boolean) =>
    importIatiFile({ db: handle.db, path, principal, reportingOrgRef: "XI-IATI-ESCA", dryRun });
  beforeAll(async () => {
    handle = await createTestDatabase();
    await setUpIatiWorld(handle.db);
    await handle.db
      .insertInto("exchange_rates")
      .values({ currency: "CLF", rate_date: "2012-01-01", usd_per_unit: "40", source: "test" })
      .execute();
  });
  afterAll(async () => handle.close());

  it("reports each at its line in a dry run, writing nothing", async () => {
    const before = await importFootprint(handle.db);
    const summary = await run(true);
    expect(summary).toMatchObject({ status: "dry_run", flowsRecorded: 4 });
    expect(codesByLine(problemsOf(summary.problems))).toEqual(expected);
    expect(await importFootprint(handle.db)).toEqual(before);
  });

  it("imports the good rows, keeps over-bound ones without USD, and records none of them", async () => {
    const summary = await run(false);
    const problems = problemsOf(summary.problems);
    expect(summary).toMatchObject({
      status: "imported",
      transactions: cases.filter((c) => c.kept).length,
      budgets: 1,
      missingRates: 0,
      flowsRecorded: 4,
    });
    expect(codesByLine(problems)).toEqual(expected);
    expect(problems.find((p) => p.line === refLine("long-digits"))).toEqual({
      line: refLine("long-digits"),
      kind: "data",
      code: "amount_too_large",
      values: {
        element: "transaction",
        amount: `1${"0".repeat(39)}`,
        currency: "USD",
        maximum: "9999999999999999.99",
      },
      message: expect.stringMatching(/^<transaction>: 10{39} USD has more digits than can be/),
    });
    expect(problems.find((p) => p.line === refLine("huge-clf"))?.values).toMatchObject({
      currency: "CLF",
      maximum: "99999999999999.9999",
    });
    expect(problems.find((p) => p.line === refLine("over-after-rate"))).toEqual({
      line: refLine("over-after-rate"),
      kind: "rate",
      code: "usd_too_large",
      values: {
        amount: "10000000000.0000",
        currency: "CLF",
        date,
        maximum: "100000000000.00",
      },
      message:
        "10000000000.0000 CLF on 2012-02-01, worth USD 400000000000.00, is more than one amount may be (USD 100000000000.00); kept without a USD value and out of the ledger",
    });

    const stored = await handle.db
      .selectFrom("iati_transactions")
      .select(["ref", "amount_minor", "usd_minor"])
      .orderBy("seq")
      .execute();
    expect(stored.map((row) => [row.ref, row.usd_minor])).toEqual(
      cases.filter((c) => c.kept).map((c) => [c.t.ref, c.usd ?? null]),
    );
    expect(stored.find((row) => row.ref === "max-eur")?.amount_minor).toBe(10n ** 18n - 1n);
    const budgets = await handle.db.selectFrom("iati_budgets").selectAll().execute();
    expect(budgets).toEqual([
      expect.objectContaining({ amount_minor: -20_000_000_000_000n, usd_minor: null }),
    ]);

    const flows = await handle.db
      .selectFrom("support_flows")
      .select(["amount_minor", "currency", "usd_minor"])
      .orderBy("seq")
      .execute();
    expect(flows).toEqual([
      { amount_minor: 100000n, currency: "USD", usd_minor: 100000n },
      { amount_minor: 100000n, currency: "USD", usd_minor: 100000n },
      { amount_minor: MAX_AMOUNT_USD_MINOR, currency: "USD", usd_minor: MAX_AMOUNT_USD_MINOR },
      { amount_minor: 25_000_000_000_000n, currency: "CLF", usd_minor: MAX_AMOUNT_USD_MINOR },
    ]);
  });

  it("leaves a stored transaction over the bound out of the ledger", async () => {
    // As a row staged before values were bounded would be: over the bound with a USD value.
    await handle.db
      .updateTable("iati_transactions")
      .set({ usd_minor: MAX_AMOUNT_USD_MINOR + 1n })
      .where("ref", "=", "bound-usd")
      .execute();
    const partner = await handle.db
      .selectFrom("organizations")
      .select("id")
      .where("iati_org_id", "=", "XM-DAC-96")
      .executeTakeFirstOrThrow();
    const sync = await syncIatiLedger({
      db: handle.db,
      publisherRef: "XM-DAC-96",
      partnerId: partner.id,
      principal,
    });
    expect(sync).toEqual({ recorded: 0, reversed: 1 });
  });

  it("reports the same values in a validation, but for currencies it needs rates for", async () => {
    const report = await validateIatiFile({ path, schemaDir: null });
    const needsRate = [refLine("max-eur"), refLine("over-after-rate")];
    expect(codesByLine(problemsOf(report.activities))).toEqual(
      expected.filter((p) => !needsRate.includes(p.line)),
    );
  });
});
