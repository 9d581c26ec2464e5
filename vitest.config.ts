import { configDefaults, defineConfig } from "vitest/config";

// The browser tests drive the embedded server only: they run once, in the embedded-database pass.
// In the PostgreSQL pass they are not even loaded (each would load Playwright and axe to skip).
const onPostgres = Boolean(process.env.ESCA_TEST_DATABASE_URL);
if (onPostgres)
  console.info("browser tests skipped: they run once, in the embedded-database pass of the suite");

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"],
    exclude: onPostgres ? [...configDefaults.exclude, "test/browser/**"] : configDefaults.exclude,
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite is WebAssembly: two cores, two workers.
    maxWorkers: 2,
    // A worker runs file after file with the modules it has loaded (the app, PGlite, zod…):
    // loading them again for each of 200 files cost about a quarter of the suite's CPU. Each
    // file still opens its own database and app; module-level state a test depends on is
    // set up by that test (see uuid-v7.test.ts).
    isolate: false,
  },
});
