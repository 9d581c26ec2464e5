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

  it("refuses importing the same symbol twice", async () => {
    const error = await refusal(importResolution({ db: handle.db, file: shippedResolutionFile() }));
    expect(error.code).toBe("conflict");
    expect(error.details[0]?.path).toBe("symbol");
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
