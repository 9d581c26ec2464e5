import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestSession } from "../../../test/support/app.ts";
import { systemPrincipal } from "../accounts/index.ts";
import { recordFlow, summarizeFunding } from "../funding/index.ts";
import { setUpIatiWorld } from "../iati/iati-xml.fixtures.ts";
import { flowColumns } from "./workbook.queries.ts";

function multipart(buffer: Buffer) {
  const boundary = "----esca-xlsx-boundary";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="portfolio.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, buffer, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

type Plan = {
  rows: Array<{
    sheet: string;
    row: number;
    key: string;
    action: string;
    changes: Array<{ field: string }>;
    errors: string[];
    problems: Array<{ column: string; message: string; rule: { code: string } }>;
  }>;
  counts: Record<string, number>;
  plan_hash: string;
};

describe("spreadsheet round-trip", () => {
  let t: TestApp;
  let staff: TestSession;
  let commitmentId: string;
  let edited: Buffer;
  beforeAll(async () => {
    t = await createTestApp();
    const world = await setUpIatiWorld(t.handle.db);
    const eu = await t.handle.db
      .insertInto("organizations")
      .values({ code: "EU", kind: "international_org", name_es: "UE", name_en: "EU" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const flow = await recordFlow({
      db: t.handle.db,
      principal: systemPrincipal("test"),
      input: {
        flow_type: "commitment",
        support_kind: "financial",
        partner_id: eu.id,
        initiative_id: world.initiativeId,
        value: { amount: "1000.00", currency: "USD" },
        value_date: "2012-02-01",
      },
    });
    commitmentId = flow.id;
    staff = await t.signIn({ role: "secretariat", organization: "SICA-DSD" });
  });
  afterAll(async () => t.close());
  const send = (url: string, buffer: Buffer) =>
    staff.request<Plan & { error?: { message: string } }>({
      method: "POST",
      url,
      ...multipart(buffer),
    });

  it("downloads the portfolio, and previews an edited copy row by row", async () => {
    const download = await t.app.inject({
      method: "GET",
      url: "/api/spreadsheets/portfolio.xlsx",
      headers: { cookie: staff.cookie },
    });
    expect(download.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(download.rawPayload as unknown as ArrayBuffer);
    // Without a language asked for, nor an Accept-Language header: English.
    const initiatives = workbook.getWorksheet("Initiatives");
    const flows = workbook.getWorksheet("Support flows");
    if (!initiatives || !flows) throw new Error("sheets missing");
    expect(initiatives.getRow(2).getCell(1).value).toBe("GT1");
    initiatives.getRow(2).getCell(3).value = "Initiative GT1, renamed";
    initiatives.addRow([
      "GT2",
      "Nueva",
      "New",
      "",
      "",
      "A",
      "",
      "GT",
      "GT,HN",
      "15210:100",
      "250000.00",
      "EUR",
      "2012-01-01",
      "2012-01-01",
      "2013-12-31",
      "",
      "",
    ]);
    expect(flows.getRow(2).getCell(1).value).toBe(commitmentId);
    flows.getRow(2).getCell(7).value = "1200.00";
    flows.addRow([
      "",
      "pledge",
      "financial",
      "EU",
      "GT2",
      "",
      "5000",
      "EUR",
      "421",
      "2012-03-01",
      "",
      "sheet",
      "",
    ]);
    edited = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await send("/api/spreadsheets/preview", edited);
    expect(preview.status).toBe(200);
    expect(preview.body.counts).toEqual({
      added: 2,
      changed: 2,
      unchanged: 0,
      removed: 0,
      error: 0,
    });
    expect(preview.body.rows.find((r) => r.key === "GT1")?.changes).toEqual([
      { field: "title_en", from: "Initiative GT1", to: "Initiative GT1, renamed" },
    ]);
  });

  it("names the row and column of each error, and refuses to apply while there are any", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(edited as unknown as ArrayBuffer);
    workbook
      .getWorksheet("Support flows")
      ?.addRow([
        "",
        "pledge",
        "financial",
        "NOPE",
        "GT1",
        "",
        "5",
        "USD",
        "",
        "2012-03-01",
        "",
        "",
        "",
      ]);
    const broken = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await send("/api/spreadsheets/preview", broken);
    expect(preview.body.rows.find((r) => r.action === "error")).toMatchObject({
      sheet: "flows",
      row: 4,
      errors: ['Partner: no organization with code "NOPE"'],
      problems: [
        {
          column: "partner",
          message: 'no organization with code "NOPE"',
          rule: { code: "unknown_code", value: "NOPE" },
        },
      ],
    });
    const apply = await send(`/api/spreadsheets/apply?plan_hash=${preview.body.plan_hash}`, broken);
    expect(apply.status).toBe(422);
    expect(apply.body.error?.message).toMatch(
      /^Sheet "Support flows", row 4: Partner: no organization/,
    );
  });

  it("applies what was previewed in one transaction, correcting flows by reversal", async () => {
    const preview = await send("/api/spreadsheets/preview", edited);
    const applied = await send(
      `/api/spreadsheets/apply?plan_hash=${preview.body.plan_hash}`,
      edited,
    );
    expect(applied.status).toBe(200);
    const reversal = await t.handle.db
      .selectFrom("support_flows")
      .select(["amount_minor"])
      .where("reverses_id", "=", commitmentId)
      .executeTakeFirstOrThrow();
    expect(reversal.amount_minor).toBe(-100000n);
    const totals = (await summarizeFunding({ db: t.handle.db, by: [] })).total;
    expect(totals).toMatchObject({ committed: "1200.00", announced: "6250.00" });
    // The sheet's finance_type column is read back: the added pledge is a loan.
    const loans = await summarizeFunding({
      db: t.handle.db,
      by: [],
      filter: { financeTypes: ["421"] },
    });
    expect(loans.total.announced).toBe("6250.00");
    const gt1 = await t.handle.db
      .selectFrom("initiatives")
      .select(["title_en", "version"])
      .where("code", "=", "GT1")
      .executeTakeFirstOrThrow();
    expect(gt1.title_en).toBe("Initiative GT1, renamed");
    const again = await send(`/api/spreadsheets/apply?plan_hash=${preview.body.plan_hash}`, edited);
    expect(again.status).toBe(409);
  });

  it("never deletes what the sheet leaves out", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("flows").addRow([...flowColumns]);
    const empty = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await send("/api/spreadsheets/preview", empty);
    expect(preview.body.counts).toEqual({
      added: 0,
      changed: 0,
      unchanged: 0,
      removed: 0,
      error: 0,
    });
    expect(
      (await send(`/api/spreadsheets/apply?plan_hash=${preview.body.plan_hash}`, empty)).status,
    ).toBe(200);
    const count = await t.handle.db
      .selectFrom("initiatives")
      .select((eb) => eb.fn.countAll<bigint>().as("n"))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(2n);
  });

  it("reverses the flows a sheet leaves out only when asked, and only those the uploader may", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("flows").addRow([...flowColumns]);
    const empty = Buffer.from(await workbook.xlsx.writeBuffer());
    const standing = await t.handle.db
      .selectFrom("support_flows as f")
      .leftJoin("support_flows as r", "r.reverses_id", "f.id")
      .select("f.id")
      .where("f.reverses_id", "is", null)
      .where("r.id", "is", null)
      .execute();
    expect(standing.length).toBe(2);

    // A partner's upload reaches only its own organization's entries: none here.
    const partner = await t.signIn({ role: "partner", organization: "IDB" });
    const theirs = await partner.request<Plan>({
      method: "POST",
      url: "/api/spreadsheets/preview?remove_missing=true",
      ...multipart(empty),
    });
    expect(theirs.status).toBe(200);
    expect(theirs.body.counts.removed).toBe(0);

    const preview = await send("/api/spreadsheets/preview?remove_missing=true", empty);
    expect(preview.body.counts).toMatchObject({ removed: 2, error: 0 });
    expect(
      preview.body.rows
        .filter((r) => r.action === "removed")
        .map((r) => r.key)
        .sort(),
    ).toEqual(standing.map((f) => f.id).sort());
    // The hash covers the choice: a plan previewed without it does not apply with it.
    const kept = await send("/api/spreadsheets/preview", empty);
    expect(
      (
        await send(
          `/api/spreadsheets/apply?remove_missing=true&plan_hash=${kept.body.plan_hash}`,
          empty,
        )
      ).status,
    ).toBe(409);

    const applied = await send(
      `/api/spreadsheets/apply?remove_missing=true&plan_hash=${preview.body.plan_hash}`,
      empty,
    );
    expect(applied.status).toBe(200);
    const reversals = await t.handle.db
      .selectFrom("support_flows")
      .select(["reverses_id", "note"])
      .where(
        "reverses_id",
        "in",
        standing.map((f) => f.id),
      )
      .execute();
    expect(reversals).toHaveLength(2);
    expect(reversals[0]?.note).toMatch(/Left out of a spreadsheet upload/);
    const totals = (await summarizeFunding({ db: t.handle.db, by: [] })).total;
    expect(totals).toMatchObject({ committed: "0.00", announced: "0.00" });
    // Initiatives are never removed by a sheet.
    const count = await t.handle.db
      .selectFrom("initiatives")
      .select((eb) => eb.fn.countAll<bigint>().as("n"))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(2n);
  });
});
