import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliEnv, embeddedPassOnly, runCli, startCliServer } from "../support/cli.ts";

interface Summary {
  total: { announced: string; committed: string; disbursed: string; budget: string | null };
  rows: { remainder: string | null }[];
}

describe.skipIf(embeddedPassOnly())(
  "the README's first command on a fresh data folder",
  { timeout: 180_000 },
  () => {
    const dataDir = mkdtempSync(join(tmpdir(), "esca-first-"));
    const env = cliEnv(dataDir);
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it("serves the demo portfolio, and the CLI prints the same roll-up with and without the server", async () => {
      const server = await startCliServer(env);
      let viaApi: Summary;
      let viaServerCli: Summary;
      try {
        const initiatives = (await (await fetch(`${server.url}/api/initiatives`)).json()) as {
          data: unknown[];
          page: { total: number };
        };
        expect(initiatives.page.total).toBe(22);
        expect(initiatives.data).toHaveLength(22);
        viaApi = (await (
          await fetch(`${server.url}/api/funding/summary?by=component`)
        ).json()) as Summary;
        // The four components, then the support given to no initiative as remainder rows.
        expect(viaApi.rows.filter((row) => row.remainder === null)).toHaveLength(4);
        const cli = await runCli(["summary", "--by", "component", "--json"], env);
        expect(cli.stderr).toBe("");
        viaServerCli = JSON.parse(cli.stdout) as Summary;
      } finally {
        await server.stop();
      }
      expect(viaServerCli.total).toEqual(viaApi.total);
      const direct = await runCli(["summary", "--by", "component", "--json"], env);
      expect(direct.code).toBe(0);
      expect((JSON.parse(direct.stdout) as Summary).total).toEqual(viaApi.total);
      const table = await runCli(["summary", "--by", "component"], env);
      expect(table.stdout).toMatch(/^Total\s/m);

      const again = await runCli(["seed", "demo"], env);
      expect(again.code).toBe(1);
      expect(again.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    });
  },
);
