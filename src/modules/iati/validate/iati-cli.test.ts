import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliEnv, embeddedPassOnly, runCli } from "../../../../test/support/cli.ts";
import { generateAttacks, haveBench, haveSamples, samplesDir } from "../iati.fixtures.ts";
import { iatiFile } from "../iati-xml.fixtures.ts";

const env = cliEnv(join(mkdtempSync(join(tmpdir(), "esca-iati-cli-")), "data"));
const ready = haveSamples && haveBench;
const title = ready
  ? "esca iati validate"
  : "esca iati validate — skipped: ../shared/data/iati or ../shared/bench is absent";

describe.skipIf(!ready || embeddedPassOnly())(title, () => {
  const sample = (prefix: string) =>
    join(samplesDir, readdirSync(samplesDir).find((f) => f.startsWith(prefix)) ?? "");

  it("exits 0 for a file that is valid against the schema and the rules", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "esca-iati-cli-")), "valid.xml");
    writeFileSync(
      path,
      iatiFile("XM-DAC-99", [
        {
          id: "XM-DAC-99-1",
          related: "XI-IATI-ESCA-GT1",
          transactions: [{ type: 2, date: "2012-02-01", amount: "800000" }],
        },
      ]),
    );
    const run = await runCli(["iati", "validate", path], env);
    expect(run.stdout).toMatch(/valid.xml: valid IATI 2.03: 1 activities, 1 transactions.\n$/);
    expect(run.code).toBe(0);
  }, 60_000);

  it("reports a rule a real publication breaks, naming its line, and exits 1", async () => {
    const run = await runCli(["iati", "validate", sample("10_")], env);
    // Sample 10 breaks one main rule (budgets longer than a year), named with its line.
    expect(run.stdout).toMatch(
      /:\d+: \[rule\] the budget period \S+ is longer than one year \(activity XM-DAC-47066-/,
    );
    expect(run.code).toBe(1);
  }, 60_000);

  it("names schema errors and rule breaks by line, and exits 1", async () => {
    const run = await runCli(["iati", "validate", "--json", sample("01_")], env);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      valid: boolean;
      activities: Array<{ problems: Array<{ line: number; kind: string; message: string }> }>;
    };
    expect(report.valid).toBe(false);
    expect(report.activities[0]?.problems).toContainEqual({
      line: 8,
      kind: "rule",
      code: "sectors_both_levels",
      values: {},
      message: "sectors are given both on the activity and on transactions; use one or the other",
    });
  }, 60_000);

  it("refuses a hostile file in one line and exits 1", async () => {
    const run = await runCli(["iati", "validate", join(generateAttacks(), "xxe-file.xml")], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^esca: line \d+: a DOCTYPE declaration: document types and entities are refused[^\n]*\n$/,
    );
  }, 60_000);
});
