import type { RateBasis } from "../../../contracts/enums.ts";
import type { Translate } from "../../i18n/i18n.tsx";

export type ConversionNote =
  | { kind: "annual"; year: string }
  | { kind: "older"; date: string }
  | null;

/**
 * What a reader should know about the rate a USD equivalent was computed with: an annual
 * average (the year's mean, not the value date's month), or a rate dated before the value
 * date's month (the latest one within the window, e.g. a monthly average not yet published
 * for that month). Nothing to say for USD itself, a rate of the same month, or a peg.
 *
 *   GTQ on 2015-03-10 with the 2015 annual average (2015-01-01) → annual 2015
 *   EUR on 2026-05-20 with the April average (2026-04-01)        → older 2026-04-01
 *   EUR on 2011-06-22 with the June average (2011-06-01)         → null
 */
export function conversionNote(options: {
  currency: string;
  valueDate: string;
  rateDate: string | null;
  basis: RateBasis | null;
}): ConversionNote {
  const { currency, valueDate, rateDate, basis } = options;
  if (currency === "USD" || !rateDate || basis === "peg") return null;
  if (basis === "annual_average") return { kind: "annual", year: rateDate.slice(0, 4) };
  if (rateDate < `${valueDate.slice(0, 7)}-01`) return { kind: "older", date: rateDate };
  return null;
}

/** The note in the reader's words, or null. */
export function conversionNoteText(
  note: ConversionNote,
  t: Translate,
  formatDate: (isoDate: string) => string,
): string | null {
  if (!note) return null;
  return note.kind === "annual"
    ? t("rates.note.annual", { year: note.year })
    : t("rates.note.older", { date: formatDate(note.date) });
}
