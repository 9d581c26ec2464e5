import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import swagger from "@fastify/swagger";
import Fastify from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { organizationListSchema } from "../../src/contracts/organizations.ts";
import { okSchema } from "../../src/contracts/shapes.ts";

const webEntry = fileURLToPath(new URL("../../src/web/main.tsx", import.meta.url));

/**
 * Every module the web application runs, from its entry through static and lazy imports;
 * imports of types only are left out, since they are erased before bundling.
 */
function runtimeImports(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (graph.has(file)) continue;
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
    const specifiers: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
        const bindings = node.importClause?.namedBindings;
        const onlyTypes =
          bindings !== undefined &&
          ts.isNamedImports(bindings) &&
          node.importClause?.name === undefined &&
          bindings.elements.length > 0 &&
          bindings.elements.every((element) => element.isTypeOnly);
        if (!onlyTypes) specifiers.push((node.moduleSpecifier as ts.StringLiteral).text);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
        specifiers.push((node.moduleSpecifier as ts.StringLiteral).text);
      } else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        specifiers.push(node.arguments[0].text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    graph.set(file, specifiers);
    for (const specifier of specifiers) {
      if (specifier.startsWith(".") && /\.tsx?$/.test(specifier)) {
        pending.push(resolve(dirname(file), specifier));
      }
    }
  }
  return graph;
}

describe("contracts: the answers' shapes the server and the web share", () => {
  it("reach the web without full zod: the web runs only zod/mini and zod's core", () => {
    const graph = runtimeImports(webEntry);
    const contracts = [...graph.keys()].filter((file) => file.includes("/src/contracts/"));
    // The web reads answers with the contracts' schemas (queries, sessions, the ledger).
    for (const name of ["shapes.ts", "initiatives.ts", "accounts.ts", "enum-values.ts"]) {
      expect(contracts.some((file) => file.endsWith(`/contracts/${name}`))).toBe(true);
    }
    const fullZod = [...graph]
      .filter(([, specifiers]) => specifiers.some((s) => s === "zod" || s === "zod/v4"))
      .map(([file]) => file);
    expect(fullZod).toEqual([]);
  });

  it("are used by the server's routes: answers checked and described through zod/mini", async () => {
    const app = Fastify({ logger: false });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(swagger, {
      openapi: { openapi: "3.1.0", info: { title: "contracts", version: "1" } },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    let answer: unknown = { ok: true };
    app.get("/ok", { schema: { response: { 200: okSchema } } }, async () => answer);
    app.get(
      "/organizations",
      { schema: { response: { 200: organizationListSchema } } },
      async () => ({ data: [], page: { total: 0, limit: 50, offset: 0 } }),
    );
    await app.ready();

    const ok = await app.inject({ url: "/ok" });
    expect([ok.statusCode, ok.json()]).toEqual([200, { ok: true }]);
    // An answer that breaks its contract is refused, not sent.
    answer = { ok: "yes" };
    expect((await app.inject({ url: "/ok" })).statusCode).toBe(500);

    const description = app.swagger() as {
      components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
    };
    const organization = description.components?.schemas?.Organization;
    expect(Object.keys(organization?.properties ?? {})).toContain("group_of_friends");
    await app.close();
  });
});
