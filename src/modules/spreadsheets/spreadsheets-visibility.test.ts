import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestSession } from "../../../test/support/app.ts";
import { systemPrincipal } from "../accounts/index.ts";
import { recordFlow } from "../funding/index.ts";
import { setUpIatiWorld } from "../iati/iati-xml.fixtures.ts";
import { flowColumns, initiativeColumns } from "./workbook.queries.ts";

const SECRET = "Borrador hondureño reservado";
const UNKNOWN_FLOW = "0190a5a0-0000-7000-8000-000000000001";

function multipart(buffer: Buffer) {
  const boundary = "----esca-visibility";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), buffer, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/** A workbook with the given rows (cells by column name) on each sheet. */
async function workbook(sheets: {
  initiatives?: Array<Record<string, string>>;
  flows?: Array<Record<string, string>>;
}) {
  const book = new ExcelJS.Workbook();
  for (const [name, columns] of [
    ["initiatives", initiativeColumns],
    ["flows", flowColumns],
  ] as const) {
    const sheet = book.addWorksheet(name);
    sheet.addRow([...columns]);
    for (const row of sheets[name] ?? []) sheet.addRow(columns.map((c) => row[c] ?? ""));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Each probe: a workbook naming `code` (an initiative code or a flow id). */
const probes: Record<string, (code: string) => Promise<Buffer>> = {
  "an initiatives row with only the code": (code) => workbook({ initiatives: [{ code }] }),
  "a whole initiatives row": (code) =>
    workbook({
      initiatives: [
        {
          code,
          title_es: "Nueva",
          title_en: "New",
          component: "A",
          lead_country: "HN",
          countries: "HN",
          budget_amount: "1000.00",
          budget_currency: "USD",
          budget_value_date: "2012-01-01",
        },
      ],
    }),
  "a flows row for the initiative": (code) =>
    workbook({
      flows: [
        {
          flow_type: "pledge",
          support_kind: "financial",
          partner: "IDB",
          initiative: code,
          amount: "10.00",
          currency: "USD",
          value_date: "2012-03-01",
        },
      ],
    }),
};

describe("a workbook reads only what its uploader may read", () => {
  let t: TestApp;
  let draftFlowId: string;
  let sessions: Record<"partner" | "focalPoint" | "secretariat", TestSession>;
  beforeAll(async () => {
    t = await createTestApp();
    const world = await setUpIatiWorld(t.handle.db);
    await t.handle.db
      .updateTable("initiatives")
      .set({ published_at: new Date() })
      .where("id", "=", world.initiativeId)
      .execute();
    const draft = await t.handle.db
      .insertInto("initiatives")
      .values({
        code: "ZHN1",
        title_es: SECRET,
        title_en: SECRET,
        summary_es: SECRET,
        component_id: world.componentId,
        lead_country: "HN",
        budget_amount_minor: 987_654_00n,
        budget_currency: "USD",
        budget_value_date: "2012-01-01",
        budget_usd_minor: 987_654_00n,
        budget_fx_rate: "1",
        budget_fx_date: "2012-01-01",
        start_date: "2012-05-05",
        status: "draft",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    sessions = {
      partner: await t.signIn({ role: "partner", organization: "IDB", kind: "international_org" }),
      focalPoint: await t.signIn({ role: "focal_point", organization: "GT", country: "GT" }),
      secretariat: await t.signIn({ role: "secretariat", organization: "SICA-DSD" }),
    };
    const idb = await t.handle.db
      .selectFrom("organizations")
      .select("id")
      .where("code", "=", "IDB")
      .executeTakeFirstOrThrow();
    draftFlowId = (
      await recordFlow({
        db: t.handle.db,
        principal: systemPrincipal("test"),
        input: {
          flow_type: "commitment",
          support_kind: "financial",
          partner_id: idb.id,
          initiative_id: draft.id,
          value: { amount: "4321.00", currency: "USD" },
          value_date: "2012-02-01",
        },
      })
    ).id;
  });
  afterAll(async () => t.close());

  const preview = (session: TestSession, buffer: Buffer) =>
    session.request<{ plan_hash: string }>({
      method: "POST",
      url: "/api/spreadsheets/preview",
      ...multipart(buffer),
    });
  const apply = (session: TestSession, buffer: Buffer, hash: string) =>
    session.request({
      method: "POST",
      url: `/api/spreadsheets/apply?plan_hash=${hash}`,
      ...multipart(buffer),
    });
  /**
   * An answer as words a reader sees: the plan hash and every uuid taken out, since random
   * hex may spell any run of digits (a hash once held "4321").
   */
  const words = (body: unknown) => {
    const { plan_hash: _hash, ...rest } = body as { plan_hash?: string };
    return JSON.stringify(rest).replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
      "UUID",
    );
  };
  /** An answer with the probed code (and so its hash) taken out. */
  const alike = (status: number, body: unknown, code: string) => {
    const { plan_hash: _hash, ...rest } = body as { plan_hash?: string };
    return { status, body: JSON.stringify(rest).replaceAll(code, "CODE") };
  };

  it("refuses anonymous uploads and focal points (spreadsheets are for partners and staff)", async () => {
    const buffer = await probes["an initiatives row with only the code"]?.("ZHN1");
    if (!buffer) throw new Error("no probe");
    const anonymous = await t.anonymous({
      method: "POST",
      url: "/api/spreadsheets/preview",
      ...multipart(buffer),
    });
    expect([401, 403]).toContain(anonymous.status);
    const focal = await preview(sessions.focalPoint, buffer);
    expect(focal.status).toBe(403);
    expect(JSON.stringify(focal.body)).not.toContain(SECRET);
  });

  it.each(Object.keys(probes))(
    "answers a partner alike for another country's draft and an unknown code: %s",
    async (probe) => {
      const build = probes[probe];
      if (!build) throw new Error(probe);
      const answers = [];
      for (const code of ["ZHN1", "ZZZ9"]) {
        const buffer = await build(code);
        const previewed = await preview(sessions.partner, buffer);
        expect(previewed.status).toBe(200);
        expect(words(previewed.body)).not.toMatch(/reservado|987654|2012-05-05/);
        const applied = await apply(sessions.partner, buffer, previewed.body.plan_hash);
        answers.push({
          preview: alike(previewed.status, previewed.body, code),
          apply: alike(applied.status, applied.body, code),
        });
      }
      expect(answers[0]).toEqual(answers[1]);
      expect(answers[0]?.apply.status).not.toBe(200);
    },
  );

  it("does not show a partner the flows of a draft it may not read, even by id", async () => {
    const answers = [];
    for (const id of [draftFlowId, UNKNOWN_FLOW]) {
      const buffer = await workbook({
        flows: [
          {
            id,
            flow_type: "commitment",
            support_kind: "financial",
            partner: "IDB",
            initiative: "",
            component: "A",
            amount: "1.00",
            currency: "USD",
            value_date: "2012-02-01",
          },
        ],
      });
      const previewed = await preview(sessions.partner, buffer);
      expect(words(previewed.body)).not.toMatch(/ZHN1|4321/);
      answers.push(alike(previewed.status, previewed.body, id));
    }
    expect(answers[0]).toEqual(answers[1]);
  });

  it("shows the secretariat the draft it may read, on preview as on download", async () => {
    const buffer = await probes["an initiatives row with only the code"]?.("ZHN1");
    if (!buffer) throw new Error("no probe");
    const previewed = await preview(sessions.secretariat, buffer);
    expect(previewed.status).toBe(200);
    expect(JSON.stringify(previewed.body)).toContain(SECRET);
    const partnerDownload = await t.app.inject({
      method: "GET",
      url: "/api/spreadsheets/portfolio.xlsx",
      headers: { cookie: sessions.partner.cookie },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(partnerDownload.rawPayload as unknown as ArrayBuffer);
    const codes: string[] = [];
    book.getWorksheet("Initiatives")?.eachRow((row) => codes.push(String(row.getCell(1).value)));
    expect(codes).toEqual(["Code", "GT1"]);
  });
});
