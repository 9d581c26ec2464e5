import { AppError, type MessageValues } from "../../platform/errors.ts";

/**
 * What an uploaded workbook may hold before it is refused, unread. A downloaded portfolio is
 * far below each one (tens of kilobytes, a dozen parts, hundreds of rows); a workbook grown to
 * hundreds of thousands of rows, or a ZIP that unpacks to hundreds of megabytes, is not.
 */
export const workbookLimits = {
  /** The uploaded file as sent (compressed). */
  maxFileBytes: 10 * 1024 * 1024,
  /** All parts of the ZIP together once unpacked: as its directory declares them, and as counted while unpacking. */
  maxUnpackedBytes: 100 * 1024 * 1024,
  /** Parts (files) inside the ZIP. */
  maxEntries: 500,
  /** The shared-strings part (the text of every text cell), unpacked. */
  maxSharedStringsBytes: 32 * 1024 * 1024,
  /** Rows of the initiatives or flows sheet, the header included. */
  maxRows: 10_000,
  /** The last column a cell with a value may be in (column CV). */
  maxColumns: 100,
  /** Characters of XML without markup in between (a cell holds at most 32,767 in Excel). */
  maxTextRun: 256 * 1024,
} as const;

export type WorkbookLimits = typeof workbookLimits;

export const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Over a limit: 413, naming the limit and the value found (`reason` and `values` for clients). */
export const workbookTooLarge = (refusal: {
  reason: string;
  message: string;
  values: MessageValues;
}) =>
  new AppError("payload_too_large", refusal.message, {
    reason: refusal.reason,
    values: refusal.values,
  });

/** Not a readable XLSX (not a ZIP, truncated, lying sizes, broken XML): 422, naming the part. */
export const workbookUnreadable = (refusal: {
  reason: string;
  message: string;
  values?: MessageValues;
}) =>
  new AppError("unprocessable", `The file is not a readable XLSX workbook: ${refusal.message}.`, {
    reason: refusal.reason,
    values: refusal.values ?? {},
  });
