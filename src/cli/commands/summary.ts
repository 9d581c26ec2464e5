import type { Command } from "commander";
import { lazy } from "../lazy.ts";

export function registerSummary(program: Command) {
  program
    .command("summary")
    .description("print the funding roll-up in USD (the same figures as GET /api/funding/summary)")
    .option(
      "--by <dimensions>",
      "group by component, country, partner, year, initiative and/or finance_type (comma-separated)",
    )
    .option("--json", "print the roll-up as JSON")
    .action(lazy(async () => (await import("../actions/summary.ts")).printSummary));
}
