import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { centralAmericaMap } from "./src/web/build/central-america-map.ts";

/**
 * The web application: sources in src/web, built to dist/web, which the Fastify server
 * serves (src/platform/http/web.ts). `npm run dev` proxies /api to a running server.
 */
export default defineConfig({
  root: "src/web",
  base: "/",
  publicDir: false,
  plugins: [react(), centralAmericaMap()],
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
