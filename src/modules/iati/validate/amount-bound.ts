import {
  formatMinorUnits,
  isWithinAmountBound,
  MAX_AMOUNT_USD,
} from "../../../contracts/minor-units.ts";
import {
  type IatiProblem,
  iatiProblem,
  type ParsedActivity,
  type ParsedValue,
} from "../read/iati-activity.ts";

/**
 * A value worth more than USD 100 billion at its date's rate (MAX_AMOUNT_USD).
 *
 * Worked example: 99,999,999,999,999.0000 CLF at 40 USD/CLF → USD 3,999,999,999,999,960.00.
 */
export function usdTooLarge(value: ParsedValue, usdMinor: bigint, line: number): IatiProblem {
  const amount = formatMinorUnits(value.amountMinor, value.currency);
  const worth = value.currency === "USD" ? "" : `, worth USD ${formatMinorUnits(usdMinor, "USD")},`;
  return iatiProblem(
    line,
    "rate",
    "usd_too_large",
    { amount, currency: value.currency, date: value.valueDate, maximum: MAX_AMOUNT_USD },
    `${amount} ${value.currency} on ${value.valueDate}${worth} is more than one amount may be (USD ${MAX_AMOUNT_USD}); kept without a USD value and out of the ledger`,
  );
}

/**
 * What a validation can tell of the bound without rates: the values published in USD worth
 * more than it (an import also converts the other currencies with its rates).
 */
export function usdValueProblems(activity: ParsedActivity): IatiProblem[] {
  const problems: IatiProblem[] = [];
  for (const { value, line } of [...activity.transactions, ...activity.budgets])
    if (value.currency === "USD" && !isWithinAmountBound(value.amountMinor))
      problems.push(usdTooLarge(value, value.amountMinor, line));
  return problems;
}
