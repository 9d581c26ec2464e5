import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliEnv, embeddedPassOnly, runCli } from "../support/cli.ts";

describe.skipIf(embeddedPassOnly())("esca user", { timeout: 180_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "esca-user-"));
  const env = cliEnv(dataDir);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("adds, lists, resets and disables accounts, with one-line reasons on error", async () => {
    const seeded = await runCli(["seed", "demo"], env);
    expect(seeded.stderr).toBe("");
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
