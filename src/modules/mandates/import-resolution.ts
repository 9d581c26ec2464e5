import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { AppError } from "../../platform/errors.ts";
import { parseResolutionFile, type ResolutionFile } from "./resolution-file.ts";
import {
  findResolutionRow,
  insertMandateRows,
  insertPeriodRows,
  insertResolutionRow,
} from "./resolutions.queries.ts";

export interface ImportedResolution {
  id: string;
  symbol: string;
  paragraphs: number;
  periods: number;
  /** Mandate ids by paragraph number. */
  mandateIds: Map<number, string>;
}

/**
 * Loads a resolution and its operative paragraphs as mandates, all in one transaction: a
 * refused file (see parseResolutionFile) or a symbol already imported writes nothing.
 */
export async function importResolution(options: {
  db: Kysely<Database>;
  /** The file's text (JSON); validated here, or a parsed file from the same schema. */
  file: string | ResolutionFile;
}): Promise<ImportedResolution> {
  const file = typeof options.file === "string" ? parseResolutionFile(options.file) : options.file;
  return inTransaction(options.db, async (db) => {
    if (await findResolutionRow(db, file.symbol))
      throw new AppError("conflict", `The resolution ${file.symbol} is already imported.`, {
        details: [{ path: "symbol", message: "already imported" }],
      });
    const resolution = await insertResolutionRow(db, {
      symbol: file.symbol,
      title_es: file.title.es,
      title_en: file.title.en,
      adopted_on: file.adopted_on,
      session_es: file.session.es,
      session_en: file.session.en,
      source: file.source ?? null,
    });
    await insertPeriodRows(
      db,
      file.reporting_periods.map((period) => ({
        resolution_id: resolution.id,
        code: period.code,
        label_es: period.label.es,
        label_en: period.label.en,
        starts_on: period.starts_on,
        ends_on: period.ends_on,
      })),
    );
    const mandates = await insertMandateRows(
      db,
      file.paragraphs.map((paragraph) => ({
        resolution_id: resolution.id,
        paragraph: paragraph.number,
        text_en: paragraph.text.en,
        text_es: paragraph.text.es,
        addressees: JSON.stringify(paragraph.addressees),
        reporting_body: paragraph.reporting_body,
        due_session_es: paragraph.due_session.es,
        due_session_en: paragraph.due_session.en,
        due_on: paragraph.due_on,
      })),
    );
    return {
      id: resolution.id,
      symbol: resolution.symbol,
      paragraphs: mandates.length,
      periods: file.reporting_periods.length,
      mandateIds: new Map(mandates.map((row) => [row.paragraph, row.id])),
    };
  });
}
