import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../test/support/database.ts";
import type { DatabaseHandle } from "../../../platform/db/connect.ts";
import { systemPrincipal } from "../../accounts/index.ts";
import {
  expectedFromXml,
  haveSamples,
  importFootprint,
  samplesDir,
  storedFigures,
} from "../iati.fixtures.ts";
import { importIatiFile } from "./import-iati-file.ts";

const principal = systemPrincipal("test");
const title = haveSamples
  ? "importing the published IATI samples"
  : "importing the published IATI samples — skipped: ../shared/data/iati/samples is absent";

describe.skipIf(!haveSamples)(title, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());
  const activityFiles = haveSamples
    ? readdirSync(samplesDir).filter((f) => !f.startsWith("02_"))
    : [];

  it.each(activityFiles)("imports %s with the counts and totals the XML holds", async (file) => {
    const path = join(samplesDir, file);
    const expected = expectedFromXml(readFileSync(path, "utf8"));
    const summary = await importIatiFile({
      db: handle.db,
      path,
      principal,
      reportingOrgRef: "XI-IATI-ESCA",
    });
    expect(summary.status).toBe("imported");
    expect(summary.skipped).toBe(0);
    expect(summary.activities).toBe(expected.activities);
    expect(summary.transactions).toBe(expected.transactions);
    expect(await storedFigures(handle.db, summary.publisher ?? "")).toEqual(expected);
  });

  it("keeps every narrative with its language, the sectors with percentages and the countries", async () => {
    await importIatiFile({
      db: handle.db,
      path: join(samplesDir, activityFiles[0] ?? ""),
      principal,
      reportingOrgRef: "XI-IATI-ESCA",
    });
    const activity = await handle.db
      .selectFrom("iati_activities")
      .selectAll()
      .where("iati_identifier", "=", "AA-AAA-123456789-ABC123")
      .executeTakeFirstOrThrow();
    expect(activity.titles).toEqual([
      { lang: "en", text: "Activity title" },
      { lang: "fr", text: "Titre de l'activité" },
      { lang: "es", text: "Título de la actividad" },
    ]);
    expect(activity.title_es).toBe("Título de la actividad");
    expect(activity.sectors).toContainEqual({ code: "111", vocabulary: "2", percentage: "50" });
    expect(activity.countries).toEqual([
      { code: "AF", vocabulary: null, percentage: "25" },
      { code: "AG", vocabulary: null, percentage: "25" },
    ]);
    expect(activity.start_date).toBe("2012-04-28");
  });

  it("refuses the organisation sample, naming the root element and the line, writing nothing", async () => {
    const before = await importFootprint(handle.db);
    const path = join(samplesDir, readdirSync(samplesDir).find((f) => f.startsWith("02_")) ?? "");
    await expect(
      importIatiFile({ db: handle.db, path, principal, reportingOrgRef: "XI-IATI-ESCA" }),
    ).rejects.toThrow(/^line \d+: this is an IATI organisation file \(<iati-organisations>\)/);
    expect(await importFootprint(handle.db)).toEqual(before);
  });
});
