import type { Command } from "commander";
import { lazy } from "../lazy.ts";

export function registerSeed(program: Command) {
  const seed = program.command("seed").description("load data sets");
  seed
    .command("demo")
    .description("load the demo data set (only into an empty database)")
    .option(
      "--server",
      "allow loading into the PostgreSQL server of DATABASE_URL (never done without it)",
    )
    .action(lazy(async () => (await import("../actions/seed.ts")).seedDemoData));
}
