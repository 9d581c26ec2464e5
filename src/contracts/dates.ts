/**
 * The dates ESCA Hub records: from 1900 to 2100. Wider than any initiative, flow, rate or
 * observation can be (the strategy dates from 2011), and inside what both databases and
 * every client handle alike; year 0000 or 9999-12-31 is refused at the boundary.
 */
export const EARLIEST_DATE = "1900-01-01";
export const LATEST_DATE = "2100-12-31";

/** A YYYY-MM-DD within the range; a malformed date is left to the format check's own issue. */
export const isDateInRange = (value: string): boolean =>
  !/^\d{4}-\d\d-\d\d$/.test(value) || (value >= EARLIEST_DATE && value <= LATEST_DATE);

/** The refusal of a date outside the range, with the rule the web words it from. */
export const dateRangeIssue = {
  message: `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`,
  params: { rule: "date_range", minimum: EARLIEST_DATE, maximum: LATEST_DATE },
};

export const isoDateMeta = {
  description: `Calendar date YYYY-MM-DD, from ${EARLIEST_DATE} to ${LATEST_DATE}`,
  example: "2011-06-22",
};
