import { rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, embeddedPassOnly, runCli } from "../support/cli.ts";
import { demoDataDir } from "../support/demo-data-dir.ts";

// `esca import indicators`: a file with problems imports nothing (each named by line and
// column) unless --skip-invalid, and then only its valid rows.
describe.skipIf(embeddedPassOnly())("esca import indicators", { timeout: 300_000 }, () => {
  let csv = "";
  let env: NodeJS.ProcessEnv = {};
  // What a first start makes (the demo data with its indicators), copied.
  beforeAll(async () => {
    const dataDir = await demoDataDir("esca-indicators-");
    env = cliEnv(dataDir, { ESCA_DEMO: "false" });
    csv = join(dirname(dataDir), "values.csv");
    writeFileSync(
      csv,
      [
        "indicator,country,year,value,source,notes",
        "homicide_rate,GT,2024,16.1,Ministerio de Gobernación (preliminary),Not UNODC",
        "homicide_rate,GT,2025,1O.2,Ministerio de Gobernación (preliminary),",
      ].join("\n"),
    );
  }, 300_000);
  afterAll(() => csv && rmSync(dirname(csv), { recursive: true, force: true }));

  it("refuses the file naming the bad row, then imports the valid row when told to skip", async () => {
    const refused = await runCli(["import", "indicators", csv], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${csv}:3 value: must be a decimal string`);
    expect(refused.stderr).toContain("Imported nothing");
    const skipped = await runCli(["import", "indicators", csv, "--skip-invalid"], env);
    expect(skipped.stderr).toContain(`${csv}:3 value:`);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain("Imported 1 values");
    expect(skipped.stdout).toContain("1 new");
    expect(skipped.stdout).toContain("1 row(s) skipped");
  });
});
