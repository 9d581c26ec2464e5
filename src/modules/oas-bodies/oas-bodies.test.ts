import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import type { OasBody, OasBodyEntry } from "./oas-bodies.schema.ts";

interface ErrorBody {
  error: { code: string; details: Array<{ path: string; rule?: { code: string } }> };
}

const cicad = {
  code: "CICAD",
  name: {
    es: "Comisión Interamericana para el Control del Abuso de Drogas",
    en: "Inter-American Drug Abuse Control Commission",
  },
  acronym: "CICAD",
  body_kind: "entity",
  mandate: { es: "Foro sobre el problema de las drogas", en: "Forum on the drug problem" },
  contact_role: { es: "Secretario Ejecutivo, CICAD", en: "Executive Secretary, CICAD" },
  components: ["A"],
  lines_of_action: ["AB"],
};

describe("directory of OAS organs, agencies and entities", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.request({
      method: "POST",
      url: "/api/components",
      payload: { code: "A", name: { es: "Combate al delito", en: "Combating crime" } },
    });
    await t.request({
      method: "POST",
      url: "/api/lines-of-action",
      payload: {
        code: "AB",
        component: "A",
        name: { es: "Narcotráfico", en: "Drug trafficking" },
      },
    });
  });
  afterAll(async () => t.close());

  it("adds a body with what it can support, and shows it with no support given yet", async () => {
    const created = await t.request<OasBody>({
      method: "POST",
      url: "/api/oas-bodies",
      payload: cicad,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.components.map((c) => c.code)).toEqual(["A"]);
    const read = await t.anonymous<OasBodyEntry>({ method: "GET", url: "/api/oas-bodies/cicad" });
    expect(read.body).toMatchObject({
      code: "CICAD",
      contact_role: { en: "Executive Secretary, CICAD" },
      support: { requests_completed: 0, technical_flows: 0, committed: { amount: "0.00" } },
    });
    const organization = await t.anonymous<{ kind: string }>({
      method: "GET",
      url: "/api/organizations/CICAD",
    });
    expect(organization.body.kind).toBe("oas_body");
  });

  it("refuses an e-mail as contact and an unknown line of action, naming the field, and writes nothing", async () => {
    const email = await t.request<ErrorBody>({
      method: "POST",
      url: "/api/oas-bodies",
      payload: {
        ...cicad,
        code: "CIM",
        contact_role: { es: "x", en: "someone@oas.org" },
      },
    });
    expect(email.status).toBe(400);
    expect(email.body.error.details.map((d) => d.path)).toEqual(["contact_role.en"]);
    const line = await t.request<ErrorBody>({
      method: "POST",
      url: "/api/oas-bodies",
      payload: { ...cicad, code: "CIM", lines_of_action: ["AB", "ZZ"] },
    });
    expect(line.status).toBe(400);
    expect(line.body.error.details).toMatchObject([
      { path: "lines_of_action.1", rule: { code: "unknown_code" } },
    ]);
    expect((await t.anonymous({ method: "GET", url: "/api/organizations/CIM" })).status).toBe(404);
    const list = await t.anonymous<{ data: unknown[] }>({ method: "GET", url: "/api/oas-bodies" });
    expect(list.body.data).toHaveLength(1);
  });

  it("edits an entry with optimistic locking, and audits the change", async () => {
    const edited = await t.request<OasBody>({
      method: "PATCH",
      url: "/api/oas-bodies/CICAD",
      payload: { version: 1, contact_role: { en: "Executive Secretary" }, lines_of_action: [] },
    });
    expect(edited.body).toMatchObject({
      version: 2,
      contact_role: { en: "Executive Secretary", es: "Secretario Ejecutivo, CICAD" },
      lines_of_action: [],
    });
    const stale = await t.request({
      method: "PATCH",
      url: "/api/oas-bodies/CICAD",
      payload: { version: 1, mandate: { en: "Other" } },
    });
    expect(stale.status).toBe(409);
    const audited = await t.handle.db
      .selectFrom("audit_log")
      .select(["entity_type", "action"])
      .where("entity_type", "in", ["oas_bodies", "oas_body_lines"])
      .execute();
    expect(audited).toEqual(
      expect.arrayContaining([
        { entity_type: "oas_bodies", action: "update" },
        { entity_type: "oas_body_lines", action: "delete" },
      ]),
    );
  });

  it("renames a body and changes its kind in one edit; a bad kind changes nothing", async () => {
    const refused = await t.request<ErrorBody>({
      method: "PATCH",
      url: "/api/oas-bodies/CICAD",
      payload: { name: { es: "Otro nombre" }, body_kind: "agency" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((d) => d.path)).toEqual(["body_kind"]);
    const renamed = await t.request<OasBody>({
      method: "PATCH",
      url: "/api/oas-bodies/CICAD",
      payload: {
        name: { es: "Comisión Interamericana (CICAD)" },
        body_kind: "specialized_organization",
      },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({
      body_kind: "specialized_organization",
      name: {
        es: "Comisión Interamericana (CICAD)",
        en: "Inter-American Drug Abuse Control Commission",
      },
    });
    // A stale version refuses the whole edit, the name included.
    const stale = await t.request({
      method: "PATCH",
      url: "/api/oas-bodies/CICAD",
      payload: { version: 1, name: { en: "Renamed" } },
    });
    expect(stale.status).toBe(409);
    const organization = await t.anonymous<{ name: { en: string } }>({
      method: "GET",
      url: "/api/organizations/CICAD",
    });
    expect(organization.body.name.en).toBe("Inter-American Drug Abuse Control Commission");
  });
});
