import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Where bundles live: inside node_modules, so that their package imports resolve. */
const defaultCacheDir = join(projectRoot, "node_modules/.cache/esca-hub");

interface Manifest {
  /** Each source the bundle was built from, with the size and mtime it had then. */
  inputs: Record<string, [size: number, mtimeMs: number]>;
}

/**
 * A worker thread's TypeScript entry as one plain JavaScript module, so that the worker
 * starts without the TypeScript loader (tsx's hooks cost a worker ~0.1 s of start-up).
 * Packages stay imports. The bundle is rebuilt whenever one of its sources changed size or
 * time since it was built, and written by rename, so that processes starting at once never
 * read half a file. Null when it cannot be built or written here (no esbuild, a read-only
 * folder): the caller then starts the worker through tsx.
 */
export async function workerBundle(
  entry: string,
  options: { cacheDir?: string; name?: string } = {},
): Promise<URL | null> {
  const cacheDir = options.cacheDir ?? defaultCacheDir;
  const name = options.name ?? relative(projectRoot, entry).replace(/[^\w.-]+/g, "_");
  const bundle = join(cacheDir, `${name}.mjs`);
  const manifestFile = join(cacheDir, `${name}.json`);
  try {
    if (isFresh(manifestFile)) return pathToFileURL(bundle);
    const started = Date.now();
    const { build } = await import("esbuild");
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const code = result.outputFiles[0]?.text;
    if (code === undefined) return null;
    const inputs: Manifest["inputs"] = {};
    let changedMeanwhile = false;
    for (const input of Object.keys(result.metafile.inputs)) {
      const path = resolve(input);
      const { size, mtimeMs } = statSync(path);
      inputs[path] = [size, mtimeMs];
      changedMeanwhile ||= mtimeMs >= started;
    }
    mkdirSync(cacheDir, { recursive: true });
    const unique = `${process.pid}-${Math.random().toString(36).slice(2)}`;
    writeFileSync(`${bundle}.${unique}`, code);
    renameSync(`${bundle}.${unique}`, bundle);
    // A source saved while it was being bundled may not be in the bundle: no manifest then, so
    // the next start builds again.
    if (!changedMeanwhile) {
      writeFileSync(`${manifestFile}.${unique}`, JSON.stringify({ inputs } satisfies Manifest));
      renameSync(`${manifestFile}.${unique}`, manifestFile);
    }
    return pathToFileURL(bundle);
  } catch {
    return null;
  }
}

function isFresh(manifestFile: string): boolean {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Manifest;
  } catch {
    return false;
  }
  for (const [path, [size, mtimeMs]] of Object.entries(manifest.inputs)) {
    try {
      const now = statSync(path);
      if (now.size !== size || now.mtimeMs !== mtimeMs) return false;
    } catch {
      return false;
    }
  }
  return Object.keys(manifest.inputs).length > 0;
}
