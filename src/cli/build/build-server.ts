import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { build } from "esbuild";
import {
  builtCli,
  projectRoot,
  readManifest,
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
    // dist/cli/esca.mjs, and beside it a chunk per command's code (each `import()` of
    // src/cli/lazy.ts) and the code they share: `esca --help` evaluates the entry alone.
    entryPoints: { [basename(builtCli.entry, ".mjs")]: join(projectRoot, "src/cli/main.ts") },
    absWorkingDir: projectRoot,
    outdir: dirname(builtCli.entry),
    outExtension: { ".js": ".mjs" },
    chunkNames: "[name]-[hash]",
    splitting: true,
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
  const outDir = dirname(builtCli.entry);
  const outputs = result.outputFiles.map((output) => relative(outDir, output.path));
  const manifest = { ...recordInputs({ files }), outputs };
  const previous = readManifest(builtCli.manifest)?.outputs ?? [];
  mkdirSync(outDir, { recursive: true });
  // Written by rename, the chunks (named by their content) before the entry that imports them:
  // a command starting meanwhile runs the old build or the new, never half of one.
  const isEntry = (path: string) => path.startsWith(builtCli.entry);
  const ordered = [...result.outputFiles].sort((a, b) => +isEntry(a.path) - +isEntry(b.path));
  for (const output of ordered) {
    const unique = `${output.path}.${process.pid}`;
    writeFileSync(unique, output.contents);
    renameSync(unique, output.path);
  }
  // Chunks of older builds go; the previous build's stay for a command still running it.
  for (const name of readdirSync(outDir)) {
    if (/\.mjs(\.map)?$/.test(name) && !outputs.includes(name) && !previous.includes(name))
      rmSync(join(outDir, name), { force: true });
  }
  const changedMeanwhile = files.some(
    (file) => statSync(join(projectRoot, file)).mtimeMs >= started,
  );
  if (!changedMeanwhile) writeManifest(builtCli.manifest, manifest);
  log(`Command line and server built into ${relative(projectRoot, builtCli.entry)}.`);
}
