import { mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { build } from "esbuild";
import {
  builtCli,
  projectRoot,
  recordInputs,
  writeManifest,
} from "../../platform/build-manifest.mjs";
import {
  builtWorkersDir,
  sourceLocations,
  workerBundleName,
  workerEntries,
  writeWorkerBundle,
} from "../../platform/worker-bundle.ts";

const thisFile = join(projectRoot, "src/cli/build/build-server.ts");

/**
 * Bundles the command line, which holds the server (`esca serve`), into dist/cli/esca.mjs with
 * its manifest, and each worker thread's entry into dist/workers: plain JavaScript that starts
 * without a TypeScript loader. Packages stay imports, resolved from node_modules at run time.
 */
export async function buildServer(log: (line: string) => void = console.log): Promise<void> {
  // The workers first: the command line's manifest holds their sources too, so that a fresh
  // command line (what bin/start.js checks) means fresh workers.
  const workerInputs: string[] = [];
  for (const entry of workerEntries()) {
    const inputs = await writeWorkerBundle({
      entry,
      outDir: builtWorkersDir,
      name: workerBundleName(entry),
      packages: "bare",
    });
    const shown = relative(projectRoot, entry).split(sep).join("/");
    if (!inputs) throw new Error(`the worker ${shown} did not bundle`);
    workerInputs.push(...inputs);
    log(`Worker ${shown} built into dist/workers.`);
  }
  const started = Date.now();
  const result = await build({
    entryPoints: [join(projectRoot, "src/cli/main.ts")],
    absWorkingDir: projectRoot,
    outfile: builtCli.entry,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [sourceLocations(builtCli.entry, "relative")],
  });
  const files = [
    ...new Set([
      ...Object.keys(result.metafile.inputs),
      ...workerInputs,
      relative(projectRoot, thisFile),
    ]),
  ];
  const manifest = recordInputs({ files });
  mkdirSync(dirname(builtCli.entry), { recursive: true });
  // Written by rename: a command starting meanwhile runs the old file or the new, never half.
  for (const output of result.outputFiles) {
    const unique = `${output.path}.${process.pid}`;
    writeFileSync(unique, output.contents);
    renameSync(unique, output.path);
  }
  const changedMeanwhile = files.some(
    (file) => statSync(join(projectRoot, file)).mtimeMs >= started,
  );
  if (!changedMeanwhile) writeManifest(builtCli.manifest, manifest);
  log(`Command line and server built into ${relative(projectRoot, builtCli.entry)}.`);
}
