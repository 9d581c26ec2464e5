import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { useMergeRefs as floatingUiMergeRefs } from "@floating-ui/react";
import { createElement, type Ref, type RefCallback } from "react";
import { renderToString } from "react-dom/server";
import { build, type Plugin, type Rolldown } from "vite";
import { describe, expect, it } from "vitest";
import { useMergeRefs } from "../../src/web/ui/merge-refs.ts";
import config from "../../vite.config.ts";
import { installedVersion } from "./installed-version.ts";

/**
 * vite.config.ts sends Mantine ScrollArea's import of @floating-ui/react to
 * src/web/ui/merge-refs.ts, matched by the path of ScrollArea's file inside @mantine/core (not
 * an API). If Mantine moves that file, or imports more from floating-ui there, the redirect
 * stops matching (floating-ui silently comes back into the first load) or breaks: these tests
 * see either, against the installed @mantine/core.
 */
const plugins = (config.plugins ?? []).flat() as Plugin[];
const redirect = plugins.find((plugin) => plugin?.name === "esca:scroll-area-merge-refs");
const mergeRefsFile = fileURLToPath(new URL("../../src/web/ui/merge-refs.ts", import.meta.url));
const mantineEsm = fileURLToPath(new URL("../../node_modules/@mantine/core/esm", import.meta.url));
const mantine = `@mantine/core ${installedVersion("@mantine/core")}`;

/** Where the redirect sends `source` imported by `importer`, as the build asks it. */
function redirected(source: string, importer: string): unknown {
  const resolveId = redirect?.resolveId;
  if (typeof resolveId !== "function") throw new Error("vite.config.ts has no ScrollArea redirect");
  return (resolveId as (source: string, importer: string) => unknown)(source, importer);
}

/** The installed @mantine/core's modules that import from @floating-ui/react, with the names. */
function floatingUiImporters(): Array<{ file: string; names: string[] }> {
  const found: Array<{ file: string; names: string[] }> = [];
  const importFrom = /import\s*\{([^}]*)\}\s*from\s*["']@floating-ui\/react["']/g;
  for (const entry of readdirSync(mantineEsm, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(".mjs")) continue;
    const file = join(mantineEsm, entry);
    const names = [...readFileSync(file, "utf8").matchAll(importFrom)].flatMap((match) =>
      (match[1] ?? "")
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean),
    );
    if (names.length > 0) found.push({ file, names });
  }
  return found;
}

describe("the ScrollArea redirect", () => {
  it("matches ScrollArea's module in the installed @mantine/core, and nothing else", () => {
    const importers = floatingUiImporters();
    const matched = importers.filter(
      ({ file }) => redirected("@floating-ui/react", file) === mergeRefsFile,
    );
    expect(
      matched.map(({ file }) => file.slice(mantineEsm.length + 1)),
      `ScrollArea's import of @floating-ui/react in ${mantine}`,
    ).toEqual(["components/ScrollArea/ScrollArea.mjs"]);
    // Tooltips, popovers and the rest keep the real floating-ui.
    expect(importers.length).toBeGreaterThan(matched.length);
    expect(redirected("react", matched[0]?.file ?? "")).toBeNull();
  });

  it("serves every name ScrollArea imports from @floating-ui/react", async () => {
    const scrollArea = floatingUiImporters().filter(
      ({ file }) => redirected("@floating-ui/react", file) === mergeRefsFile,
    );
    const imported = scrollArea.flatMap(({ names }) => names);
    const served = Object.keys(await import("../../src/web/ui/merge-refs.ts"));
    expect(imported, `ScrollArea's imports from @floating-ui/react in ${mantine}`).toEqual(
      expect.arrayContaining(["useMergeRefs"]),
    );
    expect(served).toEqual(expect.arrayContaining(imported));
  });

  it("merges refs as floating-ui's hook does: set on attach, cleared on detach", () => {
    const outcome = (hook: (refs: (Ref<string> | undefined)[]) => unknown) => {
      const object: { current: string | null } = { current: null };
      const calls: Array<string | null> = [];
      let merged: RefCallback<string> | null = null;
      renderToString(
        createElement(() => {
          merged = hook([
            object,
            (value) => void calls.push(value),
            undefined,
          ]) as RefCallback<string> | null;
          return null;
        }),
      );
      const ref = merged as RefCallback<string> | null;
      ref?.("node");
      const attached = object.current;
      ref?.(null);
      return { attached, detached: object.current, calls };
    };
    const ours = outcome(useMergeRefs);
    expect(ours).toEqual({ attached: "node", detached: null, calls: ["node", null] });
    expect(ours).toEqual(outcome(floatingUiMergeRefs));
  });

  it("keeps floating-ui out of a build that uses ScrollArea, which it is in without it", async () => {
    const probe = join(fileURLToPath(new URL("../../src/web/ui/", import.meta.url)), "probe.ts");
    /** The modules a library build of `export { ScrollArea }` renders, by id. */
    const rendered = async (withRedirect: boolean) => {
      const entry: Plugin = {
        name: "scroll-area-probe",
        resolveId: (source) => (source === probe ? probe : null),
        load: (id) => (id === probe ? 'export { ScrollArea } from "@mantine/core";' : null),
      };
      const built = await build({
        configFile: false,
        logLevel: "silent",
        root: fileURLToPath(new URL("../..", import.meta.url)),
        plugins: withRedirect && redirect ? [redirect, entry] : [entry],
        build: { write: false, minify: false, lib: { entry: probe, formats: ["es"] } },
      });
      const outputs = (Array.isArray(built) ? built : [built]) as Rolldown.RolldownOutput[];
      return outputs
        .flatMap(({ output }) => output)
        .flatMap((chunk) =>
          chunk.type === "chunk"
            ? Object.entries(chunk.modules)
                .filter(([, module]) => module.renderedLength > 0)
                .map(([id]) => id)
            : [],
        );
    };
    const floatingUi = (id: string) => /[\\/]@floating-ui[\\/]/.test(id);
    const redirectedBuild = await rendered(true);
    expect(redirectedBuild).toContain(mergeRefsFile);
    expect(redirectedBuild.filter(floatingUi)).toEqual([]);
    expect((await rendered(false)).filter(floatingUi).length).toBeGreaterThan(0);
  }, 120_000);
});
