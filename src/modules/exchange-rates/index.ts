export { latestRateOnOrBefore, RATE_LOOKBACK_DAYS } from "../../contracts/rate-window.ts";
export { convertAmount } from "./convert-amount.ts";
export {
  applyUsdRate,
  convertToUsd,
  missingRate,
  type UsdConversion,
} from "./convert-to-usd.ts";
export {
  findRateOnOrBefore,
  findRatesOnOrBefore,
  type RateOnDate,
} from "./exchange-rates.queries.ts";
export { exchangeRateRoutes } from "./exchange-rates.routes.ts";
export {
  type ExchangeRateInput,
  type RateBasis,
  rateBases,
  rateBasisSchema,
} from "./exchange-rates.schema.ts";
export { findBlockedByMissingRate } from "./find-blocked-records.ts";
export { findExchangeRates, getExchangeRate } from "./find-exchange-rates.ts";
export { importRatesCsv } from "./import-rates-csv.ts";
export { previewRatesCsv } from "./preview-rates-csv.ts";
export { type UpsertResult, upsertExchangeRates } from "./upsert-exchange-rates.ts";
