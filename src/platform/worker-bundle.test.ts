import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "./build-manifest.mjs";
import { workerBundle, workerEntries, writeWorkerBundle } from "./worker-bundle.ts";

describe("a worker's code bundled as plain JavaScript", () => {
  const dir = mkdtempSync(join(tmpdir(), "esca-worker-bundle-"));
  const cacheDir = join(dir, "cache");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const entry = join(dir, "entry.ts");
  writeFileSync(
    entry,
    `import { answer } from "./dep.ts";\nexport const value: number = answer * 2;\n`,
  );
  const dep = join(dir, "dep.ts");
  const writeDep = (answer: number, mtime: Date) => {
    writeFileSync(dep, `export const answer: number = ${answer};\n`);
    utimesSync(dep, mtime, mtime);
  };
  const load = async (url: URL) =>
    ((await import(`${url.href}?v=${statSync(url).mtimeMs}`)) as { value: number }).value;

  it("is built once, used while its sources stay the same, and rebuilt when one changes", async () => {
    writeDep(21, new Date("2026-01-01T00:00:00Z"));
    const first = await workerBundle(entry, { cacheDir, name: "probe" });
    expect(first).not.toBeNull();
    if (!first) return;
    expect(await load(first)).toBe(42);
    expect(readFileSync(first, "utf8")).not.toContain(": number");
    const builtAt = statSync(first).mtimeMs;

    const again = await workerBundle(entry, { cacheDir, name: "probe" });
    expect(again?.href).toBe(first.href);
    expect(statSync(first).mtimeMs).toBe(builtAt);

    writeDep(50, new Date("2026-01-02T00:00:00Z"));
    const rebuilt = await workerBundle(entry, { cacheDir, name: "probe" });
    expect(rebuilt?.href).toBe(first.href);
    expect(await load(first)).toBe(100);
  });

  it("is null when the code cannot be bundled, so that the caller falls back", async () => {
    const broken = join(dir, "broken.ts");
    writeFileSync(broken, "export const = ;\n");
    expect(await workerBundle(broken, { cacheDir, name: "broken" })).toBeNull();
  });
});

describe("where a worker's bundle comes from", () => {
  const dir = mkdtempSync(join(tmpdir(), "esca-worker-origin-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const entry = join(dir, "entry.ts");
  writeFileSync(entry, `export const value: number = 7;\n`);
  const builtDir = join(dir, "built");
  const cacheDir = join(dir, "cache");
  mkdirSync(cacheDir, { mode: 0o700 });

  it("is the build's while its sources are unchanged, else one made in the cache", async () => {
    const inputs = await writeWorkerBundle({
      entry,
      outDir: builtDir,
      name: "w",
      packages: "bare",
    });
    expect(inputs).toEqual([relative(projectRoot, entry)]);
    const fromBuild = await workerBundle(entry, { builtDir, cacheDir, name: "w" });
    expect(fromBuild && fileURLToPath(fromBuild)).toBe(join(builtDir, "w.mjs"));
    expect(readdirSync(cacheDir)).toEqual([]);

    writeFileSync(entry, `export const value: number = 8;\n`);
    const fromCache = await workerBundle(entry, { builtDir, cacheDir, name: "w" });
    expect(fromCache && fileURLToPath(fromCache)).toBe(join(cacheDir, "w.mjs"));
    expect(readFileSync(join(cacheDir, "w.mjs"), "utf8")).toContain("8");
  });

  it.skipIf(process.platform === "win32")(
    "is never kept in a cache folder others may write to",
    async () => {
      const open = join(dir, "open-cache");
      mkdirSync(open);
      chmodSync(open, 0o777);
      const url = await workerBundle(entry, { builtDir, cacheDir: open, name: "w" });
      expect(url).not.toBeNull();
      expect(url && fileURLToPath(url).startsWith(open)).toBe(false);
      expect(existsSync(join(open, "w.mjs"))).toBe(false);
    },
  );
});

/**
 * The staging worker runs bundled (worker-bundle.ts), or through tsx when no bundle can be made:
 * slower everywhere and impossible on a production install, which has no tsx. An esbuild
 * upgrade, or a worker source esbuild cannot bundle, would make that fallback silent; here it
 * fails instead.
 */
describe("the project's worker threads, bundled", () => {
  const dir = mkdtempSync(join(tmpdir(), "esca-worker-project-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const entries = workerEntries();

  it("include the IATI staging worker", () => {
    expect(entries.map((entry) => relative(projectRoot, entry))).toContain(
      join("src", "modules", "iati", "stage", "stage-worker.ts"),
    );
  });

  it.each(entries.map((entry) => [relative(projectRoot, entry), entry]))(
    "%s bundles and loads in Node without a TypeScript loader",
    async (_name, entry) => {
      const url = await workerBundle(entry, {
        builtDir: join(dir, "none"),
        cacheDir: join(dir, "cache"),
      });
      expect(url).not.toBeNull();
      if (!url) return;
      const code = readFileSync(url, "utf8");
      expect(code).not.toMatch(/from\s*["'][^"']*\.tsx?["']/);
      expect(code).not.toContain("tsx/esm");
      const env = { ...process.env };
      delete env.NODE_OPTIONS;
      const loaded = spawnSync(
        process.execPath,
        ["--input-type=module", "-e", `await import(${JSON.stringify(url.href)});`],
        { env, encoding: "utf8" },
      );
      expect(loaded.stderr).toBe("");
      expect(loaded.status).toBe(0);
    },
  );
});
