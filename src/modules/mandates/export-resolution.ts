import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { ResolutionFile } from "./resolution-file.ts";
import { findResolutionRow, listMandateRowsOf, listPeriodRows } from "./resolutions.queries.ts";

/**
 * A resolution as the file it was imported from (fields in the file's order), so that
 * import → export gives the same file back.
 */
export async function exportResolution(options: {
  db: Kysely<Database>;
  symbol: string;
}): Promise<ResolutionFile> {
  const { db } = options;
  const resolution = await findResolutionRow(db, options.symbol);
  if (!resolution) throw notFound("resolution", options.symbol);
  const [periods, mandates] = await Promise.all([
    listPeriodRows(db, [resolution.id]),
    listMandateRowsOf(db, resolution.id),
  ]);
  return {
    symbol: resolution.symbol,
    title: { en: resolution.title_en, es: resolution.title_es },
    adopted_on: resolution.adopted_on,
    session: { en: resolution.session_en, es: resolution.session_es },
    ...(resolution.source === null ? {} : { source: resolution.source }),
    reporting_periods: periods.map((period) => ({
      code: period.code,
      label: { en: period.label_en, es: period.label_es },
      starts_on: period.starts_on,
      ends_on: period.ends_on,
    })),
    paragraphs: mandates.map((mandate) => ({
      number: mandate.paragraph,
      text: { en: mandate.text_en, es: mandate.text_es },
      addressees: mandate.addressees,
      reporting_body: mandate.reporting_body,
      due_session: { en: mandate.due_session_en, es: mandate.due_session_es },
      due_on: mandate.due_on,
    })),
  };
}

/** The file's text: two-space JSON and a final newline, as the shipped files are written. */
export const resolutionFileText = (file: ResolutionFile): string =>
  `${JSON.stringify(file, null, 2)}\n`;
