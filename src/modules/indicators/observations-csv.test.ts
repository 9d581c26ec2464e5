import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestSession } from "../../../test/support/app.ts";
import type { ObservationImportResult } from "./indicators.schema.ts";
import { readObservationsCsv } from "./read-observations-csv.ts";

interface Refusal {
  error: {
    message: string;
    details: Array<{ path: string; rule: { code: string } }>;
    context: { report: ObservationImportResult };
  };
}

const source = "UNODC Intentional Homicide Victims (2025 release)";
const badFile = [
  "indicator,country,year,sex,value,source,notes",
  `homicide_rate,HN,2012,total,84.3,${source},`,
  `homicide_rate,HN,20x2,total,80.1,${source},`,
  `homicide_rate,GT,2013,total,"1,5",${source},`,
  `homicide_rate,SV,2013,both,40.2,${source},`,
  `no_such_thing,SV,2013,total,40.2,${source},`,
  `homicide_rate,PA,2013,total,17.2,,`,
  `homicide_rate,HN,2012,total,84.3,${source},duplicate of line 2`,
  `homicide_rate,GT,2014,female,5.1,${source},"=HYPERLINK(""x"")"`,
].join("\n");

describe("observations CSV", () => {
  let t: TestApp;
  let focalGt: TestSession;
  const send = (session: TestSession | TestApp, url: string, csv: string) =>
    session.request<ObservationImportResult>({
      method: "POST",
      url,
      payload: csv,
      headers: { "content-type": "text/csv" },
    });
  const count = async () =>
    Number(
      (
        await t.handle.db
          .selectFrom("indicator_observations")
          .select((eb) => eb.fn.countAll<bigint>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    const created = await t.request({
      method: "POST",
      url: "/api/indicators",
      payload: {
        code: "homicide_rate",
        name: { es: "Tasa de homicidios", en: "Homicide rate" },
        unit: "per 100,000 inhabitants",
        sdg_indicator: "16.1.1",
      },
    });
    expect(created.status).toBe(201);
    focalGt = await t.signIn({ role: "focal_point", organization: "GT" });
  }, 60_000);
  afterAll(async () => t.close());

  it("names each bad row by line and column", () => {
    const read = readObservationsCsv(badFile);
    expect(read.rows).toBe(8);
    expect(read.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [3, "year", "observation_year"],
      [4, "value", "observation_value"],
      [5, "sex", "observation_sex"],
      [7, "source", "observation_required"],
      [8, "year", "observation_duplicate"],
    ]);
    expect(read.valid.map((r) => r.line)).toEqual([2, 6, 9]);
  });

  it("previews the file with the database's problems too, writing nothing", async () => {
    const preview = await send(t, "/api/indicators/import/preview", badFile);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ rows: 8, valid: 2, imported: 0 });
    expect(preview.body.invalid_lines).toEqual([3, 4, 5, 6, 7, 8]);
    expect(preview.body.problems.find((p) => p.line === 6)).toMatchObject({
      column: "indicator",
      code: "observation_unknown_indicator",
    });
    expect(await count()).toBe(0);
  });

  it("imports nothing from a file with problems unless told to skip them", async () => {
    const refused = await t.request<Refusal>({
      method: "POST",
      url: "/api/indicators/import",
      payload: badFile,
      headers: { "content-type": "text/csv" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe(
      "line 3, Year: must be a year such as 2012 (and 5 more); nothing was imported.",
    );
    expect(refused.body.error.details.map((d) => d.path)).toEqual([
      "line 3.year",
      "line 4.value",
      "line 5.sex",
      "line 6.indicator",
      "line 7.source",
      "line 8.year",
    ]);
    expect(refused.body.error.context.report).toMatchObject({ imported: 0, valid: 2 });
    expect(await count()).toBe(0);

    const skipping = await send(t, "/api/indicators/import?skip_invalid=true", badFile);
    expect(skipping.status).toBe(200);
    expect(skipping.body).toMatchObject({ imported: 2, created: 2, skipped: 6 });
    expect(await count()).toBe(2);
    const again = await send(t, "/api/indicators/import?skip_invalid=true", badFile);
    expect(again.body).toMatchObject({ imported: 2, created: 0, unchanged: 2 });
  });

  it("refuses a focal point's rows for another country, by line", async () => {
    const csv = [
      "indicator,country,year,value,source",
      `homicide_rate,GT,2015,29.5,${source}`,
      `homicide_rate,HN,2015,57.5,${source}`,
    ].join("\n");
    const refused = await focalGt.request<Refusal>({
      method: "POST",
      url: "/api/indicators/import",
      payload: csv,
      headers: { "content-type": "text/csv" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toMatchObject([
      { path: "line 3.country", rule: { code: "observation_country_refused" } },
    ]);
    expect(await count()).toBe(2);
    const own = await send(focalGt, "/api/indicators/import?skip_invalid=true", csv);
    expect(own.body).toMatchObject({ imported: 1, skipped: 1 });
  });

  it("exports every source and disaggregation in the columns it imports, formulas defused", async () => {
    const exported = await t.anonymous<string>({
      method: "GET",
      url: "/api/indicators/homicide_rate/observations.csv",
    });
    expect(exported.status).toBe(200);
    expect(String(exported.headers["content-type"])).toContain("text/csv");
    const lines = exported.body.trim().split("\r\n");
    expect(lines[0]).toBe("indicator,country,year,sex,value,source,notes");
    expect(lines).toContain(`homicide_rate,GT,2014,female,5.1,${source},"'=HYPERLINK(""x"")"`);
    expect(lines).toHaveLength(4);
    // Read back, it is a valid file of the same rows.
    const reread = readObservationsCsv(exported.body);
    expect(reread.problems).toEqual([]);
    expect(reread.valid).toHaveLength(3);
  });
});
