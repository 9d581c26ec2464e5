import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isBuiltin } from "node:module";
import { tmpdir } from "node:os";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { Plugin } from "esbuild";
import {
  isFresh,
  projectRoot,
  readManifest,
  recordInputs,
  writeFileWhole,
  writeManifest,
} from "./build-manifest.mjs";

/** Bundles made by `npm run build`; their package imports resolve from the project's node_modules. */
export const builtWorkersDir = join(projectRoot, "dist/workers");
/**
 * Bundles made at run time, when the build has none or an older one: outside the project, whose
 * node_modules (or whole folder) may be read-only in production. One folder per user and
 * checkout; such bundles import packages by absolute path, so they run from anywhere.
 */
const defaultCacheDir = join(
  tmpdir(),
  `esca-hub-workers-${process.getuid?.() ?? "user"}-${createHash("sha256").update(projectRoot).digest("hex").slice(0, 12)}`,
);

/** The file name a worker entry's bundle has (src/modules/x/y-worker.ts → src_modules_x_y-worker.ts). */
export const workerBundleName = (entry: string) =>
  relative(projectRoot, entry).replace(/[^\w.-]+/g, "_");

/**
 * The worker threads' entries: each is a `.ts` file with a `.mjs` of the same name beside it,
 * the shim that starts it through tsx when no bundle can be made (e.g. iati/stage-worker).
 */
export function workerEntries(dir = join(projectRoot, "src")): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "web" ? [] : workerEntries(path);
    if (!name.endsWith(".mjs")) return [];
    const entry = `${path.slice(0, -4)}.ts`;
    return statSync(entry, { throwIfNoEntry: false })?.isFile() ? [entry] : [];
  });
}

/**
 * A worker thread's TypeScript entry as one plain JavaScript module, so that the worker
 * starts without a TypeScript loader (tsx's hooks cost a worker ~0.1 s of start-up, and a
 * production install has none). The bundle `npm run build` made is used while its sources are
 * unchanged; otherwise one is built into the cache folder and used until a source changes.
 * Written by rename, so that processes starting at once never read half a file. Null when
 * none can be built (esbuild missing or broken, code that does not compile): the caller then
 * starts the worker through tsx, which worker-bundle.test.ts makes sure does not happen
 * unnoticed.
 */
export async function workerBundle(
  entry: string,
  options: { cacheDir?: string; builtDir?: string; name?: string } = {},
): Promise<URL | null> {
  const name = options.name ?? workerBundleName(entry);
  const built = join(options.builtDir ?? builtWorkersDir, `${name}.mjs`);
  if (isFresh(readManifest(`${built.slice(0, -4)}.json`))) return pathToFileURL(built);
  try {
    const cacheDir = ownCacheDir(options.cacheDir ?? defaultCacheDir);
    const cached = join(cacheDir, `${name}.mjs`);
    if (isFresh(readManifest(join(cacheDir, `${name}.json`)))) return pathToFileURL(cached);
    const inputs = await writeWorkerBundle({ entry, outDir: cacheDir, name, packages: "absolute" });
    return inputs ? pathToFileURL(cached) : null;
  } catch {
    return null;
  }
}

/**
 * A cache folder only this user may write to; in a shared temporary folder, one someone else
 * made (or left writable) could hold code planted for us to run: a folder of our own then.
 */
function ownCacheDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { uid, mode } = statSync(dir);
  const uidNow = process.getuid?.();
  if (uidNow === undefined || (uid === uidNow && (mode & 0o022) === 0)) return dir;
  return mkdtempSync(join(tmpdir(), "esca-hub-workers-"));
}

/**
 * Bundles `entry` into `outDir/name.mjs` with its manifest (`name.json`, the sources it was
 * made from). Packages stay imports: by name ("bare", for bundles inside the project, found in
 * its node_modules) or by absolute file URL ("absolute", for bundles kept elsewhere). Returns
 * the files it was made from (relative to the project), or null when esbuild made nothing.
 */
export async function writeWorkerBundle(options: {
  entry: string;
  outDir: string;
  name: string;
  packages: "bare" | "absolute";
}): Promise<string[] | null> {
  const { entry, outDir, name, packages } = options;
  const outFile = join(outDir, `${name}.mjs`);
  const started = Date.now();
  const { build } = await import("esbuild");
  const packageFiles: string[] = [];
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: projectRoot,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    metafile: true,
    logLevel: "silent",
    ...(packages === "bare" ? { packages: "external" as const } : {}),
    plugins: [
      sourceLocations(outFile, packages === "bare" ? "relative" : "absolute"),
      ...(packages === "absolute" ? [packagesByPath(packageFiles)] : []),
    ],
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) return null;
  const files = [...Object.keys(result.metafile.inputs), ...packageFiles];
  const manifest = recordInputs({ files });
  mkdirSync(outDir, { recursive: true });
  writeFileWhole(outFile, code);
  // A source saved while it was being bundled may not be in the bundle: no manifest then, so
  // the next start builds again.
  const changedMeanwhile = files.some(
    (file) => statSync(resolve(projectRoot, file)).mtimeMs >= started,
  );
  if (!changedMeanwhile) writeManifest(join(outDir, `${name}.json`), manifest);
  return files;
}

/**
 * Bundling moves code away from its file, and `import.meta.url` with it: the project's sources
 * find files beside them (migrations, the demo data set, the IATI schemas, dist/web, worker
 * entries) through it. In a bundle each source's `import.meta.url` stays the URL of its own
 * source file, written relative to the bundle (movable with the checkout) or absolute.
 */
export function sourceLocations(outFile: string, mode: "relative" | "absolute"): Plugin {
  // Code, not text: a quoted or back-quoted mention (in a string or this comment) stays as is.
  const ownUrl = /(?<![\w"'`.])import\.meta\.url(?![\w"'`])/;
  /** The bundle's own URL at run time, spelt so that the pattern above leaves this file alone. */
  const bundleUrl = ["import", "meta", "url"].join(".");
  const loaders = { ".ts": "ts", ".tsx": "tsx", ".mts": "ts", ".mjs": "js", ".js": "js" } as const;
  return {
    name: "esca:source-locations",
    setup(build) {
      build.onLoad({ filter: /\.(m?ts|tsx|m?js)$/ }, (args) => {
        if (args.path.split(sep).includes("node_modules")) return undefined;
        const contents = readFileSync(args.path, "utf8");
        if (!ownUrl.test(contents)) return undefined;
        const own =
          mode === "absolute"
            ? JSON.stringify(pathToFileURL(args.path).href)
            : `new URL(${JSON.stringify(relative(dirname(outFile), args.path).split(sep).join("/"))}, ${bundleUrl}).href`;
        return {
          contents: contents.replace(new RegExp(ownUrl, "g"), own),
          loader: loaders[extname(args.path) as keyof typeof loaders],
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}

/** Each package import as the absolute file URL Node would load; the files are noted. */
function packagesByPath(files: string[]): Plugin {
  const inner = Symbol("resolving a package");
  return {
    name: "esca:packages-by-path",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === inner || isBuiltin(args.path)) return undefined;
        const found = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: inner,
        });
        if (found.errors.length > 0 || !found.path) return undefined;
        files.push(found.path);
        return { path: pathToFileURL(found.path).href, external: true };
      });
    },
  };
}
