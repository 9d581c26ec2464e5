import type { Language } from "./i18n.tsx";

/** BCP 47 locales for Intl: Latin-American Spanish (the member states) and English. */
export const locales: Record<Language, string> = { es: "es-419", en: "en" };

/**
 * Decimal strings from the API ("739623200.00") go to Intl.NumberFormat as strings, which
 * formats them exactly (no float in between). The UI never adds amounts up itself.
 */
type Decimal = `${number}` | string;
const asNumeric = (value: Decimal) => value as Intl.StringNumericLiteral;

export interface Formatters {
  locale: string;
  money(amount: Decimal, currency: string): string;
  /** Short form for headline figures and chart axes: US$739.6M / 739,6 M US$. */
  moneyCompact(amount: Decimal, currency: string): string;
  number(value: Decimal | number): string;
  percent(value: Decimal): string;
  date(isoDate: string): string;
  dateTime(isoInstant: string): string;
  country(code: string): string;
}

export function createFormatters(lang: Language): Formatters {
  const locale = locales[lang];
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const moneyFormat = (currency: string, compact: boolean) => {
    const key = `${currency}:${compact}`;
    let format = moneyFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, {
        style: "currency",
        currency,
        currencyDisplay: "symbol",
        ...(compact
          ? { notation: "compact", maximumFractionDigits: 1 }
          : { minimumFractionDigits: 0, maximumFractionDigits: 2 }),
      });
      moneyFormats.set(key, format);
    }
    return format;
  };
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const percentFormat = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 2,
  });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const regions = new Intl.DisplayNames([locale], { type: "region" });
  return {
    locale,
    money: (amount, currency) => moneyFormat(currency, false).format(asNumeric(amount)),
    moneyCompact: (amount, currency) => moneyFormat(currency, true).format(asNumeric(amount)),
    number: (value) => numberFormat.format(typeof value === "number" ? value : asNumeric(value)),
    // "43.01" is already a percentage: shown as 43.01 % / 43,01 %.
    percent: (value) =>
      `${percentFormat.format(asNumeric(value))}${lang === "es" ? "\u00a0" : ""}%`,
    date: (isoDate) => dateFormat.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
    dateTime: (isoInstant) => dateTimeFormat.format(new Date(isoInstant)),
    country: (code) => regions.of(code) ?? code,
  };
}
