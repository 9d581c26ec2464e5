import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { englishFieldLabel, fieldLabelsEn } from "../../contracts/field-labels.ts";
import { fieldLabel } from "./api-errors.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { interpolate, type Translate } from "./i18n.tsx";

const tEs: Translate = (key, vars) => interpolate(es[key] ?? key, vars);
const tEn: Translate = (key, vars) => interpolate(en[key] ?? key, vars);

interface Schema {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface Operation {
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const contextPrefix: Record<string, string> = { query: "query.", path: "path.", header: "" };

/**
 * Every field a write endpoint takes, as a refusal's path names it ("budget.amount",
 * "sectors.0.code", "query.dry_run", "path.id"), with the operations that take it.
 */
function writeFields(doc: Document): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  const add = (path: string, operation: string) =>
    fields.set(path, [...(fields.get(path) ?? []), operation]);
  const resolve = (schema: Schema | undefined): Schema | undefined => {
    let current = schema;
    while (current?.$ref) current = doc.components.schemas[current.$ref.split("/").pop() ?? ""];
    return current;
  };
  const walk = (schema: Schema | undefined, path: string, operation: string, seen: Schema[]) => {
    const current = resolve(schema);
    if (!current || seen.includes(current)) return;
    const inside = [...seen, current];
    for (const part of [
      ...(current.anyOf ?? []),
      ...(current.oneOf ?? []),
      ...(current.allOf ?? []),
    ])
      walk(part, path, operation, inside);
    for (const [name, property] of Object.entries(current.properties ?? {})) {
      const field = path ? `${path}.${name}` : name;
      add(field, operation);
      walk(property, field, operation, inside);
    }
    if (current.items) walk(current.items, `${path}.0`, operation, inside);
  };
  for (const [url, byMethod] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(byMethod)) {
      if (!["post", "put", "patch", "delete"].includes(method)) continue;
      const name = `${method.toUpperCase()} ${url}`;
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === "header" || parameter.in === "cookie") continue;
        add(`${contextPrefix[parameter.in] ?? ""}${parameter.name}`, name);
      }
      walk(operation.requestBody?.content?.["application/json"]?.schema, "", name, []);
    }
  }
  return fields;
}

describe("field labels", () => {
  let t: TestApp;
  let doc: Document;
  beforeAll(async () => {
    t = await createTestApp();
    const response = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(response.statusCode).toBe(200);
    doc = JSON.parse(response.body) as Document;
  });
  afterAll(async () => t.close());

  it("names every field of every write endpoint for people, in English and Spanish", () => {
    const fields = writeFields(doc);
    // The walk reads the real document: bodies, nested objects, lists and parameters.
    expect(fields.size).toBeGreaterThan(100);
    for (const path of ["over_commitment_reason", "budget.amount", "sectors.0.code", "path.id"])
      expect([...fields.keys()]).toContain(path);

    const unnamed = [...fields].flatMap(([path, operations]) => {
      const english = englishFieldLabel(path);
      const labels = { server: english, en: fieldLabel(path, tEn), es: fieldLabel(path, tEs) };
      const raw = Object.entries(labels).filter(
        ([, label]) => label === undefined || label === path || /\w_\w|\.\w/.test(label),
      );
      return raw.length
        ? [`${path} (${operations[0]}): ${raw.map(([who]) => who).join(", ")}`]
        : [];
    });
    expect(unnamed).toEqual([]);
  });

  it("words a bilingual text's part and a nested field by its own name", () => {
    expect(englishFieldLabel("title.es")).toBe("Title (Spanish)");
    expect(fieldLabel("contact_role.en", tEs)).toBe("Cargo de contacto (inglés)");
    expect(englishFieldLabel("targets.2.baseline.year")).toBe("Baseline year");
    expect(fieldLabel("source.kind", tEs)).toBe(es["field.source.kind"]);
    expect(englishFieldLabel("query.limit")).toBe("Number of results");
    expect(englishFieldLabel("over_commitment_reason")).toBe(fieldLabelsEn.over_commitment_reason);
    // A field nobody has named yet has no label: the test above then fails for it.
    expect(englishFieldLabel("no_such_field")).toBeUndefined();
  });

  it("has a Spanish name for every field that is not the English one copied", () => {
    const copied = Object.keys(fieldLabelsEn).filter((name) => {
      const key = `field.${name}` as keyof typeof en;
      return !es[key] || (es[key] === en[key] && !/^(ID|IATI|URL)$/.test(es[key]));
    });
    expect(copied).toEqual([]);
  });
});
