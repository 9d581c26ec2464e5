import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { workerBundle } from "./worker-bundle.ts";

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
