import { describe, expect, it } from "vitest";
import type { ParsedActivity } from "../read/iati-activity.ts";
import { parseActivity } from "../read/parse-activity.ts";
import { XmlGuard } from "../read/xml-guard.ts";
import { defaultXmlLimits } from "../read/xml-limits.ts";
import { StagedRows, stagedColumns } from "./staged-rows.ts";

/** Reads one activity the way an import does (guard → parse). */
function parsed(activityXml: string): ParsedActivity {
  const guard = new XmlGuard(defaultXmlLimits);
  guard.feed(`<iati-activities version="2.03">${activityXml}</iati-activities>`);
  guard.end();
  const item = guard.take().find((i) => i.kind === "activity");
  if (item?.kind !== "activity") throw new Error("no activity");
  const activity = parseActivity(item.node, item.endLine);
  if ("kind" in activity) throw new Error(activity.message);
  return activity;
}

/** COPY text → fields by column (unescaping what copyField escaped). */
function rows(bytes: Uint8Array, columns: readonly string[]): Array<Record<string, string | null>> {
  const lines = new TextDecoder().decode(bytes).split("\n").filter(Boolean);
  return lines.map((line) => {
    const fields = line
      .split("\t")
      .map((field) =>
        field === "\\N"
          ? null
          : field.replace(/\\([\\tnr])/g, (_, c: string) =>
              c === "t" ? "\t" : c === "n" ? "\n" : c === "r" ? "\r" : "\\",
            ),
      );
    return Object.fromEntries(columns.map((column, i) => [column, fields[i] ?? null]));
  });
}

describe("staged rows", () => {
  it("write each published list as the JSON of what was parsed, whatever its text holds", () => {
    // Quotes, backslashes, tabs, newlines, non-Latin text and characters beyond the basic
    // plane: JSON escapes some of them, COPY some others, and a field may never end early.
    const tricky = 'Dijo "basta"\\ya\tcon\nsaltos y ñandú — 安全 🛡️';
    const activity = parsed(`<iati-activity xml:lang="es" default-currency="USD">
      <iati-identifier>XM-DAC-1-A</iati-identifier>
      <reporting-org ref="XM-DAC-1" type="10"><narrative>Banco</narrative></reporting-org>
      <title><narrative>${tricky}</narrative><narrative xml:lang="en">Plain</narrative></title>
      <description><narrative>Uno</narrative></description>
      <participating-org ref="XM-DAC-1" role="1"><narrative xml:lang="en">"Bank"</narrative></participating-org>
      <participating-org role="4" type="10"/>
      <activity-date type="2" iso-date="2012-01-01"/>
      <sector code="15210" vocabulary="1" percentage="60"/><sector code="15130" percentage="40"/>
      <recipient-country code="GT"/>
      <related-activity ref="ESCA-BA-1" type="1"/>
      <other-identifier ref="ESCA \\ 2" type="A1"/>
      <transaction><transaction-type code="3"/><transaction-date iso-date="2012-02-01"/>
        <value value-date="2012-02-01">10.5</value>
        <description><narrative>${tricky}</narrative></description></transaction>
    </iati-activity>`);
    const staged = new StagedRows("0190aaaa-0000-7000-8000-000000000000");
    staged.add({ activity, link: null, transactionUsd: [null], budgetUsd: [] });
    const batch = staged.take();
    if (!batch) throw new Error("no rows");
    const [row] = rows(batch.activities, stagedColumns.activities);
    expect(row?.title_es).toBe(tricky);
    const lists = {
      titles: activity.title,
      descriptions: activity.description,
      dates: activity.dates,
      participating_orgs: activity.participatingOrgs,
      sectors: activity.sectors,
      countries: activity.countries,
      regions: activity.regions,
      related_activities: activity.relatedActivities,
      other_identifiers: activity.otherIdentifiers,
    };
    for (const [column, value] of Object.entries(lists)) {
      expect(row?.[column], column).toBe(JSON.stringify(value));
      expect(JSON.parse(row?.[column] ?? ""), column).toEqual(value);
    }
    expect(activity.participatingOrgs).toHaveLength(2);
    expect(activity.sectors.map((s) => s.percentage)).toEqual(["60", "40"]);
    const [transaction] = rows(batch.transactions, stagedColumns.transactions);
    expect(transaction?.descriptions).toBe(JSON.stringify(activity.transactions[0]?.description));
    expect(JSON.parse(transaction?.descriptions ?? "")).toEqual([{ lang: "es", text: tricky }]);
  });
});
