import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, embeddedPassOnly, runCli } from "../support/cli.ts";
import { demoDataDir } from "../support/demo-data-dir.ts";

/** `esca report` on the demo data: the file, its hash said on stdout, bad options refused. */
describe.skipIf(embeddedPassOnly())("esca report", () => {
  let folder: string;
  let env: NodeJS.ProcessEnv;
  let asOf: string;

  beforeAll(async () => {
    // What a first start makes (the demo data), copied: seeding is first-start.test.ts's.
    const dataDir = await demoDataDir("esca-report-cli-");
    folder = dirname(dataDir);
    env = cliEnv(dataDir);
    asOf = new Date().toISOString();
  }, 300_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("writes the report and prints its symbol, as-of time and SHA-256; again, the same bytes", async () => {
    const hashes: string[] = [];
    for (const name of ["first.pdf", "second.pdf"]) {
      const out = join(folder, name);
      const run = await runCli(
        ["report", "--lang", "es", "--format", "pdf", "--as-of", asOf, "--out", out],
        env,
      );
      expect(run.code, run.stderr).toBe(0);
      const sha256 = createHash("sha256").update(readFileSync(out)).digest("hex");
      expect(run.stdout).toContain(`sha256 ${sha256}`);
      expect(run.stdout).toMatch(/^OEA\/Ser\.G CP\/doc\. 1\/\d\d \(es, pdf\) data as of /);
      expect(run.stdout).toContain(asOf);
      hashes.push(sha256);
    }
    expect(hashes[1]).toBe(hashes[0]);
  }, 300_000);

  it("refuses an unknown language or format, naming the option, and writes nothing", async () => {
    const out = join(folder, "refused.html");
    const language = await runCli(
      ["report", "--lang", "fr", "--format", "html", "--out", out],
      env,
    );
    expect(language.code).toBe(1);
    expect(language.stderr).toMatch(/^esca: --lang: must be one of es, en/);
    const format = await runCli(["report", "--lang", "en", "--format", "odt", "--out", out], env);
    expect(format.code).toBe(1);
    expect(format.stderr).toMatch(/^esca: --format: must be one of docx, pdf, html/);
    const date = await runCli(
      ["report", "--lang", "en", "--format", "html", "--as-of", "June 2012"],
      env,
    );
    expect(date.code).toBe(1);
    expect(date.stderr).toMatch(/^esca: --as-of: must be a date/);
    expect(() => readFileSync(out)).toThrow();
  }, 120_000);
});
