import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

/**
 * Builds the web application into dist/web when the build is missing or stale. "Stale"
 * means the content of its inputs (src/web, src/contracts, the Vite config and the lock
 * file) hashes differently from the hash recorded by the last build; mtimes are not
 * trusted because a fresh clone or a copy gives every file a new one.
 */
const projectRoot = fileURLToPath(new URL("../../../", import.meta.url));
const outDir = join(projectRoot, "dist/web");
const hashFile = join(projectRoot, "dist/web-build.hash");
/** Two processes (say, two browser test files) must not build into dist/web at once. */
const lockDir = join(projectRoot, "dist/web-build.lock");
const inputs = ["src/web", "src/contracts", "vite.config.ts", "package-lock.json"];

function listFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => listFiles(join(path, name)));
}

export function webInputsHash(): string {
  const hash = createHash("sha256");
  for (const file of inputs.flatMap((input) => listFiles(join(projectRoot, input)))) {
    if (file.endsWith(".test.ts")) continue;
    hash.update(relative(projectRoot, file));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

export function isWebBuildFresh(): boolean {
  if (!existsSync(join(outDir, "index.html")) || !existsSync(hashFile)) return false;
  return readFileSync(hashFile, "utf8").trim() === webInputsHash();
}

async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(join(projectRoot, "dist"), { recursive: true });
  for (let waited = 0; ; waited += 250) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      // A lock older than two minutes belongs to a build that died: take it over.
      if (waited > 120_000) rmSync(lockDir, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Returns what it did: "fresh" (nothing to do) or "built". */
export async function ensureWebBuilt(log: (line: string) => void = console.log) {
  if (isWebBuildFresh()) return "fresh" as const;
  return withBuildLock(() => buildUnlessFresh(log));
}

async function buildUnlessFresh(log: (line: string) => void) {
  if (isWebBuildFresh()) return "fresh" as const;
  const hash = webInputsHash();
  log(
    existsSync(join(outDir, "index.html"))
      ? "The web application changed since its last build: building it…"
      : "Building the web application (first start)…",
  );
  const { build } = await import("vite");
  await build({
    configFile: join(projectRoot, "vite.config.ts"),
    logLevel: "warn",
  });
  writeFileSync(hashFile, `${hash}\n`);
  log("Web application built into dist/web.");
  return "built" as const;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes("--force");
  if (force && existsSync(hashFile)) writeFileSync(hashFile, "");
  await ensureWebBuilt().catch((error: unknown) => {
    // Serving the API without the web application beats not serving at all.
    console.error(`Could not build the web application: ${(error as Error).message}`);
    process.exitCode = existsSync(join(outDir, "index.html")) ? 0 : 1;
  });
}
