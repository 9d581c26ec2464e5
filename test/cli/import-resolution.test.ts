import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { shippedResolutionPath } from "../../src/modules/mandates/index.ts";
import { cliEnv, embeddedPassOnly, runCli } from "../support/cli.ts";

const SYMBOL = "AG/RES. 2626 (XLI-O/11)";

describe.skipIf(embeddedPassOnly())("esca import resolution", { timeout: 180_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "esca-resolution-"));
  const env = cliEnv(dataDir);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("imports, says an identical re-import changed nothing, and replaces only when asked", async () => {
    const first = await runCli(["import", "resolution", shippedResolutionPath], env);
    expect(first.stderr).toBe("");
    expect(first.stdout).toContain(`Imported ${SYMBOL}`);

    const again = await runCli(["import", "resolution", shippedResolutionPath], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("with the same content");
    expect(again.stdout).toContain("nothing changed");

    const corrected = JSON.parse(readFileSync(shippedResolutionPath, "utf8"));
    corrected.paragraphs[2].text.es = "Una traducción corregida del párrafo 3";
    const correctedPath = join(dataDir, "corrected.json");
    writeFileSync(correctedPath, JSON.stringify(corrected, null, 2));
    const refused = await runCli(["import", "resolution", correctedPath], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("--replace");

    const replaced = await runCli(["import", "resolution", correctedPath, "--replace"], env);
    expect(replaced.stderr).toBe("");
    expect(replaced.stdout).toContain(`Replaced ${SYMBOL}`);
    expect(replaced.stdout).toContain("paragraphs updated: 3");

    const outPath = join(dataDir, "exported.json");
    const exported = await runCli(["export", "resolution", SYMBOL, "-o", outPath], env);
    expect(exported.stderr).toBe("");
    expect(JSON.parse(readFileSync(outPath, "utf8"))).toEqual(corrected);
  });
});
