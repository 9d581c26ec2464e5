import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CliResult, cliEnv, embeddedPassOnly, runCli } from "../../../../test/support/cli.ts";
import { openEmbedded } from "../../../platform/db/connect.ts";
import { generateWorkload, haveBench } from "../iati.fixtures.ts";
import { iatiFile, setUpIatiDataDir } from "../iati-xml.fixtures.ts";
import type { ImportSummary } from "./import-iati-file.ts";

const dir = mkdtempSync(join(tmpdir(), "esca-iati-again-cli-"));
const dataDir = join(dir, "data");
const env = cliEnv(dataDir);

/** `esca import iati --json FILE`, killed if it has not ended within `timeoutMs`. */
const importWithCli = (path: string, timeoutMs: number): Promise<CliResult> =>
  runCli(["import", "iati", "--json", path], env, timeoutMs);

const status = (run: CliResult) =>
  run.code === 0 ? (JSON.parse(run.stdout) as ImportSummary[])[0]?.status : run.stderr;

describe.skipIf(embeddedPassOnly())(
  "`esca import iati` of the file that is already current",
  () => {
    beforeAll(() => setUpIatiDataDir(dataDir), 60_000);

    it("answers unchanged every time, and lets go of the data folder", async () => {
      const small = join(dir, "small.xml");
      writeFileSync(
        small,
        iatiFile("XM-DAC-66", [
          { id: "XM-DAC-66-1", transactions: [{ type: 2, date: "2012-02-01", amount: "5000" }] },
        ]),
      );
      expect(status(await importWithCli(small, 60_000))).toBe("imported");
      for (let round = 0; round < 3; round++)
        expect(status(await importWithCli(small, 60_000)), `round ${round}`).toBe("unchanged");
      // Nothing holds the folder now: it opens.
      const handle = await openEmbedded({ dataDir: join(dataDir, "pglite") });
      await handle.close();
    }, 300_000);

    const title = haveBench
      ? "answers unchanged every time for a file of 8 MB and more (staged in a worker)"
      : "answers unchanged for a file of 8 MB and more — skipped: ../shared/bench is absent";
    it.skipIf(!haveBench)(
      title,
      async () => {
        const large = join(dir, "large.xml");
        generateWorkload(9, large, 13);
        expect(statSync(large).size).toBeGreaterThanOrEqual(8 * 1024 * 1024);
        expect(status(await importWithCli(large, 240_000))).toBe("imported");
        for (let round = 0; round < 3; round++)
          expect(status(await importWithCli(large, 60_000)), `round ${round}`).toBe("unchanged");
      },
      600_000,
    );
  },
);
