import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliEnv, embeddedPassOnly, runCli, startCliServer } from "../support/cli.ts";

// The lock guards the embedded data folder; a PostgreSQL server needs no such guard.
describe.skipIf(embeddedPassOnly())(
  "the embedded data folder is never opened twice",
  { timeout: 180_000 },
  () => {
    const dataDir = mkdtempSync(join(tmpdir(), "esca-lock-"));
    const env = cliEnv(dataDir, { ESCA_DEMO: "false" });
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it("refuses a second opener by name, routes read-only commands through the server, and frees the folder on exit", async () => {
      const server = await startCliServer(env);
      try {
        const migrate = await runCli(["migrate"], env);
        expect(migrate.code).toBe(1);
        expect(migrate.stderr).toContain(`in use by process ${server.child.pid}`);
        expect(migrate.stderr).toContain(server.url);
        expect(migrate.stderr.trim().split("\n")).toHaveLength(1);

        const csv = join(dataDir, "rates.csv");
        writeFileSync(
          csv,
          "currency,date,usd_per_unit,source\nEUR,2011-01-01,1.392,ECB annual average\n",
        );
        const imported = await runCli(["import", "rates", csv], env);
        expect(imported.code).toBe(1);
        expect(imported.stderr).toContain(`in use by process ${server.child.pid}`);
        const summary = await runCli(["summary", "--json"], env);
        expect(summary.stderr).toBe("");
        expect(summary.code).toBe(0);
        expect(JSON.parse(summary.stdout)).toMatchObject({
          currency: "USD",
          total: { committed: "0.00" },
        });
      } finally {
        await server.stop();
      }
      const afterStop = await runCli(["migrate"], env);
      expect(afterStop.stderr).toBe("");
      expect(afterStop.code).toBe(0);
      expect(afterStop.stdout).toContain("already up to date");
      const csv = join(dataDir, "rates.csv");
      const imported = await runCli(["import", "rates", csv], env);
      expect(imported.stderr).toBe("");
      expect(imported.stdout).toContain("Imported 1 rates");
    });

    it("prints a one-line reason and a non-zero exit for bad input", async () => {
      const missing = await runCli(["import", "rates", join(dataDir, "nope.csv")], env);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/^esca: Cannot read .*nope\.csv: ENOENT\.\n$/);
      const unknown = await runCli(["frobnicate"], env);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain("unknown command");
    });
  },
);
