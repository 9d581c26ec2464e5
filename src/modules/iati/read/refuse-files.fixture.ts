// Run by hostile-files.test.ts in a child process with a small heap: streams each file named
// on the command line through the validator and prints what happened to it, as JSON.
import { validateIatiFile } from "../validate/validate-iati-file.ts";

const outcomes: Array<{ file: string; refused: string | null }> = [];
for (const file of process.argv.slice(2)) {
  try {
    await validateIatiFile({ path: file, schemaDir: null });
    outcomes.push({ file, refused: null });
  } catch (error) {
    outcomes.push({ file, refused: (error as Error).message });
  }
}
process.stdout.write(JSON.stringify(outcomes));
