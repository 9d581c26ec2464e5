#!/usr/bin/env -S node --max-semi-space-size=64
// The operator command line: the build in dist/cli (`npm run build`) while it matches the
// sources, else the TypeScript sources through tsx (a development install has it).
import { pathToFileURL } from "node:url";
import { freshCli } from "../src/platform/build-manifest.mjs";

const built = freshCli();
if (built) {
  // Stack traces name the TypeScript sources (the build has its source map beside it).
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(built).href);
} else {
  let register;
  try {
    ({ register } = await import("tsx/esm/api"));
  } catch {
    console.error(
      "esca: the build in dist/ is missing or older than the sources, and this install has no TypeScript loader (installed without dev dependencies): run `npm ci && npm run build` first.",
    );
    process.exit(1);
  }
  register();
  await import("../src/cli/main.ts");
}
