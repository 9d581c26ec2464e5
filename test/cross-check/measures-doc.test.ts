import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fundingMeasuresSchema } from "../../src/modules/funding/funding.schema.ts";
import { en } from "../../src/web/i18n/en.ts";
import { es } from "../../src/web/i18n/es.ts";

const doc = readFileSync(new URL("../../docs/MEASURES.md", import.meta.url), "utf8");
type Key = keyof typeof en;

/** Each "## `field`" section: its catalog keys and its English and Spanish lines. */
function sections() {
  return doc
    .split(/^## /m)
    .slice(1)
    .flatMap((part) => {
      const field = /^`(\w+)`/.exec(part)?.[1];
      const keys = /^Catalog keys: `([\w.]+)`, `([\w.]+)`$/m.exec(part);
      if (!field || !keys?.[1] || !keys[2]) return [];
      return [
        {
          field,
          label: keys[1] as Key,
          definition: keys[2] as Key,
          en: /^- en: (.+)$/m.exec(part)?.[1],
          es: /^- es: (.+)$/m.exec(part)?.[1],
        },
      ];
    });
}

describe("docs/MEASURES.md and the catalogs", () => {
  it("defines every measure of the roll-up, the remainder rows and the finance type", () => {
    const fields = sections().map((s) => s.field);
    expect(fields.sort()).toEqual(
      [
        ...Object.keys(fundingMeasuresSchema.shape),
        "remainder",
        "not_allocated_to_component",
        "finance_type",
      ].sort(),
    );
  });

  it("words each definition exactly as the portal's tooltips do, in English and Spanish", () => {
    for (const s of sections()) {
      expect(s.label in en, s.label).toBe(true);
      expect(s.definition in en, s.definition).toBe(true);
      expect(s.en, s.field).toBe(`**${en[s.label]}** — ${en[s.definition]}`);
      expect(s.es, s.field).toBe(`**${es[s.label]}** — ${es[s.definition]}`);
    }
  });

  it("leaves no definition of the catalogs out of the page", () => {
    const documented = new Set(sections().map((s) => s.definition));
    const definitions = Object.keys(en).filter((key) => key.startsWith("measureDefinition."));
    expect(definitions.length).toBeGreaterThan(5);
    for (const key of definitions) expect(documented.has(key as Key), key).toBe(true);
  });
});
