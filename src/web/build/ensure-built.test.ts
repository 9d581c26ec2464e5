import { describe, expect, it } from "vitest";
import { buildErrorLine } from "./ensure-built.ts";

describe("a failed build, in the one line npm start prints", () => {
  it("gives Vite's error with the place it names, without terminal colours", () => {
    const error = new Error(
      "Build failed with 1 error:\n\n\u001b[31m[builtin:vite-transform] \u001b[0mUnexpected token\n    \u001b[38;5;246m╭─[\u001b[0m src/web/main.tsx:35:23 \u001b[38;5;246m]\u001b[0m\n 35 │ export const broken = ;\n",
    );
    expect(buildErrorLine(error)).toBe(
      "[builtin:vite-transform] Unexpected token (src/web/main.tsx:35:23)",
    );
  });

  it("gives esbuild's error, which starts with its place", () => {
    const error = new Error(
      'Build failed with 1 error:\nsrc/cli/main.ts:3:8: ERROR: Could not resolve "./missing.ts"',
    );
    expect(buildErrorLine(error)).toBe(
      'src/cli/main.ts:3:8: ERROR: Could not resolve "./missing.ts"',
    );
  });

  it("gives the first line of any other error", () => {
    expect(buildErrorLine(new Error("ENOSPC: no space left on device\n    at write"))).toBe(
      "ENOSPC: no space left on device",
    );
  });
});
