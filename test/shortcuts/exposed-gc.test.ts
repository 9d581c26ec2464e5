import { spawn } from "node:child_process";
import { constants, PerformanceObserver } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { exposedGc, youngGenerationCollector } from "../../src/platform/exposed-gc.ts";

/**
 * The IATI staging thread exposes V8's gc() at run time (not a Node API) and runs one
 * young-generation collection after each file it is left waiting with. What gc()'s argument
 * means changed between V8 11 (Node 20) and V8 12 (Node 22, 24): these tests see the kind of
 * collection that actually runs, so that an upgrade cannot silently turn it into a full one
 * (which ages the parser's compiled code) or into none.
 */
describe("the exposed gc()", () => {
  it("is given by this Node", () => {
    expect(typeof exposedGc(), `gc() exposed at run time on Node ${process.version}`).toBe(
      "function",
    );
  });

  it("collects the young generation once, not the whole heap", async () => {
    const collect = youngGenerationCollector();
    if (!collect) throw new Error(`no exposed gc() on Node ${process.version}`);
    const forced: Array<{ kind: number }> = [];
    const seen = new Promise<void>((resolve) => {
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const detail = (entry as unknown as { detail: { kind: number; flags: number } }).detail;
          if (detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) forced.push(detail);
        }
        if (forced.length > 0) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe({ entryTypes: ["gc"] });
    });
    collect();
    await seen;
    expect(forced).toEqual([
      { kind: constants.NODE_PERFORMANCE_GC_MINOR, flags: expect.any(Number) },
    ]);
  });
});

/** One line V8 prints per collection under --trace-gc; "testing" is the reason gc() gives. */
const requestedCollection = /^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: (.+?) [\d.]+ \(.*\btesting\b/;

describe("the IATI staging thread", () => {
  it("runs one young-generation collection when it is left waiting", async () => {
    // A process of its own, traced: gc() is only called in the staging thread, whose heap
    // the test's thread cannot observe. It warms a staging thread (one file staged to its end)
    // and stays until the collection is seen, or ends by itself.
    const index = new URL("../../src/modules/iati/index.ts", import.meta.url).href;
    const script = `import(${JSON.stringify(index)})
      .then(({ warmStagingThread }) => warmStagingThread())
      .then(() => setTimeout(() => process.exit(0), 20_000));`;
    const child = spawn(process.execPath, ["--import", "tsx", "--trace-gc", "--eval", script], {
      cwd: new URL("../..", import.meta.url),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let errors = "";
    const requested: string[] = [];
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (errors += chunk));
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      const lines = output.split("\n");
      output = lines.pop() ?? "";
      for (const line of lines) {
        const kind = requestedCollection.exec(line)?.[1];
        if (kind) requested.push(kind);
      }
      if (requested.length > 0) child.kill();
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(errors).toBe("");
    expect(requested, `collections asked for (exit code ${code})`).toEqual(["Scavenge"]);
  }, 60_000);
});
