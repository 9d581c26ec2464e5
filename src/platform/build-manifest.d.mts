/** Each input of a build: size, modification time (ms) and SHA-256 of its content. */
export interface BuildManifest {
  /** Folders whose every file is an input: a file added to one makes the build stale. */
  dirs?: string[];
  inputs: Record<string, [size: number, mtimeMs: number, sha256: string]>;
  /** The files the build wrote, from the manifest's folder (the command line's chunks). */
  outputs?: string[];
}

export const projectRoot: string;
export function recordInputs(options: {
  root?: string;
  files?: string[];
  dirs?: string[];
}): BuildManifest;
/** Writes a file by rename, so that a process starting meanwhile never reads half of it. */
export function writeFileWhole(path: string, text: string): void;
export function writeManifest(path: string, manifest: BuildManifest): void;
export function readManifest(path: string): BuildManifest | null;
export function isFresh(manifest: BuildManifest | null, root?: string): boolean;
export const builtCli: { entry: string; manifest: string };
export const builtWeb: { index: string; manifest: string };
export function freshCli(): string | null;
export function isWebFresh(): boolean;
