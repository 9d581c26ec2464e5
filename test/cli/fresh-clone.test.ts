import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedPassOnly } from "../support/cli.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
/** What a user's clone holds that the commands run from (node_modules is linked, not copied). */
const tracked = ["bin", "src", "vendor", "package.json", "package-lock.json", "test/cli/fixtures"];

function run(args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn" };
  delete env.ESCA_IATI_SCHEMA_DIR;
  delete env.NODE_OPTIONS;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// A user's clone has no ../shared beside it (this team's reference data): whatever ESCA Hub
// needs at run time must come with the project, from the sources and from the build alike.
describe.skipIf(embeddedPassOnly())("a clone with nothing beside it", { timeout: 300_000 }, () => {
  const base = mkdtempSync(join(tmpdir(), "esca-clone-"));
  const clone = join(base, "esca-hub");
  const sample = join(clone, "test/cli/fixtures/activity-2.03.xml");
  const broken = join(base, "no-title.xml");
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  beforeAll(() => {
    for (const path of tracked) {
      cpSync(join(root, path), join(clone, path), {
        recursive: true,
        filter: (source) => !source.endsWith(".test.ts"),
      });
    }
    symlinkSync(realpathSync(join(root, "node_modules")), join(clone, "node_modules"), "dir");
    writeFileSync(broken, readFileSync(sample, "utf8").replace(/<title>[\s\S]*?<\/title>/, ""));
  });

  it("has no ../shared", () => {
    expect(existsSync(join(clone, "../shared"))).toBe(false);
  });

  it("validates an IATI file against the schemas it ships, from its sources", async () => {
    const valid = await run(["bin/esca.js", "iati", "validate", sample], clone);
    expect(valid.stderr).not.toContain("No IATI schemas");
    expect(valid.stdout).toContain("valid IATI 2.03: 1 activities, 2 transactions.");
    expect(valid.code).toBe(0);

    const invalid = await run(["bin/esca.js", "iati", "validate", broken], clone);
    expect(invalid.stdout).toMatch(/\[schema\].*title/);
    expect(invalid.code).toBe(1);
  });

  it("builds its command line and validates from the build, without a TypeScript loader", async () => {
    const script = join(clone, "build-server-only.mts");
    writeFileSync(
      script,
      'import { buildServer } from "./src/cli/build/build-server.ts";\nawait buildServer(() => {});\n',
    );
    const built = await run(["--import", "tsx", script], clone);
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);

    const valid = await run(["dist/cli/esca.mjs", "iati", "validate", sample], clone);
    expect(valid.stdout).toContain("valid IATI 2.03: 1 activities, 2 transactions.");
    expect(valid.code).toBe(0);
    const invalid = await run(["dist/cli/esca.mjs", "iati", "validate", broken], clone);
    expect(invalid.stdout).toMatch(/\[schema\].*title/);
    expect(invalid.code).toBe(1);
  });
});
