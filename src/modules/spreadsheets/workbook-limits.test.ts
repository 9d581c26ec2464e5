import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestSession } from "../../../test/support/app.ts";
import { databaseFreeOnce } from "../../../test/support/cli.ts";
import { AppError } from "../../platform/errors.ts";
import { readWorkbook } from "./read-workbook.ts";
import { initiativeColumns } from "./workbook.queries.ts";
import { workbookLimits } from "./workbook-limits.ts";
import { WorkbookSlots } from "./workbook-slots.ts";
import {
  bombSheet,
  bombWorkbook,
  buildZip,
  sheetXml,
  workbookParts,
} from "./workbook-zip.fixtures.ts";

const strings = [...initiativeColumns];
/** 300,000 identical rows: about 150 MB unpacked from under 1 MB, built once for the file. */
let bombOnce: ReturnType<typeof bombSheet> | undefined;
const theBomb = () => {
  bombOnce ??= bombSheet(300_000);
  return bombOnce;
};
const refusal = async (zip: Buffer) => {
  const error = await readWorkbook(zip).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const { code, reason, values, message } = error as AppError;
  return { code, reason, values, message };
};
/** Heap and buffers grown by `work`, in MB. */
async function growth(work: () => Promise<unknown>) {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  await work();
  return (used() - before) / 1024 / 1024;
}

describe("hostile workbooks", () => {
  let bomb: Awaited<ReturnType<typeof bombSheet>>;
  beforeAll(async () => {
    bomb = await theBomb();
  });

  it("reads a well-formed workbook within the limits as before", async () => {
    const read = await readWorkbook(buildZip(workbookParts({ sheet: sheetXml(3), strings })));
    expect(read.initiatives.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(read.initiatives[0]?.values.code).toBe("code");
  });

  it("refuses the zip bomb from its directory, before unpacking, with little memory", async () => {
    const zip = bombWorkbook(bomb);
    expect(zip.length).toBeLessThan(2 * 1024 * 1024);
    let answer: Awaited<ReturnType<typeof refusal>> | undefined;
    const grown = await growth(async () => {
      answer = await refusal(zip);
    });
    expect(answer).toMatchObject({
      code: "payload_too_large",
      reason: "workbook_unpacked_too_large",
      values: { part: "xl/worksheets/sheet1.xml", limit_mb: 100 },
    });
    expect(grown).toBeLessThan(32);
  });

  it("counts bytes while unpacking: a directory that understates a part is caught at the first byte over", async () => {
    let answer: Awaited<ReturnType<typeof refusal>> | undefined;
    const grown = await growth(async () => {
      answer = await refusal(bombWorkbook(bomb, 50_000));
    });
    expect(answer).toMatchObject({
      code: "unprocessable",
      reason: "workbook_part_size_mismatch",
      values: { part: "xl/worksheets/sheet1.xml", declared: 50_000 },
    });
    expect(grown).toBeLessThan(32);
  });

  it("stops at the first row over the limit when the declared size fits", async () => {
    let answer: Awaited<ReturnType<typeof refusal>> | undefined;
    const grown = await growth(async () => {
      answer = await refusal(bombWorkbook(bomb, 90 * 1024 * 1024));
    });
    expect(answer).toMatchObject({
      code: "payload_too_large",
      reason: "workbook_too_many_rows",
      values: { sheet: "initiatives", limit: workbookLimits.maxRows },
    });
    expect(answer?.message).toMatch(/Sheet "initiatives" has more than 10000 rows/);
    expect(grown).toBeLessThan(64);
  });

  it("refuses a sheet one row over the limit, and takes one at the limit", async () => {
    const at = await readWorkbook(
      buildZip(workbookParts({ sheet: sheetXml(workbookLimits.maxRows - 1), strings })),
    );
    expect(at.initiatives).toHaveLength(workbookLimits.maxRows - 1);
    expect(
      await refusal(buildZip(workbookParts({ sheet: sheetXml(workbookLimits.maxRows), strings }))),
    ).toMatchObject({ reason: "workbook_too_many_rows", values: { row: 10_001 } });
  });

  it("refuses a value past the last column, naming sheet, row and cell", async () => {
    const wide = sheetXml(2, '<c r="CW2" t="s"><v>0</v></c>');
    expect(await refusal(buildZip(workbookParts({ sheet: wide, strings })))).toMatchObject({
      code: "payload_too_large",
      reason: "workbook_too_many_columns",
      values: { sheet: "initiatives", row: 2, column: 101, limit: 100 },
      message: expect.stringMatching(/row 2: cell CW2 is in column 101/),
    });
    // An empty cell out there (formatting) is no value: it is ignored.
    const styled = sheetXml(2, '<c r="ZZ2" s="1"/>');
    expect(
      (await readWorkbook(buildZip(workbookParts({ sheet: styled, strings })))).initiatives,
    ).toHaveLength(2);
  });

  it("refuses a ZIP with too many parts before reading any", async () => {
    const parts = [
      ...workbookParts({ sheet: sheetXml(1), strings }),
      ...Array.from({ length: workbookLimits.maxEntries }, (_, i) => ({
        name: `xl/media/image${i}.png`,
        data: Buffer.from("x"),
      })),
    ];
    expect(await refusal(buildZip(parts))).toMatchObject({
      code: "payload_too_large",
      reason: "workbook_too_many_entries",
      values: { entries: workbookLimits.maxEntries + 5, limit: workbookLimits.maxEntries },
    });
  });

  it("refuses huge shared text: declared too large, understated, or one endless string", async () => {
    const parts = workbookParts({ sheet: sheetXml(1), strings });
    const shared = parts.find((p) => p.name === "xl/sharedStrings.xml");
    if (!shared) throw new Error("no shared strings part");
    const declaredLarge = parts.map((p) =>
      p === shared ? { ...p, declaredSize: 40 * 1024 * 1024 } : p,
    );
    expect(await refusal(buildZip(declaredLarge))).toMatchObject({
      code: "payload_too_large",
      reason: "workbook_shared_strings_too_large",
      values: { part: "xl/sharedStrings.xml", size_mb: 40, limit_mb: 32 },
    });
    const huge = workbookParts({ sheet: sheetXml(1), strings: [...strings, "A".repeat(300_000)] });
    expect(await refusal(buildZip(huge))).toMatchObject({
      code: "payload_too_large",
      reason: "workbook_text_too_long",
      values: { part: "xl/sharedStrings.xml" },
    });
    const understated = huge.map((p) =>
      p.name === "xl/sharedStrings.xml" ? { ...p, declaredSize: 1000 } : p,
    );
    expect(await refusal(buildZip(understated))).toMatchObject({
      reason: "workbook_part_size_mismatch",
      values: { part: "xl/sharedStrings.xml" },
    });
  });

  it("refuses what is not a ZIP, a truncated one, and a damaged part, naming the problem", async () => {
    expect(await refusal(Buffer.from("code,title\nGT1,x\n"))).toMatchObject({
      code: "unprocessable",
      reason: "workbook_not_zip",
      values: { start: "63 6f 64 65" },
    });
    expect(await refusal(Buffer.alloc(0))).toMatchObject({ reason: "workbook_not_zip" });
    const whole = buildZip(workbookParts({ sheet: sheetXml(50), strings }));
    for (const cut of [whole.length - 10, Math.floor(whole.length / 2), 40])
      expect(await refusal(whole.subarray(0, cut))).toMatchObject({
        code: "unprocessable",
        reason: "workbook_truncated",
      });
    const damaged = buildZip(
      workbookParts({
        sheet: { data: randomBytes(2000), deflated: { size: 10_000, crc: 0 } },
        strings,
      }),
    );
    expect(await refusal(damaged)).toMatchObject({
      code: "unprocessable",
      values: { part: "xl/worksheets/sheet1.xml" },
    });
    const doctype = sheetXml(1)
      .toString()
      .replace("<worksheet", '<!DOCTYPE x [<!ENTITY a "b">]><worksheet');
    expect(
      await refusal(buildZip(workbookParts({ sheet: Buffer.from(doctype), strings }))),
    ).toMatchObject({ reason: "workbook_part_corrupt" });
  });

  it("reads dates as a spreadsheet shows them, from an edited workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("initiatives");
    sheet.addRow([...initiativeColumns]);
    sheet.addRow([
      "GT9",
      "t",
      "t",
      "",
      "",
      "A",
      "",
      "GT",
      "GT",
      "",
      1500.5,
      "USD",
      new Date("2012-01-15T00:00:00Z"),
    ]);
    sheet.getCell("M2").numFmt = "yyyy-mm-dd";
    const read = await readWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(read.initiatives[0]?.values).toMatchObject({
      code: "GT9",
      budget_amount: "1500.5",
      budget_value_date: "2012-01-15",
    });
  });

  it.skipIf(databaseFreeOnce("reading the 560,000-row bomb"))(
    "refuses the 560,000-row bomb in a child process with a 256 MB heap, which exits normally",
    () => {
      const script = fileURLToPath(new URL("./preview-bomb.fixture.ts", import.meta.url));
      const run = spawnSync(
        process.execPath,
        ["--max-old-space-size=256", "--import", "tsx", script, "560000"],
        { encoding: "utf8", timeout: 120_000 },
      );
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual([
        { bomb: "honest", code: "payload_too_large", reason: "workbook_unpacked_too_large" },
        { bomb: "lying", code: "unprocessable", reason: "workbook_part_size_mismatch" },
        {
          bomb: "lying within the limits",
          code: "payload_too_large",
          reason: "workbook_too_many_rows",
        },
      ]);
    },
    120_000,
  );
});

describe("one workbook at a time per user", () => {
  it("refuses a second workbook while the first is read, and takes it after", async () => {
    const slots = new WorkbookSlots();
    const user = { kind: "system", label: "a" } as const;
    let release = () => {};
    const first = slots.run(user, () => new Promise<void>((resolve) => (release = resolve)));
    await expect(slots.run(user, async () => "second")).rejects.toMatchObject({
      code: "rate_limited",
      reason: "workbook_in_progress",
    });
    expect(await slots.run({ kind: "system", label: "b" }, async () => "other user")).toBe(
      "other user",
    );
    release();
    await first;
    expect(await slots.run(user, async () => "after")).toBe("after");
  });
});

describe("workbook upload limits over HTTP", () => {
  let t: TestApp;
  let partner: TestSession;
  let other: TestSession;
  beforeAll(async () => {
    t = await createTestApp();
    partner = await t.signIn({ role: "partner", organization: "IDB", kind: "international_org" });
    other = await t.signIn({ role: "partner", organization: "EU", kind: "international_org" });
  });
  afterAll(async () => t.close());
  const send = (session: TestSession, buffer: Buffer, url = "/api/spreadsheets/preview") => {
    const boundary = "----esca-limits";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    return session.request<{ error?: { code: string; reason?: string; values?: object } }>({
      method: "POST",
      url,
      payload: Buffer.concat([Buffer.from(head), buffer, Buffer.from(`\r\n--${boundary}--\r\n`)]),
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
  };

  it("answers the bomb 413 on preview and apply, and a file over 10 MB 413", async () => {
    const zip = bombWorkbook(await theBomb());
    for (const url of [
      "/api/spreadsheets/preview",
      `/api/spreadsheets/apply?plan_hash=${"0".repeat(64)}`,
    ]) {
      const answer = await send(partner, zip, url);
      expect(answer.status, url).toBe(413);
      expect(answer.body.error).toMatchObject({
        code: "payload_too_large",
        reason: "workbook_unpacked_too_large",
      });
    }
    const big = await send(partner, randomBytes(workbookLimits.maxFileBytes + 1));
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({
      reason: "workbook_file_too_large",
      values: { limit_mb: 10 },
    });
    const notZip = await send(partner, Buffer.from("not a workbook"));
    expect(notZip.status).toBe(422);
    expect(notZip.body.error).toMatchObject({ code: "unprocessable", reason: "workbook_not_zip" });
  });

  it("answers a second workbook sent at once by the same user 429, not another user's", async () => {
    const zip = buildZip(workbookParts({ sheet: sheetXml(200), strings }));
    const answers = await Promise.all([send(partner, zip), send(partner, zip), send(other, zip)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 429]);
    expect(answers[2]?.status).toBe(200);
    expect(answers.find((a) => a.status === 429)?.body.error).toMatchObject({
      code: "rate_limited",
      reason: "workbook_in_progress",
    });
    expect((await send(partner, zip)).status).toBe(200);
  });
});
