import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestSession } from "../../../test/support/app.ts";
import type { PlanRow } from "../../contracts/spreadsheets.ts";
import { systemPrincipal } from "../accounts/index.ts";
import { recordFlow } from "../funding/index.ts";
import { setUpIatiWorld } from "../iati/iati-xml.fixtures.ts";

function multipart(buffer: Buffer) {
  const boundary = "----esca-sheet-permissions";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="book.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, buffer, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

interface Plan {
  rows: PlanRow[];
  counts: Record<string, number>;
  plan_hash: string;
}
interface Refusal {
  error: { code: string; message: string; reason?: string; values?: Record<string, unknown> };
}

type Cell = ExcelJS.CellValue;
const text = (value: Cell) => (value === null || value === undefined ? "" : String(value));
const protectedSheet = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection?.sheet ===
  true;
const locked = (cell: ExcelJS.Cell) => cell.protection?.locked !== false;
const noteText = (note: ExcelJS.Cell["note"]) =>
  typeof note === "string" ? note : (note?.texts ?? []).map((part) => part.text).join("");

describe("a partner's workbook: its own rows to write, the rest protected and refused", () => {
  let t: TestApp;
  let partner: TestSession;
  let staff: TestSession;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    const world = await setUpIatiWorld(t.handle.db);
    partner = await t.signIn({ role: "partner", organization: "IDB", kind: "international_org" });
    staff = await t.signIn({ role: "secretariat", organization: "SICA-DSD" });
    await t.handle.db
      .insertInto("organizations")
      .values({ code: "EU", kind: "international_org", name_es: "UE", name_en: "EU" })
      .execute();
    for (const code of ["IDB", "EU"]) {
      const { id } = await t.handle.db
        .selectFrom("organizations")
        .select("id")
        .where("code", "=", code)
        .executeTakeFirstOrThrow();
      const flow = await recordFlow({
        db: t.handle.db,
        principal: systemPrincipal("test"),
        input: {
          flow_type: "commitment",
          support_kind: "financial",
          partner_id: id,
          initiative_id: world.initiativeId,
          value: { amount: "1000.00", currency: "USD" },
          value_date: "2012-02-01",
        },
      });
      ids[code] = flow.id;
    }
  }, 180_000);
  afterAll(async () => t.close());

  const download = async (session: TestSession, query: string, headers = {}) => {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/spreadsheets/portfolio.xlsx${query}`,
      headers: { cookie: session.cookie, ...headers },
    });
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    return book;
  };
  const send = <T>(session: TestSession, url: string, book: Buffer) =>
    session.request<T>({ method: "POST", url, ...multipart(book) });
  /** The sheet's row of the entry with this id, and the column of each header. */
  const locate = (sheet: ExcelJS.Worksheet, id: string) => {
    const header = (sheet.getRow(1).values as Cell[]).map(text);
    let found = 0;
    sheet.eachRow((row, number) => {
      if (text(row.getCell(1).value) === id) found = number;
    });
    return { row: sheet.getRow(found), number: found, column: (h: string) => header.indexOf(h) };
  };
  const standingCount = async () =>
    (
      await t.handle.db
        .selectFrom("support_flows")
        .select((eb) => eb.fn.countAll<bigint>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;

  it("is written in the downloader's language, with others' rows and the initiatives protected", async () => {
    const book = await download(partner, "?lang=es");
    expect(book.worksheets.map((s) => s.name)).toEqual([
      "Guía",
      "Iniciativas",
      "Flujos de apoyo",
      "Listas",
    ]);
    const flows = book.getWorksheet("Flujos de apoyo");
    const initiatives = book.getWorksheet("Iniciativas");
    if (!flows || !initiatives) throw new Error("sheets missing");
    expect((flows.getRow(1).values as Cell[]).map(text).slice(1, 6)).toEqual([
      "Id",
      "Tipo de flujo",
      "Clase de apoyo",
      "Socio",
      "Iniciativa",
    ]);
    expect(noteText(flows.getRow(1).getCell(2).note)).toContain("desembolso");
    const own = locate(flows, ids.IDB ?? "");
    const other = locate(flows, ids.EU ?? "");
    expect(text(own.row.getCell(own.column("Tipo de flujo")).value)).toBe("Compromiso");
    expect(own.row.getCell(own.column("Tipo de flujo")).dataValidation).toMatchObject({
      type: "list",
      formulae: [expect.stringContaining("'Listas'!")],
    });
    expect(protectedSheet(flows)).toBe(true);
    expect(locked(own.row.getCell(own.column("Monto")))).toBe(false);
    expect(locked(own.row.getCell(own.column("Id")))).toBe(true);
    expect(locked(other.row.getCell(other.column("Monto")))).toBe(true);
    // Below the data, rows stay open for the partner's new entries.
    expect(locked(flows.getRow(other.number + 2).getCell(other.column("Monto")))).toBe(false);
    expect(protectedSheet(initiatives)).toBe(true);
    expect(locked(initiatives.getRow(2).getCell(3))).toBe(true);

    const english = await download(partner, "?lang=en");
    expect(english.worksheets.map((s) => s.name)).toEqual([
      "Guide",
      "Initiatives",
      "Support flows",
      "Lists",
    ]);
    const byHeader = await download(staff, "", { "accept-language": "es-GT,es;q=0.9,en;q=0.5" });
    const staffFlows = byHeader.getWorksheet("Flujos de apoyo");
    if (!staffFlows) throw new Error("a Spanish reader's workbook is in Spanish");
    // The secretariat writes every row: nothing of its workbook is protected.
    expect(protectedSheet(staffFlows)).toBe(false);
  });

  it("previews each row the partner may not write as an error naming it, as apply refuses it", async () => {
    const book = await download(partner, "?lang=es");
    const flows = book.getWorksheet("Flujos de apoyo");
    const initiatives = book.getWorksheet("Iniciativas");
    if (!flows || !initiatives) throw new Error("sheets missing");
    const own = locate(flows, ids.IDB ?? "");
    const other = locate(flows, ids.EU ?? "");
    own.row.getCell(own.column("Monto")).value = "1500.00";
    other.row.getCell(other.column("Monto")).value = "2000.00";
    initiatives.getRow(2).getCell(3).value = "Initiative GT1, renamed by a partner";
    const edited = Buffer.from(await book.xlsx.writeBuffer());

    const preview = await send<Plan>(partner, "/api/spreadsheets/preview", edited);
    expect(preview.status).toBe(200);
    expect(preview.body.counts).toMatchObject({ changed: 1, error: 2 });
    const refusedFlow = preview.body.rows.find((r) => r.sheet === "flows" && r.action === "error");
    expect(refusedFlow).toMatchObject({
      row: other.number,
      key: ids.EU,
      problems: [{ column: "partner", rule: { code: "workbook_flow_not_yours", partner: "EU" } }],
    });
    expect(refusedFlow?.errors[0]).toMatch(/^Partner: this is EU's support\. You may record only/);
    const refusedInitiative = preview.body.rows.find((r) => r.sheet === "initiatives");
    expect(refusedInitiative).toMatchObject({
      row: 2,
      action: "error",
      problems: [{ column: "code", rule: { code: "workbook_initiative_not_editable" } }],
    });

    const before = await standingCount();
    const apply = await send<Refusal>(
      partner,
      `/api/spreadsheets/apply?plan_hash=${preview.body.plan_hash}`,
      edited,
    );
    expect(apply.status).toBe(422);
    expect(apply.body.error).toMatchObject({
      reason: "workbook_rows_refused",
      values: { row: 2, sheet_es: "Iniciativas", rows: 2 },
    });
    expect(apply.body.error.message).toMatch(/^Sheet "Initiatives", row 2: Code: GT1 may not be/);
    expect(await standingCount()).toBe(before);
  });

  it("applies a partner's own rows from a Spanish workbook, and reads an English one alike", async () => {
    const book = await download(partner, "?lang=es");
    const flows = book.getWorksheet("Flujos de apoyo");
    if (!flows) throw new Error("sheets missing");
    const own = locate(flows, ids.IDB ?? "");
    own.row.getCell(own.column("Monto")).value = "1500.00";
    flows.addRow([
      "",
      "Promesa",
      "Técnico",
      "IDB",
      "GT1",
      "",
      "",
      "",
      "",
      "2012-03-01",
      "Capacitación de fiscales",
      "",
      "",
    ]);
    const edited = Buffer.from(await book.xlsx.writeBuffer());
    const preview = await send<Plan>(partner, "/api/spreadsheets/preview", edited);
    expect(preview.body.counts).toMatchObject({ added: 1, changed: 1, unchanged: 2, error: 0 });
    const applied = await send<Plan>(
      partner,
      `/api/spreadsheets/apply?plan_hash=${preview.body.plan_hash}`,
      edited,
    );
    expect(applied.status).toBe(200);
    const recorded = await t.handle.db
      .selectFrom("support_flows as f")
      .innerJoin("organizations as o", "o.id", "f.partner_id")
      .select(["f.flow_type", "f.support_kind", "f.amount_minor", "f.reverses_id"])
      .where("o.code", "=", "IDB")
      .orderBy("f.seq")
      .execute();
    expect(recorded.slice(1)).toEqual([
      expect.objectContaining({ reverses_id: ids.IDB, amount_minor: -100000n }),
      expect.objectContaining({ flow_type: "commitment", amount_minor: 150000n }),
      expect.objectContaining({ flow_type: "pledge", support_kind: "technical" }),
    ]);

    // An English workbook reads back as it was written: nothing changes.
    const english = await download(staff, "?lang=en");
    const unchanged = await send<Plan>(
      staff,
      "/api/spreadsheets/preview",
      Buffer.from(await english.xlsx.writeBuffer()),
    );
    expect(unchanged.body.counts).toMatchObject({ added: 0, changed: 0, error: 0 });
    expect(unchanged.body.counts.unchanged).toBeGreaterThan(3);
    // A bad cell is named by its column's header, not by a request path.
    english
      .getWorksheet("Support flows")
      ?.addRow([
        "",
        "Pledge",
        "Financial",
        "IDB",
        "GT1",
        "",
        "12,5",
        "USD",
        "",
        "2012-03-01",
        "",
        "",
        "",
      ]);
    const bad = await send<Plan>(
      staff,
      "/api/spreadsheets/preview",
      Buffer.from(await english.xlsx.writeBuffer()),
    );
    const row = bad.body.rows.find((r) => r.action === "error");
    expect(new Set(row?.problems.map((p) => p.column))).toEqual(new Set(["amount"]));
    expect(row?.errors[0]).toMatch(/^Amount: /);
  });
});
