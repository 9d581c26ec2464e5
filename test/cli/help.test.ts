import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { escaProgram } from "../../src/cli/program.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Every command's help as `esca … --help` prints it on a pipe: 80 columns, no colours. */
function helpOfEvery(command: Command, path: string[] = []): string[] {
  command.configureOutput({ getOutHelpWidth: () => 80, getOutHasColors: () => false });
  return [
    `$ esca ${[...path, "--help"].join(" ")}\n${command.helpInformation()}`,
    ...command.commands.flatMap((sub) => helpOfEvery(sub, [...path, sub.name()])),
  ];
}

/** The project files `file` loads before it runs (value imports, not `import type` nor `import()`). */
function staticImports(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const text = readFileSync(file, "utf8");
  const specifiers = [
    ...text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;]*?\sfrom\s+)?"([^"]+)";/gms),
  ].map((match) => match[1] ?? "");
  seen.set(file, specifiers);
  for (const specifier of specifiers)
    if (specifier.startsWith(".")) staticImports(join(dirname(file), specifier), seen);
  return seen;
}

describe("esca's help", () => {
  it("says what it said when every command's code loaded at start", () => {
    // The fixture is the output of each `esca … --help` before the commands loaded lazily.
    const expected = readFileSync(join(root, "test/cli/fixtures/help.txt"), "utf8");
    const help = helpOfEvery(escaProgram());
    expect(help.length).toBe(26);
    expect(help.join("\n")).toBe(expected);
  });

  it("needs only commander and the commands' registrations before a command runs", () => {
    const loaded = staticImports(join(root, "src/cli/main.ts"));
    const files = [...loaded.keys()].map((file) => relative(root, file)).sort();
    expect(files).toEqual([
      "src/cli/commands/audit.ts",
      "src/cli/commands/backup.ts",
      "src/cli/commands/export.ts",
      "src/cli/commands/iati.ts",
      "src/cli/commands/import.ts",
      "src/cli/commands/migrate.ts",
      "src/cli/commands/report.ts",
      "src/cli/commands/seed.ts",
      "src/cli/commands/serve.ts",
      "src/cli/commands/summary.ts",
      "src/cli/commands/user.ts",
      "src/cli/lazy.ts",
      "src/cli/main.ts",
      "src/cli/program.ts",
    ]);
    const packages = [...loaded.values()].flat().filter((specifier) => !specifier.startsWith("."));
    expect(new Set(packages)).toEqual(new Set(["commander"]));
  });
});
