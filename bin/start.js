#!/usr/bin/env node
// `npm start`: serves ESCA Hub from the build in dist/ (`npm run build`). On a development
// install a missing or stale build is made first, as a newcomer's `npm install && npm start`
// expects; a production install (`npm ci --omit=dev`) has no build tools and says so.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { builtCli, freshCli, isWebFresh, projectRoot } from "../src/platform/build-manifest.mjs";

if (!freshCli() || !isWebFresh()) {
  const tools = ["vite", "tsx"].every((name) => {
    try {
      import.meta.resolve(name);
      return true;
    } catch {
      return false;
    }
  });
  if (!tools) {
    console.error(
      "esca: the build in dist/ is missing or older than the sources, and this install has no build tools (installed without dev dependencies): run `npm ci && npm run build` first.",
    );
    process.exit(1);
  }
  const build = spawnSync(
    process.execPath,
    ["--import", "tsx", join(projectRoot, "src/cli/build/build.ts"), "--if-stale"],
    { stdio: "inherit" },
  );
  // The build said why in one line; nothing is served from a build that failed.
  if (build.status !== 0) process.exit(build.status ?? 1);
}

process.argv.splice(2, 0, "serve");
// Stack traces name the TypeScript sources (the build has its source map beside it).
process.setSourceMapsEnabled(true);
await import(pathToFileURL(builtCli.entry).href);
