import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/modules/demo/index.ts";
import { createTestApp, type TestApp } from "../support/app.ts";

/**
 * How a partner's system would use the API: types generated from the served OpenAPI document,
 * a small client written against them, type-checked, then run against the live server.
 */
const client = `import type { paths } from "./api";

type GetPath = { [P in keyof paths]: paths[P] extends { get: object } ? P : never }[keyof paths];
type Get<P extends GetPath> = paths[P]["get"];
type Query<P extends GetPath> = Get<P> extends { parameters: { query?: infer Q } } ? Q : never;
type Answer<P extends GetPath> = Get<P> extends {
  responses: { 200: { content: { "application/json": infer A } } };
}
  ? A
  : never;

/** A typed GET: the path must exist, the query must be its parameters, the answer is typed. */
async function get<P extends GetPath>(base: string, path: P, query?: Query<P>): Promise<Answer<P>> {
  const url = new URL(path, base);
  // OpenAPI's default for query parameters (style form, explode): a list repeats its name.
  for (const [name, value] of Object.entries(query ?? {}))
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
      url.searchParams.append(name, String(item));
  const response = await fetch(url);
  if (!response.ok) throw new Error(\`GET \${path}: \${response.status}\`);
  return (await response.json()) as Answer<P>;
}

export async function run(base: string) {
  const summary = await get(base, "/api/funding/summary", { by: ["country", "finance_type"] });
  const committed: string = summary.total.committed;
  const countries: Array<string | null | undefined> = summary.rows.map((row) => row.key.country);
  const list = await get(base, "/api/initiatives", { limit: 5, sort: "code" });
  const codes: string[] = list.data.map((initiative) => initiative.code);
  const total: number = list.page.total;
  return { committed, countries, codes, total };
}

/** Never called: what the types refuse (each line must be an error, or the check fails). */
export async function misuses(base: string) {
  const list = await get(base, "/api/initiatives");
  // @ts-expect-error: an answer's fields are typed, and a list has no "rows"
  list.rows;
  // @ts-expect-error: only the document's paths can be asked for
  await get(base, "/api/no-such-route");
  // @ts-expect-error: a query parameter takes the values the document allows
  await get(base, "/api/funding/summary", { by: ["galaxy"] });
}
`;

function typeErrors(dir: string): string[] {
  const program = ts.createProgram([join(dir, "client.ts")], {
    strict: true,
    noEmit: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
    types: [],
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : "";
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

describe("a typed client generated from the OpenAPI document", () => {
  let t: TestApp;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), "esca-typed-client-"));
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo({ db: t.handle.db, force: true });
    base = await t.app.listen({ host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => t.close());

  it("compiles against the served document and calls the API", async () => {
    const served = await fetch(new URL("/api/openapi.json", base));
    expect(served.status).toBe(200);
    const types = astToString(await openapiTS(await served.text()));
    expect(types).toContain('"/api/funding/summary"');
    writeFileSync(join(dir, "api.d.ts"), types);
    writeFileSync(join(dir, "client.ts"), client);
    expect(typeErrors(dir)).toEqual([]);

    // The checked client, as JavaScript, against the running server.
    const js = ts.transpileModule(client, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    writeFileSync(join(dir, "client.mjs"), js);
    const { run } = (await import(pathToFileURL(join(dir, "client.mjs")).href)) as {
      run(base: string): Promise<{
        committed: string;
        countries: Array<string | null | undefined>;
        codes: string[];
        total: number;
      }>;
    };
    const answer = await run(base);
    const summary = await t.anonymous<{ total: { committed: string } }>({
      method: "GET",
      url: "/api/funding/summary?by=country,finance_type",
    });
    expect(answer.committed).toBe(summary.body.total.committed);
    expect(answer.countries).toContain("GT");
    expect(answer.codes.length).toBe(5);
    expect([...answer.codes].sort()).toEqual(answer.codes);
    expect(answer.total).toBeGreaterThan(5);
  });

  it("fails the type check when the client asks for what the document does not have", () => {
    writeFileSync(
      join(dir, "client.ts"),
      client.replace("// @ts-expect-error: only the document's paths can be asked for\n", ""),
    );
    expect(typeErrors(dir).join("\n")).toMatch(/no-such-route/);
  });
});
