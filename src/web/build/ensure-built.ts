import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import {
  builtWeb,
  isWebFresh,
  projectRoot,
  recordInputs,
  writeManifest,
} from "../../platform/build-manifest.mjs";

/**
 * Builds the web application into dist/web when the build is missing or stale. "Stale" means
 * one of its inputs (every file of src/web and src/contracts, the Vite config and the lock
 * file) differs from what the last build recorded in dist/web-build.json, by content: a fresh
 * clone or a copy gives every file a new time without making the build stale.
 */
const inputs = {
  dirs: ["src/web", "src/contracts"],
  files: ["vite.config.ts", "package-lock.json"],
};
/** Two processes (say, two browser test files) must not build into dist/web at once. */
const lockDir = join(projectRoot, "dist/web-build.lock");

export const isWebBuildFresh = isWebFresh;

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

/**
 * Returns what it did: "fresh" (nothing to do) or "built"; `force` builds whatever the state.
 * A failed build throws, and leaves no manifest: nothing serves it as fresh.
 */
export async function ensureWebBuilt(
  log: (line: string) => void = console.log,
  options: { force?: boolean } = {},
) {
  if (!options.force && isWebBuildFresh()) return "fresh" as const;
  return withBuildLock(() => buildUnlessFresh(log, options.force === true));
}

async function buildUnlessFresh(log: (line: string) => void, force: boolean) {
  if (!force && isWebBuildFresh()) return "fresh" as const;
  // Recorded before building: a file saved during the build makes the next check stale.
  const manifest = recordInputs(inputs);
  log(
    existsSync(builtWeb.index)
      ? "The web application changed since its last build: building it…"
      : "Building the web application (first start)…",
  );
  rmSync(builtWeb.manifest, { force: true });
  const { build } = await import("vite");
  await build({ configFile: join(projectRoot, "vite.config.ts"), logLevel: "silent" });
  writeManifest(builtWeb.manifest, manifest);
  log("Web application built into dist/web.");
  return "built" as const;
}

/**
 * A build error in one line: its first line, where it is (file:line:column) when the error
 * says, without the colours a terminal would show. esbuild and Rolldown announce a count
 * first ("Build failed with 1 error:"): the error itself follows.
 */
export function buildErrorLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes
  const plain = text.replace(/\u001b\[[0-9;]*m/g, "");
  const lines = plain
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const head =
    (/^Build failed with \d+ errors?:$/.test(lines[0] ?? "") ? lines[1] : lines[0]) ?? "";
  const where = lines.map((line) => line.match(/[\w./@-]+\.\w+:\d+:\d+/)?.[0]).find(Boolean);
  if (!head) return "unknown error";
  return where && !head.includes(where) ? `${head} (${where})` : head;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureWebBuilt(console.log, { force: process.argv.includes("--force") }).catch(
    (error: unknown) => {
      console.error(`The web application did not build: ${buildErrorLine(error)}`);
      process.exitCode = 1;
    },
  );
}
