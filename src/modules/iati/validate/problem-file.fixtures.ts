import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * One small publication of XM-T that breaks a rule, a data check or a rate on almost every
 * line, each line marked with what it breaks, for the tests of problem codes and their wording.
 */
const lines = [
  `<?xml version="1.0" encoding="UTF-8"?>`,
  `<iati-activities version="2.03" generated-datetime="2026-01-01T00:00:00Z">`,
  ` <iati-activity xml:lang="en" default-currency="USD"> <!-- identifier_prefix, actual_start_after_end, sector_sum -->`,
  `  <iati-identifier>OTHER-1</iati-identifier>`,
  `  <reporting-org ref="XM-T" type="10"><narrative>T</narrative></reporting-org>`,
  `  <title><narrative>One</narrative></title>`,
  `  <activity-date iso-date="2013-01-01" type="2"/>`,
  `  <activity-date iso-date="2012-01-01" type="4"/>`,
  `  <sector vocabulary="1" code="15210" percentage="60"/>`,
  `  <sector vocabulary="1" code="15130" percentage="30"/>`,
  `  <transaction><transaction-type code="3"/><transaction-date iso-date="2999-01-01"/><value value-date="2999-01-01">10</value></transaction> <!-- transaction_date_future -->`,
  `  <transaction><transaction-type code="3"/><transaction-date iso-date="2012-01-01"/>`,
  `   <value currency="XXQ">10</value></transaction> <!-- currency_unknown -->`,
  `  <transaction><transaction-date iso-date="2012-01-01"/><value>10</value></transaction> <!-- transaction_type_missing -->`,
  `  <budget><period-start iso-date="2012-01-01"/><period-end iso-date="2012-12-31"/>`,
  `   <value value-date="2012-01-01">ten</value></budget> <!-- amount_not_number -->`,
  ` </iati-activity>`,
  ` <iati-activity> <!-- no_start_date -->`,
  `  <iati-identifier>XM-T-2</iati-identifier>`,
  `  <reporting-org ref="XM-T"><narrative>T</narrative></reporting-org> <!-- narrative_no_lang -->`,
  `  <transaction><transaction-type code="3"/><transaction-date iso-date="1990-01-01"/><value currency="EUR">10</value></transaction> <!-- no_rate -->`,
  `  <transaction><transaction-type code="3"/><transaction-date iso-date="2012-01-01"/><value currency="CLF" value-date="2012-01-01">999999999999999</value></transaction> <!-- amount_too_large -->`,
  `  <transaction><transaction-type code="3"/><transaction-date iso-date="2012-01-01"/><value currency="USD" value-date="2012-01-01">-100000000000.01</value></transaction> <!-- usd_too_large -->`,
  ` </iati-activity>`,
  ` <iati-activity xml:lang="en"> <!-- duplicate_identifier -->`,
  `  <iati-identifier>XM-T-2</iati-identifier>`,
  `  <reporting-org ref="XM-T"><narrative>T</narrative></reporting-org>`,
  `  <activity-date iso-date="2012-01-01" type="2"/>`,
  ` </iati-activity>`,
  ` <iati-activity xml:lang="en"> <!-- wrong_publisher -->`,
  `  <iati-identifier>XM-U-1</iati-identifier>`,
  `  <reporting-org ref="XM-U"><narrative>U</narrative></reporting-org>`,
  `  <activity-date iso-date="2012-01-01" type="2"/>`,
  ` </iati-activity>`,
  ` <iati-activity xml:lang="en"> <!-- no_identifier -->`,
  `  <reporting-org ref="XM-T"><narrative>T</narrative></reporting-org>`,
  ` </iati-activity>`,
  `</iati-activities>`,
];

export const problemXml = `${lines.join("\n")}\n`;

/** The line marked with `<!-- …code… -->` (1-based, as problems count lines). */
export const lineOf = (code: string) =>
  lines.findIndex((line) => new RegExp(`<!--.*\\b${code}\\b.*-->`).test(line)) + 1;

/** The publication written to a fresh temporary file. */
export function writeProblemFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), "esca-iati-problems-")), "problems.xml");
  writeFileSync(path, problemXml);
  return path;
}
