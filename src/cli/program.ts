import { Command } from "commander";
import { registerAudit } from "./commands/audit.ts";
import { registerBackup } from "./commands/backup.ts";
import { registerExport } from "./commands/export.ts";
import { registerIati } from "./commands/iati.ts";
import { registerImport } from "./commands/import.ts";
import { registerMigrate } from "./commands/migrate.ts";
import { registerReport } from "./commands/report.ts";
import { registerSeed } from "./commands/seed.ts";
import { registerServe } from "./commands/serve.ts";
import { registerSummary } from "./commands/summary.ts";
import { registerUser } from "./commands/user.ts";

/**
 * The command line: every command with its options and help, each action loading its code
 * when it runs (src/cli/lazy.ts), so that building this costs only commander.
 */
export function escaProgram(): Command {
  const program = new Command()
    .name("esca")
    .description(
      "ESCA Hub operator command line. Uses the embedded database in $ESCA_DATA_DIR (default ./data), or PostgreSQL when $DATABASE_URL is set.",
    )
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      outputError: (text, write) => write(`esca: ${text.replace(/^error: /, "")}`),
    })
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : 2);
    });

  registerServe(program);
  registerMigrate(program);
  registerSeed(program);
  registerImport(program);
  registerIati(program);
  registerExport(program);
  registerSummary(program);
  registerReport(program);
  registerAudit(program);
  registerBackup(program);
  registerUser(program);
  return program;
}
