// Run by workbook-limits.test.ts in a child process with a small heap: builds the zip bomb
// (honest and lying directory), previews each through the preview use case and prints the
// refusals as JSON. A refused workbook never reaches the database: the one given answers
// every query with no rows.
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { anonymous } from "../../platform/principal.ts";
import { previewWorkbook } from "./preview-workbook.ts";
import { bombSheet, bombWorkbook } from "./workbook-zip.fixtures.ts";

const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const sheet = await bombSheet(Number(process.argv[2] ?? 560_000));
const outcomes: Array<{ bomb: string; code: string | null; reason: string | null }> = [];
for (const [bomb, declared] of [
  ["honest", undefined],
  ["lying", 50_000],
  ["lying within the limits", 90 * 1024 * 1024],
] as const) {
  try {
    await previewWorkbook({
      db,
      buffer: bombWorkbook(sheet, declared),
      principal: anonymous,
    });
    outcomes.push({ bomb, code: null, reason: null });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    outcomes.push({ bomb, code: error.code, reason: error.reason ?? null });
  }
}
process.stdout.write(JSON.stringify(outcomes));
