import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import type { InjectOptions } from "fastify";
import type { RouteCase } from "./cases.ts";
import type { ActorName, MatrixWorld, Side } from "./world.ts";

/**
 * The IATI and spreadsheet routes: a partner imports only its own organization's
 * publication; the mapping of activities to initiatives is the secretariat's; partners and
 * staff may preview and apply workbooks (each row is then checked by its use case's policy).
 */
const isStaff = (actor: ActorName) => actor === "secretariat" || actor === "admin";
const ownPartner = (actor: ActorName, side: Side) =>
  isStaff(actor) || (actor === "partner" && side === "own");
const editors = (actor: ActorName) => isStaff(actor) || actor === "partner";

function multipart(
  content: string | Buffer,
  name: string,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = "----esca-matrix-boundary";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([
      Buffer.from(head),
      Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

const iatiFile = (ref: string, n: number) => `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2026-01-01T00:00:00Z">
 <iati-activity xml:lang="en" default-currency="USD">
  <iati-identifier>${ref}-${n}</iati-identifier>
  <reporting-org ref="${ref}" type="40"><narrative>Matrix partner</narrative></reporting-org>
  <title><narrative>Matrix activity</narrative></title>
 </iati-activity>
</iati-activities>
`;

async function emptyWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook
    .addWorksheet("flows")
    .addRow([
      "id",
      "flow_type",
      "support_kind",
      "finance_type",
      "partner",
      "initiative",
      "component",
      "amount",
      "currency",
      "value_date",
      "description",
      "source",
      "note",
    ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
/** The plan hash of a workbook that changes nothing (see preview-workbook.ts). */
const emptyPlanHash = createHash("sha256").update("[]").digest("hex");

const post = (
  url: string,
  upload: { payload: Buffer; headers: Record<string, string> },
): InjectOptions => ({
  method: "POST",
  url,
  ...upload,
});

export const iatiRouteCases: Record<string, RouteCase> = {
  "POST /api/iati/imports": {
    allowed: ownPartner,
    async prepare(w: MatrixWorld, _a, side) {
      const ref = `XM-MATRIX-${w.partner[side].code}`;
      await w.t.handle.db
        .updateTable("organizations")
        .set({ iati_org_id: ref })
        .where("id", "=", w.partner[side].id)
        .execute();
      return {
        request: post(
          "/api/iati/imports?wait=true",
          multipart(iatiFile(ref, w.next()), "matrix.xml"),
        ),
      };
    },
  },
  "PUT /api/iati/links/:identifier": {
    allowed: isStaff,
    async prepare(w: MatrixWorld, _a, side) {
      const created = await w.t.request<{ code: string }>({
        method: "POST",
        url: "/api/initiatives",
        payload: {
          code: `MX${w.next()}`,
          title: { en: "Matrix" },
          component: "A",
          lead_country: w.country[side],
          budget: { amount: "1.00", currency: "USD" },
        },
      });
      return {
        request: {
          method: "PUT",
          url: `/api/iati/links/XM-MATRIX-${w.next()}`,
          payload: { initiative: created.body.code },
        },
      };
    },
  },
  "DELETE /api/iati/links/:identifier": {
    allowed: isStaff,
    prepare: async (w: MatrixWorld) => ({
      request: { method: "DELETE", url: `/api/iati/links/XM-MATRIX-${w.next()}` },
    }),
  },
  "POST /api/spreadsheets/preview": {
    allowed: editors,
    prepare: async () => ({
      request: post(
        "/api/spreadsheets/preview",
        multipart(await emptyWorkbook(), "portfolio.xlsx"),
      ),
    }),
  },
  "POST /api/spreadsheets/apply": {
    allowed: editors,
    prepare: async () => ({
      request: post(
        `/api/spreadsheets/apply?plan_hash=${emptyPlanHash}`,
        multipart(await emptyWorkbook(), "portfolio.xlsx"),
      ),
    }),
  },
};
