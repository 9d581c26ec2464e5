// Run by schema-batches.test.ts in a child process with a small heap: validates one file against
// the schema folder, both named on the command line, and prints its schema problems and the
// process's peak resident memory (xmllint's worker threads included), as JSON.
import { validateIatiFile } from "./validate-iati-file.ts";

const [path, schemaDir] = process.argv.slice(2);
if (!path || !schemaDir) throw new Error("usage: schema-memory.fixture.ts FILE SCHEMA_DIR");
const report = await validateIatiFile({ path, schemaDir });
const problems = [...report.fileProblems, ...report.activities.flatMap((a) => a.problems)]
  .filter((problem) => problem.kind === "schema")
  .map(({ line, message }) => ({ line, message }));
// maxRSS is in kibibytes.
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(JSON.stringify({ activityCount: report.activityCount, problems, peakRssMb }));
