import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MEASURE_DEFINITIONS } from "./measure-definitions.ts";

/** The report defines each measure in the words of docs/MEASURES.md, in both languages. */
describe("the report's measure definitions", () => {
  const doc = readFileSync(new URL("../../../docs/MEASURES.md", import.meta.url), "utf8");

  it.each(Object.entries(MEASURE_DEFINITIONS))(
    "%s says what docs/MEASURES.md says",
    (key, words) => {
      const section = doc.split(/^## /m).find((part) => part.startsWith(`\`${key}\``));
      expect(section, `docs/MEASURES.md has no section for ${key}`).toBeDefined();
      for (const language of ["en", "es"] as const) {
        const { name, definition } = words[language];
        expect(section).toContain(`- ${language}: **${name}** — ${definition}`);
      }
    },
  );
});
