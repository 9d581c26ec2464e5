export { convertToUsd, type UsdConversion } from "./convert-to-usd.ts";
export { findRateOnOrBefore, RATE_LOOKBACK_DAYS } from "./exchange-rates.queries.ts";
