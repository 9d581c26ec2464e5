import { verifyAuditChain } from "../../modules/audit/index.ts";
import { loadConfig } from "../../platform/config.ts";
import { openConfiguredDatabase } from "../../platform/db/open.ts";

/**
 * `esca audit verify`. No API for this on purpose: verifying is the secretariat's, and a CLI
 * holds no session. A server holding the embedded folder makes it stop with the lock message.
 */
export async function verifyAudit(): Promise<void> {
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
}
