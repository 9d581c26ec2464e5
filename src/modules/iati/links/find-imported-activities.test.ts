import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/support/app.ts";
import { systemPrincipal } from "../../accounts/index.ts";
import { iatiFile, setUpIatiWorld } from "../iati-xml.fixtures.ts";
import { importIatiFile } from "../stage/import-iati-file.ts";

interface ActivityList {
  data: Array<{
    iati_identifier: string;
    publisher_ref: string;
    title: { es: string | null; en: string | null };
    transaction_count: number;
    initiative: { id: string; code: string } | null;
    link_source: string | null;
  }>;
  page: { total: number };
}

describe("GET /api/iati/activities", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await setUpIatiWorld(t.handle.db);
    const path = join(tmpdir(), `esca-activities-${process.pid}.xml`);
    writeFileSync(
      path,
      iatiFile("XM-DAC-55", [
        {
          id: "XM-DAC-55-1",
          related: "XI-IATI-ESCA-GT1",
          transactions: [{ type: 2, date: "2012-02-01", amount: "1000" }],
        },
        { id: "XM-DAC-55-2", transactions: [] },
        { id: "XM-DAC-55-3_100%", transactions: [] },
      ]),
    );
    await importIatiFile({
      db: t.handle.db,
      path,
      principal: systemPrincipal("test"),
      reportingOrgRef: "XI-IATI-ESCA",
    });
  });
  afterAll(async () => t.close());

  it("lists imported activities with the initiative each is linked to, and how", async () => {
    const list = await t.anonymous<ActivityList>({ method: "GET", url: "/api/iati/activities" });
    expect(list.status).toBe(200);
    expect(list.body.page.total).toBe(3);
    expect(list.body.data[0]).toEqual({
      iati_identifier: "XM-DAC-55-1",
      publisher_ref: "XM-DAC-55",
      title: { es: "Actividad XM-DAC-55-1", en: "Activity XM-DAC-55-1" },
      line: expect.any(Number),
      transaction_count: 1,
      initiative: { id: expect.any(String), code: "GT1" },
      link_source: "related-activity",
    });
  });

  it("narrows by link and by text, taking % and _ literally", async () => {
    const unlinked = await t.anonymous<ActivityList>({
      method: "GET",
      url: "/api/iati/activities?linked=false",
    });
    expect(unlinked.body.data.map((a) => a.iati_identifier)).toEqual([
      "XM-DAC-55-2",
      "XM-DAC-55-3_100%",
    ]);
    const mapped = await t.request({
      method: "PUT",
      url: "/api/iati/links/XM-DAC-55-2",
      payload: { initiative: "GT1" },
    });
    expect(mapped.status).toBe(200);
    const linked = await t.anonymous<ActivityList>({
      method: "GET",
      url: "/api/iati/activities?linked=true",
    });
    expect(linked.body.data.map((a) => [a.iati_identifier, a.link_source])).toEqual([
      ["XM-DAC-55-1", "related-activity"],
      ["XM-DAC-55-2", "mapping"],
    ]);
    const found = await t.anonymous<ActivityList>({
      method: "GET",
      url: `/api/iati/activities?q=${encodeURIComponent("100%")}`,
    });
    expect(found.body.data.map((a) => a.iati_identifier)).toEqual(["XM-DAC-55-3_100%"]);
  });
});
