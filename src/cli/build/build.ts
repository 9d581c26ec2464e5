// `npm run build`: the web application (Vite) into dist/web, the command line with the server
// and the worker threads (esbuild) into dist/cli and dist/workers. With --if-stale (what
// `npm start` runs on a development install) only what is missing or out of date is built.
// A failure prints one line and exits 1.
import { freshCli } from "../../platform/build-manifest.mjs";
import { buildErrorLine, ensureWebBuilt } from "../../web/build/ensure-built.ts";
import { buildServer } from "./build-server.ts";

const ifStale = process.argv.includes("--if-stale");

try {
  await ensureWebBuilt(console.log, { force: !ifStale });
} catch (error) {
  console.error(`esca: the web application did not build: ${buildErrorLine(error)}`);
  process.exit(1);
}
try {
  if (!ifStale || !freshCli()) await buildServer();
} catch (error) {
  console.error(`esca: the server did not build: ${buildErrorLine(error)}`);
  process.exit(1);
}
