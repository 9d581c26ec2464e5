import { readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** A source file under src/, by its path from src/ ("modules/funding/record-flow.ts"). */
export interface SourceFile {
  path: string;
  text: string;
}

export interface LayerViolation {
  /** The importing file, from src/. */
  file: string;
  /** The import as written. */
  specifier: string;
  /** The rule it breaks. */
  rule: string;
}

/** Packages src/contracts may use: what server and web both load, and nothing else. */
const CONTRACT_PACKAGES = ["zod"];
/** Packages a test beside the contracts may use as well. */
const TEST_PACKAGES = ["vitest", "fast-check"];

const isTest = (path: string) => /\.test\.tsx?$/.test(path);
const packageName = (specifier: string) =>
  specifier.startsWith("@")
    ? specifier.split("/").slice(0, 2).join("/")
    : (specifier.split("/")[0] ?? specifier);

/** Every .ts and .tsx file under `srcDir`, with its path from there. */
export function readSources(srcDir: string): SourceFile[] {
  return readdirSync(srcDir, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => ({
      path: name.split(/[\\/]/).join("/"),
      text: readFileSync(join(srcDir, name), "utf8"),
    }));
}

/** The imports of a file: static, type-only, re-exports and dynamic `import()`. */
export function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/**
 * The arrows that point the wrong way. The layers, from the top: app (the composition root)
 * and cli → modules → platform; contracts beside them all.
 * - platform imports no module, nor the app or the command line above it;
 * - a module imports neither the app nor the command line, and reaches another module only
 *   through its index.ts (a test may build its world with another module's *.fixtures.ts);
 * - the app and the command line, too, reach a module only through its index.ts;
 * - contracts, shared by server and web, import only contracts and zod.
 */
export function layerViolations(files: SourceFile[]): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const file of files) {
    const [layer, module] = file.path.split("/");
    for (const specifier of importsOf(file.text)) {
      const relativeImport = specifier.startsWith(".");
      const target = relativeImport
        ? posix.normalize(posix.join(posix.dirname(file.path), specifier))
        : undefined;
      const rule = target
        ? ruleBroken(file.path, layer, module, target)
        : layer === "contracts"
          ? contractPackageRule(file.path, specifier)
          : undefined;
      if (rule) violations.push({ file: file.path, specifier, rule });
    }
  }
  return violations;
}

function ruleBroken(
  path: string,
  layer: string | undefined,
  module: string | undefined,
  target: string,
): string | undefined {
  const [targetLayer, targetModule, ...rest] = target.split("/");
  if (layer === "contracts" && targetLayer !== "contracts")
    return "contracts import only contracts and zod";
  if (targetLayer === ".." || targetLayer === undefined) return undefined;
  if (layer === "platform" && ["modules", "app", "cli"].includes(targetLayer))
    return `platform must not import ${targetLayer}`;
  if (layer === "modules" && (targetLayer === "app" || targetLayer === "cli"))
    return `a module must not import ${targetLayer}`;
  const outsider =
    (layer === "modules" && module !== targetModule) || layer === "app" || layer === "cli";
  if (targetLayer === "modules" && outsider) {
    const inner = rest.join("/");
    if (inner === "index.ts") return undefined;
    if (layer === "modules" && isTest(path) && inner.endsWith(".fixtures.ts")) return undefined;
    return `reach the ${targetModule} module only through its index.ts`;
  }
  return undefined;
}

function contractPackageRule(path: string, specifier: string): string | undefined {
  if (specifier.startsWith("node:") && isTest(path)) return undefined;
  const allowed = isTest(path) ? [...CONTRACT_PACKAGES, ...TEST_PACKAGES] : CONTRACT_PACKAGES;
  return allowed.includes(packageName(specifier))
    ? undefined
    : "contracts import only contracts and zod";
}

export const describeViolation = (v: LayerViolation) =>
  `src/${v.file} imports "${v.specifier}": ${v.rule}`;

/** The src folder of this checkout. */
export const srcDir = fileURLToPath(new URL("../../src", import.meta.url));
