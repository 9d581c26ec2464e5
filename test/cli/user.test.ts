import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, embeddedPassOnly, runCli } from "../support/cli.ts";
import { demoDataDir } from "../support/demo-data-dir.ts";

describe.skipIf(embeddedPassOnly())("esca user", { timeout: 180_000 }, () => {
  let dataDir = "";
  let env: NodeJS.ProcessEnv = {};
  // What a first start makes (the demo data and its admin), copied.
  beforeAll(async () => {
    dataDir = await demoDataDir("esca-user-");
    env = cliEnv(dataDir);
  }, 300_000);
  afterAll(() => dataDir && rmSync(dirname(dataDir), { recursive: true, force: true }));

  it("adds, lists, resets and disables accounts, with one-line reasons on error", async () => {
    const added = await runCli(
      [
        "user",
        "add",
        "--email",
        "Officer@Example.org",
        "--name",
        "IDB officer",
        "--org",
        "IDB",
        "--role",
        "partner",
      ],
      env,
    );
    expect(added.stderr).toBe("");
    expect(added.stdout).toMatch(
      /Created officer@example\.org \(partner, IDB\)\.\nInitial password \(shown once\): \S{20,}\n/,
    );
    const wrongOrg = await runCli(
      [
        "user",
        "add",
        "--email",
        "x@example.org",
        "--name",
        "X",
        "--org",
        "IDB",
        "--role",
        "focal_point",
      ],
      env,
    );
    expect(wrongOrg.code).toBe(1);
    expect(wrongOrg.stderr).toMatch(
      /^esca: Role: A focal point must belong to an organization of kind member_state\.\n$/,
    );
    const reset = await runCli(["user", "reset-password", "officer@example.org"], env);
    expect(reset.stdout).toMatch(/New password for officer@example\.org \(shown once\): \S{20,}/);
    expect((await runCli(["user", "disable", "officer@example.org"], env)).code).toBe(0);
    const listed = await runCli(["user", "list"], env);
    expect(listed.stdout).toMatch(/officer@example\.org\s+IDB officer\s+partner\s+IDB\s+disabled/);
    expect(listed.stdout).toContain("admin@demo.esca-hub.org");
  });
});
