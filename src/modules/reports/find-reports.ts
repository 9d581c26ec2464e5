import type { Kysely } from "kysely";
import type { Report, ReportList } from "../../contracts/reports.ts";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import {
  findReportFigures,
  findReportFile,
  findReportRow,
  listReportRows,
  type ReportRow,
} from "./reports.queries.ts";

export const MEDIA_TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  html: "text/html; charset=utf-8",
} as const;

export function toReport(row: ReportRow): Report {
  return {
    id: row.id,
    symbol: row.symbol,
    as_of: new Date(row.as_of).toISOString(),
    language: row.language,
    format: row.format,
    original_language: row.original_language,
    sha256: row.sha256,
    size_bytes: row.size_bytes,
    issued_at: new Date(row.issued_at).toISOString(),
    download_url: `/api/reports/${row.id}/file`,
  };
}

/** The issued reports, newest first: public (a report shows published data only). */
export async function findReports(options: {
  db: Kysely<Database>;
  page: { limit: number; offset: number };
}): Promise<ReportList> {
  const { rows, total } = await listReportRows(options.db, options.page);
  return { data: rows.map(toReport), page: { total, ...options.page } };
}

export async function getReport(options: { db: Kysely<Database>; id: string }): Promise<Report> {
  const row = await findReportRow(options.db, options.id);
  if (!row) throw notFound("report", options.id);
  return toReport(row);
}

/** A report's file: its bytes as issued, its media type and a file name from its symbol. */
export async function getReportFile(options: { db: Kysely<Database>; id: string }) {
  const row = await findReportFile(options.db, options.id);
  if (!row) throw notFound("report", options.id);
  const name = `${row.symbol.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${row.language}.${row.format}`;
  return {
    bytes: row.bytes,
    mediaType: MEDIA_TYPES[row.format],
    fileName: name,
    sha256: row.sha256,
  };
}

/** The figures a report showed, as stored with it. */
export async function getReportFigures(options: { db: Kysely<Database>; id: string }) {
  const row = await findReportFigures(options.db, options.id);
  if (!row) throw notFound("report", options.id);
  return row.figures as Record<string, unknown>;
}
