import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * V8's own gc() (its gc extension, not a Node API). Since V8 12 (Node 22 and 24) it reads an
 * options object: `{ type: "minor" }` collects the young generation, `{ type: "major" }` the
 * whole heap. V8 11 (Node 20) reads only the old form, where any truthy argument means minor:
 * there `{ type: "major" }` is a young-generation collection too.
 */
export type V8Gc = (options: { type: "minor" | "major" }) => void;

/**
 * gc() without starting Node with --expose-gc: the flag set at run time, then read from a new
 * context, where V8 installs it. Null when this Node does not give it that way.
 */
export function exposedGc(): V8Gc | null {
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("typeof gc === 'function' ? gc : undefined");
    return typeof gc === "function" ? (gc as V8Gc) : null;
  } catch {
    return null;
  }
}

/**
 * One young-generation collection (a scavenge) at once, on the calling thread, the same on
 * Node 20, 22 and 24; null when gc() is not exposed, and then the caller collects nothing and
 * V8 collects when it sees fit. A scavenge frees short-lived objects and leaves compiled code
 * alone, where a full collection also ages it (test/shortcuts/exposed-gc.test.ts).
 */
export function youngGenerationCollector(): (() => void) | null {
  const gc = exposedGc();
  return gc ? () => gc({ type: "minor" }) : null;
}
