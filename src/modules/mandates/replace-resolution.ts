import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { AppError, type ErrorDetail } from "../../platform/errors.ts";
import type { ImportedResolution } from "./import-resolution.ts";
import type { ResolutionFile } from "./resolution-file.ts";
import { mandateValues, periodValues, resolutionValues } from "./resolution-rows.ts";
import {
  countParagraphUses,
  countPeriodUses,
  deleteMandateRows,
  deletePeriodRows,
  insertMandateRows,
  listMandateRowsOf,
  listPeriodRows,
  updateMandateRow,
  updateResolutionRow,
  upsertPeriodRows,
} from "./resolutions.queries.ts";

const used = (counts: Record<string, string | number | null>) =>
  Object.entries(counts)
    .filter(([, n]) => Number(n ?? 0) > 0)
    .map(([what, n]) => `${n} ${what}`);

/**
 * Rewrites an imported resolution from a corrected file, inside the caller's transaction:
 * titles, each kept paragraph's texts, addressees and due session, and the reporting periods
 * (by code). Statuses, evidence, initiative links and support requests stay with their
 * paragraph and period. A paragraph or period the file leaves out is removed only when nothing
 * was recorded on it; otherwise the whole file is refused, naming each one and what it holds.
 *
 * Example: a file that drops ¶10 (with a status for 2011-2012) is refused with
 * `paragraphs: paragraph 10 has 1 statuses` and changes nothing.
 */
export async function replaceResolution(options: {
  db: Kysely<Database>;
  resolutionId: string;
  file: ResolutionFile;
}): Promise<ImportedResolution> {
  const { db, resolutionId, file } = options;
  const [mandates, periods] = await Promise.all([
    listMandateRowsOf(db, resolutionId),
    listPeriodRows(db, [resolutionId]),
  ]);
  const numbers = new Set(file.paragraphs.map((paragraph) => paragraph.number));
  const codes = new Set(file.reporting_periods.map((period) => period.code));
  const droppedMandates = mandates.filter((mandate) => !numbers.has(mandate.paragraph));
  const droppedPeriods = periods.filter((period) => !codes.has(period.code));

  const refusals: ErrorDetail[] = [];
  for (const { paragraph, ...counts } of await countParagraphUses(
    db,
    file.symbol,
    droppedMandates,
  )) {
    const holds = used(counts);
    if (holds.length > 0)
      refusals.push({
        path: "paragraphs",
        message: `paragraph ${paragraph} is missing from the file but has ${holds.join(", ")}`,
        rule: { code: "paragraph_in_use", paragraph },
      });
  }
  for (const { code, ...counts } of await countPeriodUses(
    db,
    resolutionId,
    droppedPeriods.map((period) => period.code),
  )) {
    const holds = used(counts);
    if (holds.length > 0)
      refusals.push({
        path: "reporting_periods",
        message: `period ${code} is missing from the file but has ${holds.join(", ")}`,
        rule: { code: "period_in_use", period: code },
      });
  }
  if (refusals.length > 0)
    throw new AppError(
      "conflict",
      `The resolution ${file.symbol} is not replaced: ${refusals.map((r) => r.message).join("; ")}.`,
      { details: refusals },
    );

  await updateResolutionRow(db, resolutionId, resolutionValues(file));
  await upsertPeriodRows(db, periodValues(resolutionId, file));
  await deletePeriodRows(
    db,
    resolutionId,
    droppedPeriods.map((period) => period.code),
  );
  await deleteMandateRows(
    db,
    droppedMandates.map((mandate) => mandate.id),
  );
  const byNumber = new Map(mandates.map((mandate) => [mandate.paragraph, mandate]));
  const updated: number[] = [];
  for (const paragraph of file.paragraphs) {
    const current = byNumber.get(paragraph.number);
    if (!current) continue;
    const values = mandateValues(paragraph);
    const changed =
      current.text_en !== values.text_en ||
      current.text_es !== values.text_es ||
      JSON.stringify(current.addressees) !== values.addressees ||
      current.reporting_body !== values.reporting_body ||
      current.due_session_en !== values.due_session_en ||
      current.due_session_es !== values.due_session_es ||
      current.due_on !== values.due_on;
    if (!changed) continue;
    await updateMandateRow(db, current.id, values);
    updated.push(paragraph.number);
  }
  const added = file.paragraphs.filter((paragraph) => !byNumber.has(paragraph.number));
  const inserted =
    added.length === 0
      ? []
      : await insertMandateRows(
          db,
          added.map((paragraph) => ({
            resolution_id: resolutionId,
            paragraph: paragraph.number,
            ...mandateValues(paragraph),
          })),
        );
  const previousPeriods = new Map(periods.map((period) => [period.code, period]));
  const mandateIds = new Map([
    ...mandates
      .filter((mandate) => numbers.has(mandate.paragraph))
      .map((mandate) => [mandate.paragraph, mandate.id] as const),
    ...inserted.map((row) => [row.paragraph, row.id] as const),
  ]);
  return {
    id: resolutionId,
    symbol: file.symbol,
    outcome: "replaced",
    paragraphs: file.paragraphs.length,
    periods: file.reporting_periods.length,
    mandateIds,
    changes: {
      paragraphs: {
        added: added.map((paragraph) => paragraph.number),
        updated,
        removed: droppedMandates.map((mandate) => mandate.paragraph),
      },
      periods: {
        added: file.reporting_periods
          .filter((period) => !previousPeriods.has(period.code))
          .map((period) => period.code),
        updated: file.reporting_periods
          .filter((period) => {
            const before = previousPeriods.get(period.code);
            return (
              before !== undefined &&
              (before.label_en !== period.label.en ||
                before.label_es !== period.label.es ||
                before.starts_on !== period.starts_on ||
                before.ends_on !== period.ends_on)
            );
          })
          .map((period) => period.code),
        removed: droppedPeriods.map((period) => period.code),
      },
    },
  };
}
