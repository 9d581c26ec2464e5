// What a build in dist/ was made from, and whether it still matches the sources. Plain
// JavaScript, so that bin/esca.js and bin/start.js can tell a fresh build from a stale one
// without a TypeScript loader (a production install has none).
import { createHash } from "node:crypto";
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The project's root folder (this file is src/platform/build-manifest.mjs). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const sha256 = (path) => createHash("sha256").update(readFileSync(path)).digest("hex");
/** Manifest keys are relative to the root with "/" separators, so a moved checkout stays fresh. */
const key = (root, path) => relative(root, path).split(sep).join("/");

/** Every file under `dir`, sorted; tests are not inputs of a build. */
function listFiles(dir) {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) return [dir];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => listFiles(join(dir, name)))
    .filter((path) => !/\.test\.tsx?$/.test(path));
}

/**
 * The manifest of a build made from `files` (paths absolute or relative to the root) and from
 * every file under `dirs` (so that a file added to or removed from one makes the build stale).
 */
export function recordInputs({ root = projectRoot, files = [], dirs = [] }) {
  const inputs = {};
  const all = [...files.map((file) => resolve(root, file))];
  for (const dir of dirs) all.push(...listFiles(resolve(root, dir)));
  for (const path of all.sort()) {
    const { size, mtimeMs } = statSync(path);
    inputs[key(root, path)] = [size, mtimeMs, sha256(path)];
  }
  return { dirs: dirs.map((dir) => key(root, resolve(root, dir))), inputs };
}

/** Writes a file by rename, so that a process starting meanwhile never reads half of it. */
export function writeFileWhole(path, text) {
  const unique = `${path}.${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(unique, text);
  renameSync(unique, path);
}

export function writeManifest(path, manifest) {
  writeFileWhole(path, `${JSON.stringify(manifest)}\n`);
}

export function readManifest(path) {
  try {
    const manifest = JSON.parse(readFileSync(path, "utf8"));
    return manifest && typeof manifest.inputs === "object" ? manifest : null;
  } catch {
    return null;
  }
}

/**
 * True when every input still has the content it had at build time and the listed folders
 * hold the same files. Size and modification time settle most files at the cost of one
 * stat; a file whose time changed (a fresh clone, a copy, a checkout) is compared by content.
 */
export function isFresh(manifest, root = projectRoot) {
  if (!manifest || Object.keys(manifest.inputs).length === 0) return false;
  for (const [name, [size, mtimeMs, hash]] of Object.entries(manifest.inputs)) {
    const path = isAbsolute(name) ? name : join(root, name);
    let now;
    try {
      now = statSync(path);
    } catch {
      return false;
    }
    if (now.size !== size) return false;
    if (now.mtimeMs !== mtimeMs && sha256(path) !== hash) return false;
  }
  for (const dir of manifest.dirs ?? []) {
    for (const path of listFiles(join(root, dir))) {
      if (!(key(root, path) in manifest.inputs)) return false;
    }
  }
  return true;
}

/** Where `npm run build` puts the command line (with the server) and its manifest. */
export const builtCli = {
  entry: join(projectRoot, "dist/cli/esca.mjs"),
  manifest: join(projectRoot, "dist/cli/esca.json"),
};

/** Where `npm run build` puts the web application and its manifest. */
export const builtWeb = {
  index: join(projectRoot, "dist/web/index.html"),
  manifest: join(projectRoot, "dist/web-build.json"),
};

/**
 * The built command line's entry when it matches the sources and every file of that build is
 * there (the entry imports a chunk per command when the command runs), else null.
 */
export function freshCli() {
  const manifest = readManifest(builtCli.manifest);
  const dir = dirname(builtCli.entry);
  const whole = [builtCli.entry, ...(manifest?.outputs ?? []).map((name) => join(dir, name))];
  return whole.every((path) => existsSync(path)) && isFresh(manifest) ? builtCli.entry : null;
}

export function isWebFresh() {
  return existsSync(builtWeb.index) && isFresh(readManifest(builtWeb.manifest));
}
