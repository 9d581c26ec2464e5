import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliEnv, embeddedPassOnly, runCli } from "../support/cli.ts";

// `esca import indicators`: a file with problems imports nothing (each named by line and
// column) unless --skip-invalid, and then only its valid rows.
describe.skipIf(embeddedPassOnly())("esca import indicators", { timeout: 300_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "esca-indicators-"));
  const env = cliEnv(dataDir, { ESCA_DEMO: "false" });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const csv = join(dataDir, "values.csv");
  writeFileSync(
    csv,
    [
      "indicator,country,year,value,source,notes",
      "homicide_rate,GT,2024,16.1,Ministerio de Gobernación (preliminary),Not UNODC",
      "homicide_rate,GT,2025,1O.2,Ministerio de Gobernación (preliminary),",
    ].join("\n"),
  );

  it("refuses the file naming the bad row, then imports the valid row when told to skip", async () => {
    const seeded = await runCli(["seed", "demo"], env);
    expect(seeded.code).toBe(0);
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
