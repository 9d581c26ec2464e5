import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { findHardCodedText } from "./hard-coded-text.ts";
import { interpolate } from "./i18n.tsx";

const webRoot = fileURLToPath(new URL("..", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "build" ? [] : sourceFiles(path);
    return path.endsWith(".tsx") ? [path] : [];
  });
}

describe("catalogs", () => {
  it("finds hard-coded text in JSX (the check itself can fail)", () => {
    const sample = `const A = () => <div title="Close window"><p>Funding gap</p>{"Total"}{t("ok")}<b>{" "}</b><Badge>EN</Badge></div>;`;
    expect(findHardCodedText("sample.tsx", sample)).toEqual([
      'sample.tsx:1 title="Close window"',
      'sample.tsx:1 text "Funding gap"',
      'sample.tsx:1 child "Total"',
      'sample.tsx:1 text "EN"',
    ]);
  });

  it("has no user-facing string literal in JSX outside the catalogs", () => {
    const files = sourceFiles(webRoot);
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((file) =>
      findHardCodedText(relative(webRoot, file), readFileSync(file, "utf8")),
    );
    expect(found).toEqual([]);
  });

  it("has the same keys and placeholders in Spanish and English, none empty", () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, english] of Object.entries(en)) {
      const spanish = es[key as keyof typeof en];
      expect(spanish.trim(), key).not.toBe("");
      expect(placeholders(spanish), key).toEqual(placeholders(english));
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(interpolate("{count} entries from {sources} sources", { count: 3, sources: 2 })).toBe(
      "3 entries from 2 sources",
    );
    expect(interpolate("Total {missing}", {})).toBe("Total {missing}");
  });
});
