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
  },
});
