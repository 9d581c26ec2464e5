import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { centralAmericaMap } from "./src/web/build/central-america-map.ts";

/**
 * Every build is a production build, whoever starts it. Vite keeps a NODE_ENV it finds
 * set, so a build started by Vitest (NODE_ENV=test, e.g. the browser tests through
 * ensure-built.ts) bundled React's development build, unminified CSS and JSX dev helpers:
 * some 60 KB more gzipped JavaScript on the dashboard, served until the next rebuild.
 */
function productionBuild(): Plugin {
  let callersNodeEnv: string | undefined;
  return {
    name: "esca:production-build",
    apply: "build",
    config() {
      callersNodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = "production";
    },
    closeBundle() {
      if (callersNodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = callersNodeEnv;
    },
  };
}

/**
 * Mantine's ScrollArea (in the layout's drawer and in every table) imports one small hook,
 * useMergeRefs, from @floating-ui/react, a single module that also holds the tooltip and
 * popover engine: ~15 KB gzipped in every first load for one hook. ScrollArea gets the
 * same hook from src/web/ui/merge-refs.ts; tooltips and selects still load floating-ui.
 */
function scrollAreaMergeRefs(): Plugin {
  const mergeRefs = fileURLToPath(new URL("./src/web/ui/merge-refs.ts", import.meta.url));
  const scrollArea = /[\\/]@mantine[\\/]core[\\/].*[\\/]ScrollArea[\\/]ScrollArea\.mjs$/;
  return {
    name: "esca:scroll-area-merge-refs",
    apply: "build",
    enforce: "pre",
    resolveId(source, importer) {
      if (source === "@floating-ui/react" && importer && scrollArea.test(importer)) {
        return mergeRefs;
      }
      return null;
    },
  };
}

/**
 * The web application: sources in src/web, built to dist/web, which the Fastify server
 * serves (src/platform/http/web.ts). `npm run dev` proxies /api to a running server.
 */
export default defineConfig({
  root: "src/web",
  base: "/",
  publicDir: false,
  plugins: [productionBuild(), scrollAreaMergeRefs(), react(), centralAmericaMap()],
  build: {
    outDir: "../../dist/web",
    // bench/bundle-size.mjs reads the chunk graph from .vite/manifest.json.
    manifest: true,
    emptyOutDir: true,
    // The XLSX writer is loaded on demand only, when someone downloads a spreadsheet.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { "/api": process.env.ESCA_API_URL ?? "http://127.0.0.1:3000" },
  },
});
