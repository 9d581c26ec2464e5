import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../test/support/database.ts";
import type { DatabaseHandle } from "../../../platform/db/connect.ts";
import { systemPrincipal } from "../../accounts/index.ts";
import { generateAttacks, haveBench, importFootprint } from "../iati.fixtures.ts";
import { importIatiFile } from "../stage/import-iati-file.ts";

/** Each file of gen-xml-attacks.mjs, and what its refusal must say. */
const expected: Record<string, RegExp> = {
  "billion-laughs.xml": /^line 2: a DOCTYPE declaration/,
  "quadratic-blowup.xml": /^line \d+: a DOCTYPE declaration/,
  "xxe-file.xml": /^line 2: a DOCTYPE declaration/,
  "xxe-http.xml": /^line \d+: a DOCTYPE declaration/,
  "deep-nesting.xml": /^line 2: elements are nested more than 64 levels deep/,
  "huge-attribute.xml": /^line 2: the tag <iati-activity> \(its attributes\) is longer than 1 MB/,
  "many-attributes.xml": /^line 2: <iati-activity> has more than 100 attributes/,
  "not-xml.xml": /^line 1: not XML: the file starts with the bytes 50 4b 03 04 \(a ZIP archive/,
  "truncated.xml":
    /^line 2: the file ends inside <narrative> \(opened at line 2\): it is truncated/,
  "wrong-root.xml": /^line 2: the root element is <html>/,
  "utf16-bom.xml": /^line 1: wrong encoding: the file is UTF-16 little-endian/,
};
const files = Object.keys(expected);
const refuseScript = fileURLToPath(new URL("./refuse-files.fixture.ts", import.meta.url));
const title = haveBench
  ? "hostile XML files"
  : "hostile XML files — skipped: ../shared/bench/gen-xml-attacks.mjs is absent";

describe.skipIf(!haveBench)(title, () => {
  let handle: DatabaseHandle;
  let dir: string;
  beforeAll(async () => {
    handle = await createTestDatabase();
    dir = generateAttacks();
  });
  afterAll(async () => handle.close());

  it.each(files)("refuses %s with a clear message and writes nothing", async (file) => {
    const before = await importFootprint(handle.db);
    const attempt = importIatiFile({
      db: handle.db,
      path: join(dir, file),
      principal: systemPrincipal("test"),
      reportingOrgRef: "XI-IATI-ESCA",
    });
    await expect(attempt).rejects.toThrow(expected[file] ?? /never/);
    expect(await importFootprint(handle.db)).toEqual(before);
  });

  it("refuses them all within a 64 MB JavaScript heap, in one process", () => {
    const run = spawnSync(
      process.execPath,
      [
        "--max-old-space-size=64",
        "--import",
        "tsx",
        refuseScript,
        ...files.map((f) => join(dir, f)),
      ],
      { encoding: "utf8", timeout: 60_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const outcomes = JSON.parse(run.stdout) as Array<{ file: string; refused: string | null }>;
    for (const { file, refused } of outcomes) {
      expect(refused, file).toMatch(expected[file.split("/").pop() ?? ""] ?? /never/);
    }
    expect(outcomes).toHaveLength(files.length);
  });
});
