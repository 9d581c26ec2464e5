import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { ReportJobStage } from "../../contracts/reports.ts";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { invalidField } from "../../platform/errors.ts";
import { actorLabel, actorUserId, type Principal } from "../../platform/principal.ts";
import { gatherFigures } from "./gather-figures.ts";
import { renderHtml } from "./render-html.ts";
import { buildReportDocument } from "./report-document.ts";
import type { ReportFigures, ReportFormat, ReportLanguage } from "./report-figures.ts";
import {
  countAsOfsInYear,
  findIssueOfAsOf,
  findSameReport,
  insertReport,
  lockReportNumbers,
  type ReportRow,
} from "./reports.queries.ts";

export interface GeneratedReport {
  report: ReportRow;
  bytes: Buffer;
  figures: ReportFigures;
  /** False when the very same bytes were issued before for this as-of: nothing new stored. */
  stored: boolean;
}

/**
 * Issues the report as of `asOf` (now when absent) in one language and format, and stores it
 * as an immutable snapshot. Every version of one as-of instant shares its document symbol
 * (OEA/Ser.G CP/doc. n/yy, n counting the as-of instants of that year) and its original
 * language (the first version's). The same as-of gives the same figures and, in every format,
 * the same bytes: an identical version is not stored twice.
 */
export async function generateReport(options: {
  db: Kysely<Database>;
  language: ReportLanguage;
  format: ReportFormat;
  asOf?: Date;
  principal: Principal;
  onStage?: (stage: ReportJobStage) => Promise<void>;
}): Promise<GeneratedReport> {
  const { db, language, format } = options;
  const asOf = options.asOf ?? new Date();
  if (asOf.getTime() > Date.now())
    throw invalidField("as_of", "must not be in the future: a report states what was recorded", {
      code: "not_in_future",
    });
  for (let attempt = 0; attempt < 3; attempt++) {
    const issue = await issueOf(db, asOf, language);
    await options.onStage?.("gathering");
    const figures = await gatherFigures({
      db,
      asOf,
      symbol: issue.symbol,
      originalLanguage: issue.original_language,
    });
    await options.onStage?.("rendering");
    const bytes = await renderReport(figures, language, format);
    await options.onStage?.("storing");
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const stored = await inTransaction(db, async (trx) => {
      await lockReportNumbers(trx);
      const now = await issueOf(trx, asOf, language);
      // Another report took this number meanwhile: render again with the one now due.
      if (now.symbol !== issue.symbol) return null;
      const same = await findSameReport(trx, { asOf, language, format, sha256 });
      if (same) return { report: same, stored: false };
      const report = await insertReport(trx, {
        symbol: issue.symbol,
        as_of: asOf,
        language,
        format,
        original_language: issue.original_language,
        figures: JSON.stringify(figures),
        sha256,
        bytes,
        issued_by: actorLabel(options.principal),
        issued_by_user_id: actorUserId(options.principal),
      });
      return { report, stored: true };
    });
    if (stored) return { ...stored, bytes, figures };
  }
  throw new Error("could not number the report: document numbers kept changing");
}

/** The bytes of a report in one format, laid out from its figures alone. */
export async function renderReport(
  figures: ReportFigures,
  language: ReportLanguage,
  format: ReportFormat,
): Promise<Buffer> {
  const document = buildReportDocument(figures, language);
  const asOf = new Date(figures.as_of);
  if (format === "html") return renderHtml(document);
  // Word's and PDF's writers (docx, pdfmake and its fonts) are loaded when a report first
  // needs them, not with every server and command (about 0.2 s of a start).
  if (format === "docx") return (await import("./render-docx.ts")).renderDocx(document, asOf);
  return (await import("./render-pdf.ts")).renderPdf(document, asOf);
}

/** The symbol and original language of the as-of instant, or the next number of its year. */
async function issueOf(db: Kysely<Database>, asOf: Date, language: ReportLanguage) {
  const issued = await findIssueOfAsOf(db, asOf);
  if (issued) return issued;
  const year = asOf.getUTCFullYear();
  const number = (await countAsOfsInYear(db, year)) + 1;
  return {
    symbol: `OEA/Ser.G CP/doc. ${number}/${String(year % 100).padStart(2, "0")}`,
    original_language: language,
  };
}
