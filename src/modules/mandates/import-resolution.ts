import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { AppError } from "../../platform/errors.ts";
import { exportResolution } from "./export-resolution.ts";
import { replaceResolution } from "./replace-resolution.ts";
import { parseResolutionFile, type ResolutionFile, sameResolution } from "./resolution-file.ts";
import { mandateValues, periodValues, resolutionValues } from "./resolution-rows.ts";
import {
  findResolutionRow,
  insertMandateRows,
  insertPeriodRows,
  insertResolutionRow,
  listMandateRowsOf,
} from "./resolutions.queries.ts";

export interface ImportedResolution {
  id: string;
  symbol: string;
  /**
   * imported: a new resolution; unchanged: the same file was imported before, nothing written;
   * replaced: `replace` rewrote its texts, addressees and periods (see replaceResolution).
   */
  outcome: "imported" | "unchanged" | "replaced";
  paragraphs: number;
  periods: number;
  /** Mandate ids by paragraph number. */
  mandateIds: Map<number, string>;
  /** For a replacement: the paragraphs and periods added, changed and removed. */
  changes?: {
    paragraphs: { added: number[]; updated: number[]; removed: number[] };
    periods: { added: string[]; updated: string[]; removed: string[] };
  };
}

/**
 * Loads a resolution and its operative paragraphs as mandates, all in one transaction: a
 * refused file (see parseResolutionFile) writes nothing. A symbol already imported is left
 * as it is when the file is the same (outcome `unchanged`), refused when it differs, unless
 * `replace` asks to rewrite it (keeping statuses, evidence and links; see replaceResolution).
 */
export async function importResolution(options: {
  db: Kysely<Database>;
  /** The file's text (JSON); validated here, or a parsed file from the same schema. */
  file: string | ResolutionFile;
  replace?: boolean;
}): Promise<ImportedResolution> {
  const file = typeof options.file === "string" ? parseResolutionFile(options.file) : options.file;
  return inTransaction(options.db, async (db) => {
    const existing = await findResolutionRow(db, file.symbol);
    if (existing) {
      const stored = await exportResolution({ db, symbol: file.symbol });
      if (sameResolution(stored, file))
        return {
          id: existing.id,
          symbol: existing.symbol,
          outcome: "unchanged",
          paragraphs: stored.paragraphs.length,
          periods: stored.reporting_periods.length,
          mandateIds: await mandateIdsOf(db, existing.id),
        };
      if (!options.replace)
        throw new AppError(
          "conflict",
          `The resolution ${file.symbol} is already imported with other content; import it with --replace to update its texts, addressees and periods.`,
          { details: [{ path: "symbol", message: "already imported with other content" }] },
        );
      return replaceResolution({ db, resolutionId: existing.id, file });
    }
    const resolution = await insertResolutionRow(db, {
      symbol: file.symbol,
      ...resolutionValues(file),
    });
    await insertPeriodRows(db, periodValues(resolution.id, file));
    const mandates = await insertMandateRows(
      db,
      file.paragraphs.map((paragraph) => ({
        resolution_id: resolution.id,
        paragraph: paragraph.number,
        ...mandateValues(paragraph),
      })),
    );
    return {
      id: resolution.id,
      symbol: resolution.symbol,
      outcome: "imported",
      paragraphs: mandates.length,
      periods: file.reporting_periods.length,
      mandateIds: new Map(mandates.map((row) => [row.paragraph, row.id])),
    };
  });
}

async function mandateIdsOf(db: Kysely<Database>, resolutionId: string) {
  const rows = await listMandateRowsOf(db, resolutionId);
  return new Map(rows.map((row) => [row.paragraph, row.id]));
}
