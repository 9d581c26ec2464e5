import type { Command } from "commander";
import { verifyAuditChain } from "../../modules/audit/index.ts";
import { loadConfig } from "../../platform/config.ts";
import { openConfiguredDatabase } from "../../platform/db/open.ts";
import { action } from "../run.ts";

export function registerAudit(program: Command) {
  const audit = program.command("audit").description("the tamper-evident audit trail");
  audit
    .command("verify")
    .description("recompute the audit hash chain; exit 1 naming the first row that does not match")
    .action(
      // No API for this on purpose: verifying is the secretariat's, and a CLI holds no
      // session. A server holding the embedded folder makes it stop with the lock message.
      action(async () => {
        const database = await openConfiguredDatabase(loadConfig(), "audit verify");
        try {
          const verdict = await verifyAuditChain({ db: database.db });
          if (verdict.ok) {
            process.stdout.write(`audit chain intact: ${verdict.rows} rows\n`);
            return;
          }
          const { seq, id, reason } = verdict.firstBad;
          process.stderr.write(
            `esca: audit chain broken at seq ${seq} (id ${id}): ${reason}. The ${verdict.rows} rows before it are intact.\n`,
          );
          process.exitCode = 1;
        } finally {
          await database.close();
        }
      }),
    );
}
