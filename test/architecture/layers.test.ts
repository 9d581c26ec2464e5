import { describe, expect, it } from "vitest";
import {
  describeViolation,
  importsOf,
  layerViolations,
  readSources,
  type SourceFile,
  srcDir,
} from "./layers.ts";

const file = (path: string, ...imports: string[]): SourceFile => ({
  path,
  text: imports.map((specifier) => `import { x } from "${specifier}";`).join("\n"),
});

describe("the layers of src", () => {
  it("point one way: app → modules → platform, a module through another's index.ts", () => {
    const sources = readSources(srcDir);
    // The check reads the real tree: the composition root, the platform and the modules.
    const paths = sources.map((source) => source.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "app/build-app.ts",
        "app/start-server.ts",
        "platform/http/app.ts",
        "modules/accounts/index.ts",
        "contracts/money.ts",
      ]),
    );
    expect(layerViolations(sources).map(describeViolation)).toEqual([]);
  });

  it("reads static, type-only, re-exported and dynamic imports", () => {
    const text = [
      'import type { A } from "./a.ts";',
      'import "./side-effect.ts";',
      'export { b } from "./b.ts";',
      'export * from "./c.ts";',
      'const d = await import("./d.ts");',
      "import {",
      "  e,",
      '} from "./e.ts";',
    ].join("\n");
    expect(importsOf(text)).toEqual([
      "./a.ts",
      "./side-effect.ts",
      "./b.ts",
      "./c.ts",
      "./d.ts",
      "./e.ts",
    ]);
  });

  it("names the file, the import and the rule of each arrow that points the wrong way", () => {
    const violations = layerViolations([
      file("platform/http/auth.ts", "../../modules/accounts/index.ts", "../config.ts"),
      file("platform/server.ts", "../app/build-app.ts", "../cli/run.ts"),
      file("modules/funding/record-flow.ts", "../../app/api-modules.ts", "../../cli/run.ts"),
      file("modules/funding/find-flows.ts", "../accounts/principal.ts", "../accounts/index.ts"),
      file("modules/iati/read/parse.ts", "../../accounts/sessions.ts"),
      file("modules/spreadsheets/apply.ts", "../iati/iati-xml.fixtures.ts"),
      file("app/build-app.ts", "../modules/accounts/authenticate.ts"),
      file("cli/commands/user.ts", "../../modules/accounts/users.queries.ts"),
      file("contracts/minor-units.ts", "currency-codes", "../platform/errors.ts", "zod"),
      file("contracts/money.test.ts", "vitest", "kysely"),
    ]);
    expect(violations.map(describeViolation)).toEqual([
      'src/platform/http/auth.ts imports "../../modules/accounts/index.ts": platform must not import modules',
      'src/platform/server.ts imports "../app/build-app.ts": platform must not import app',
      'src/platform/server.ts imports "../cli/run.ts": platform must not import cli',
      'src/modules/funding/record-flow.ts imports "../../app/api-modules.ts": a module must not import app',
      'src/modules/funding/record-flow.ts imports "../../cli/run.ts": a module must not import cli',
      'src/modules/funding/find-flows.ts imports "../accounts/principal.ts": reach the accounts module only through its index.ts',
      'src/modules/iati/read/parse.ts imports "../../accounts/sessions.ts": reach the accounts module only through its index.ts',
      'src/modules/spreadsheets/apply.ts imports "../iati/iati-xml.fixtures.ts": reach the iati module only through its index.ts',
      'src/app/build-app.ts imports "../modules/accounts/authenticate.ts": reach the accounts module only through its index.ts',
      'src/cli/commands/user.ts imports "../../modules/accounts/users.queries.ts": reach the accounts module only through its index.ts',
      'src/contracts/minor-units.ts imports "currency-codes": contracts import only contracts and zod',
      'src/contracts/minor-units.ts imports "../platform/errors.ts": contracts import only contracts and zod',
      'src/contracts/money.test.ts imports "kysely": contracts import only contracts and zod',
    ]);
  });

  it("lets the arrows that point down or stay inside through", () => {
    const violations = layerViolations([
      file("app/build-app.ts", "../modules/accounts/index.ts", "../platform/http/app.ts"),
      file("cli/commands/serve.ts", "../../app/start-server.ts", "../../platform/config.ts"),
      file("modules/iati/read/parse.ts", "../iati-activity.ts", "../../accounts/index.ts"),
      file(
        "modules/funding/record-flow.ts",
        "../../platform/errors.ts",
        "../../contracts/money.ts",
      ),
      file("modules/spreadsheets/apply.test.ts", "../iati/iati-xml.fixtures.ts"),
      file("platform/http/access.ts", "../../contracts/roles.ts", "fastify"),
      file("contracts/money.ts", "./minor-units.ts", "zod", "zod/mini"),
      file("contracts/money.test.ts", "vitest", "fast-check", "./money.ts"),
    ]);
    expect(violations).toEqual([]);
  });
});
