import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import type { DatabaseHandle } from "../../platform/db/connect.ts";
import { AppError } from "../../platform/errors.ts";
import { exportResolution, resolutionFileText } from "./export-resolution.ts";
import { importResolution } from "./import-resolution.ts";
import { shippedResolutionFile } from "./shipped-resolutions.ts";

const SYMBOL = "AG/RES. 2626 (XLI-O/11)";

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("resolution files", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  const counts = async () => ({
    resolutions: (await handle.db.selectFrom("resolutions").select("id").execute()).length,
    mandates: (await handle.db.selectFrom("mandates").select("id").execute()).length,
    audit: (await handle.db.selectFrom("audit_log").select("seq").execute()).length,
  });

  it("refuses a malformed file naming each field and its line, and writes nothing", async () => {
    const before = await counts();
    const lines = shippedResolutionFile().split("\n");
    // Break the first paragraph's first addressee and drop the second paragraph's Spanish text.
    const addresseeLine = lines.findIndex((line) => line.includes('"general_assembly"'));
    lines[addresseeLine] = lines[addresseeLine]?.replace("general_assembly", "everyone") ?? "";
    const esLine = lines.findIndex((line) => line.includes('"es": "Agradecer al grupo'));
    lines[esLine] = lines[esLine]?.replace('"es": "Agradecer', '"fr": "Agradecer') ?? "";
    const error = await refusal(importResolution({ db: handle.db, file: lines.join("\n") }));
    expect(error.code).toBe("validation_failed");
    const byPath = new Map(error.details.map((detail) => [detail.path, detail]));
    expect(byPath.get("paragraphs.0.addressees.0")?.rule?.line).toBe(addresseeLine + 1);
    // A missing field is placed on the line of the object that lacks it ("text": {).
    expect(byPath.get("paragraphs.1.text.es")?.rule?.line).toBe(esLine - 1);
    expect(error.message).toContain(`paragraphs.0.addressees.0 (line ${addresseeLine + 1})`);
    expect(await counts()).toEqual(before);
  });

  it("refuses text that is not JSON with the line of the mistake", async () => {
    const text = '{\n  "symbol": "AG/RES. 1",\n  "title": {,\n}';
    const error = await refusal(importResolution({ db: handle.db, file: text }));
    expect(error.code).toBe("validation_failed");
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.details[0]?.rule?.line).toBe(3);
  });

  it("refuses a paragraph listed twice and a period that ends before it starts", async () => {
    const file = JSON.parse(shippedResolutionFile());
    file.paragraphs[1].number = 1;
    file.reporting_periods[0].ends_on = "2011-01-01";
    const error = await refusal(
      importResolution({ db: handle.db, file: JSON.stringify(file, null, 2) }),
    );
    expect(error.details.map((detail) => detail.path).sort()).toEqual([
      "paragraphs.1.number",
      "reporting_periods.0.ends_on",
    ]);
  });

  it("gives the shipped AG/RES. 2626 file back as it was imported", async () => {
    const text = shippedResolutionFile();
    const imported = await importResolution({ db: handle.db, file: text });
    expect(imported.paragraphs).toBe(10);
    const exported = await exportResolution({ db: handle.db, symbol: SYMBOL });
    expect(exported).toEqual(JSON.parse(text));
    expect(JSON.parse(resolutionFileText(exported))).toEqual(JSON.parse(text));
  });

  it("re-imports an identical file as a no-op that says so, writing nothing", async () => {
    const before = await counts();
    // The same content with its keys and lists in another order is still the same file.
    const file = JSON.parse(shippedResolutionFile());
    file.paragraphs.reverse();
    const again = await importResolution({ db: handle.db, file: JSON.stringify(file) });
    expect(again.outcome).toBe("unchanged");
    expect(again.paragraphs).toBe(10);
    expect(again.mandateIds.size).toBe(10);
    expect(await counts()).toEqual(before);
  });

  it("refuses a changed file for an imported symbol unless --replace is asked", async () => {
    const before = await counts();
    const file = JSON.parse(shippedResolutionFile());
    file.paragraphs[0].text.es = "Otra traducción";
    const error = await refusal(importResolution({ db: handle.db, file: JSON.stringify(file) }));
    expect(error.code).toBe("conflict");
    expect(error.details[0]?.path).toBe("symbol");
    expect(error.message).toContain("--replace");
    expect(await counts()).toEqual(before);
  });

  describe("--replace", () => {
    const mandateOf = async (paragraph: number) =>
      handle.db
        .selectFrom("mandates")
        .selectAll()
        .where("paragraph", "=", paragraph)
        .executeTakeFirstOrThrow();
    beforeAll(async () => {
      // ¶7 has a status and evidence; ¶10 and the period 2012-2013 hold nothing.
      const seventh = await mandateOf(7);
      await handle.db
        .insertInto("mandate_statuses")
        .values({ mandate_id: seventh.id, period_code: "2011-2012", status: "in_progress" })
        .execute();
      await handle.db
        .insertInto("mandate_evidence")
        .values({
          mandate_id: seventh.id,
          kind: "report",
          target_id: "00000000-0000-4000-8000-000000000007",
          period_code: "2011-2012",
        })
        .execute();
    });

    it("refuses dropping a paragraph or period that holds a status or evidence, naming it", async () => {
      const before = await counts();
      const file = JSON.parse(shippedResolutionFile());
      file.paragraphs = file.paragraphs.filter((p: { number: number }) => p.number !== 7);
      file.reporting_periods = file.reporting_periods.filter(
        (p: { code: string }) => p.code !== "2011-2012",
      );
      file.paragraphs[0].text.es = "Otra traducción";
      const error = await refusal(
        importResolution({ db: handle.db, file: JSON.stringify(file), replace: true }),
      );
      expect(error.code).toBe("conflict");
      expect(error.details.map((d) => [d.path, d.rule?.code])).toEqual([
        ["paragraphs", "paragraph_in_use"],
        ["reporting_periods", "period_in_use"],
      ]);
      expect(error.message).toContain(
        "paragraph 7 is missing from the file but has 1 statuses, 1 evidence",
      );
      expect(error.message).toContain("period 2011-2012");
      expect(await counts()).toEqual(before);
      expect((await mandateOf(1)).text_es).not.toBe("Otra traducción");
    });

    it("updates texts, addressees and periods, keeping statuses and evidence", async () => {
      const seventh = await mandateOf(7);
      const file = JSON.parse(shippedResolutionFile());
      file.paragraphs[0].text.es = "Otra traducción";
      file.paragraphs[6].addressees = ["general_secretariat", "oas_organs"];
      // ¶10 goes (nothing recorded on it), a ¶11 comes, 2012-2013 is renamed.
      file.paragraphs = file.paragraphs.filter((p: { number: number }) => p.number !== 10);
      file.paragraphs.push({
        ...file.paragraphs[0],
        number: 11,
        text: { en: "Eleven", es: "Once" },
      });
      file.reporting_periods[1].label.en = "Second year";
      const result = await importResolution({
        db: handle.db,
        file: JSON.stringify(file),
        replace: true,
      });
      expect(result.outcome).toBe("replaced");
      expect(result.changes).toEqual({
        paragraphs: { added: [11], updated: [1, 7], removed: [10] },
        periods: { added: [], updated: [file.reporting_periods[1].code], removed: [] },
      });
      const after = await mandateOf(7);
      expect(after.id).toBe(seventh.id);
      expect(after.addressees).toEqual(["general_secretariat", "oas_organs"]);
      const kept = await handle.db
        .selectFrom("mandate_statuses")
        .select("status")
        .where("mandate_id", "=", seventh.id)
        .execute();
      expect(kept).toEqual([{ status: "in_progress" }]);
      const evidence = await handle.db
        .selectFrom("mandate_evidence")
        .select("kind")
        .where("mandate_id", "=", seventh.id)
        .execute();
      expect(evidence).toEqual([{ kind: "report" }]);
      // The file now reads back as the replacement, and importing it again changes nothing.
      const exported = await exportResolution({ db: handle.db, symbol: SYMBOL });
      expect(exported.paragraphs.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 11]);
      expect(exported.paragraphs[0]?.text.es).toBe("Otra traducción");
      expect(exported.reporting_periods[1]?.label.en).toBe("Second year");
      const again = await importResolution({ db: handle.db, file: JSON.stringify(file) });
      expect(again.outcome).toBe("unchanged");
    });
  });
});

describe("docs/resolution.schema.json", () => {
  it("lists the addressees and required fields the import checks", async () => {
    const { readFileSync } = await import("node:fs");
    const { mandateAddressees } = await import("../../contracts/enum-values.ts");
    const { resolutionFileSchema } = await import("./resolution-file.ts");
    const doc = JSON.parse(
      readFileSync(new URL("../../../docs/resolution.schema.json", import.meta.url), "utf8"),
    );
    expect(doc.$defs.addressee.enum).toEqual([...mandateAddressees]);
    const shape = resolutionFileSchema.safeParse({});
    const missing = shape.success ? [] : shape.error.issues.map((issue) => issue.path.join("."));
    expect([...doc.required].sort()).toEqual(missing.sort());
  });
});
