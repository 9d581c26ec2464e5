import { type IatiProblem, iatiProblem } from "../read/iati-activity.ts";
import { parseActivity } from "../read/parse-activity.ts";
import { readIatiActivities } from "../read/read-iati-stream.ts";
import { detached } from "../read/xml-node.ts";
import { checkActivityRules } from "./activity-rules.ts";
import { usdValueProblems } from "./amount-bound.ts";
import { SchemaBatches } from "./schema-batches.ts";

export interface ActivityReport {
  identifier: string | null;
  line: number;
  endLine: number;
  problems: IatiProblem[];
}

export interface ValidationReport {
  version: string | null;
  activityCount: number;
  transactionCount: number;
  valid: boolean;
  problemCount: number;
  /** Problems outside any activity (the file, its root). */
  fileProblems: IatiProblem[];
  /** Only the activities that have problems, in file order. */
  activities: ActivityReport[];
}

/** At most this many problems are listed; problemCount still counts them all. */
const MAX_LISTED = 5000;
export const todayUtc = () => new Date().toISOString().slice(0, 10);

interface ValidateOptions {
  path: string;
  schemaDir: string | null;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Each chunk of the file's bytes as it is read (a dry run hashes the file with them). */
  onBytes?: (chunk: Buffer) => void;
}

/**
 * Checks a file the way an import would, without writing: the streaming guard (a hostile file
 * is refused with an AppError), each activity's data and the main rules, and the official
 * schema when a schema folder is given (in batches of activities, validated as the file is
 * read: memory follows a batch, not the file). Every problem is attached to the activity whose
 * lines contain it.
 */
export async function validateIatiFile(options: ValidateOptions): Promise<ValidationReport> {
  const report: ValidationReport = {
    version: null,
    activityCount: 0,
    transactionCount: 0,
    valid: true,
    problemCount: 0,
    fileProblems: [],
    activities: [],
  };
  const schema = options.schemaDir ? new SchemaBatches(options.schemaDir) : null;
  try {
    const ranges = await checkActivities(options, report, schema);
    for (const problem of (await schema?.finish()) ?? [])
      (findRange(ranges, problem.line)?.problems ?? report.fileProblems).push(problem);
    for (const entry of ranges) {
      if (entry.problems.length === 0) continue;
      entry.problems.sort((x, y) => x.line - y.line);
      report.problemCount += entry.problems.length;
      if (report.activities.length < MAX_LISTED) report.activities.push(entry);
    }
  } finally {
    // A refused file leaves no batch validating once the refusal is thrown.
    await schema?.abandon();
  }
  report.problemCount += report.fileProblems.length;
  report.valid = report.problemCount === 0;
  return report;
}

/** The guard, each activity's data and the main rules; the schema gets the text as it passes. */
async function checkActivities(
  options: ValidateOptions,
  report: ValidationReport,
  schema: SchemaBatches | null,
): Promise<ActivityReport[]> {
  const ranges: ActivityReport[] = [];
  const seen = new Set<string>();
  const today = todayUtc();
  for await (const item of readIatiActivities(options.path, {
    ...(options.onProgress && { onProgress: options.onProgress }),
    ...(options.onBytes && { onBytes: options.onBytes }),
    ...(schema && { onText: schema.append }),
  })) {
    await schema?.take(item);
    if (item.kind === "header") {
      report.version = item.header.version;
      continue;
    }
    report.activityCount++;
    const parsed = parseActivity(item.node, item.endLine);
    const entry: ActivityReport = {
      identifier: null,
      line: item.node.line,
      endLine: item.endLine,
      problems: [],
    };
    if ("kind" in parsed) entry.problems.push(parsed);
    else {
      // Every activity's range and identifier are kept to the end of the file.
      const identifier = detached(parsed.identifier);
      entry.identifier = identifier;
      report.transactionCount += parsed.transactions.length;
      if (seen.has(identifier))
        entry.problems.push(
          iatiProblem(
            parsed.line,
            "data",
            "duplicate_identifier",
            { identifier },
            `iati-identifier ${identifier} appears twice in the file`,
          ),
        );
      seen.add(identifier);
      entry.problems.push(
        ...parsed.problems,
        ...checkActivityRules(parsed, item.node, today),
        ...usdValueProblems(parsed),
      );
    }
    ranges.push(entry);
  }
  return ranges;
}

function findRange(ranges: ActivityReport[], line: number): ActivityReport | undefined {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const range = ranges[mid];
    if (!range) break;
    if (line < range.line) high = mid - 1;
    else if (line > range.endLine) low = mid + 1;
    else return range;
  }
  return undefined;
}
