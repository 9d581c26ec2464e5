import type { Command } from "commander";
import { lazy } from "../lazy.ts";

export function registerAudit(program: Command) {
  const audit = program.command("audit").description("the tamper-evident audit trail");
  audit
    .command("verify")
    .description("recompute the audit hash chain; exit 1 naming the first row that does not match")
    .action(lazy(async () => (await import("../actions/audit.ts")).verifyAudit));
}
