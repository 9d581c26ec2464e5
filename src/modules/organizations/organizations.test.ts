import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";

describe("organizations API", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const idb = {
    code: "IDB",
    kind: "international_org",
    name: { es: "Banco Interamericano de Desarrollo", en: "Inter-American Development Bank" },
    iati_org_id: "XM-DAC-46012",
    group_of_friends: true,
  };

  it("creates, reads by code and lists with filters", async () => {
    const created = await t.request<{ id: string; version: number }>({
      method: "POST",
      url: "/api/organizations",
      payload: idb,
    });
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(1);
    const read = await t.request<{ id: string }>({ method: "GET", url: "/api/organizations/IDB" });
    expect(read.body.id).toBe(created.body.id);
    await t.request({
      method: "POST",
      url: "/api/organizations",
      payload: {
        code: "GT",
        kind: "member_state",
        name: { es: "Guatemala", en: "Guatemala" },
        country: "GT",
      },
    });
    const list = await t.request<{ data: Array<{ code: string }>; page: { total: number } }>({
      method: "GET",
      url: "/api/organizations?kind=member_state",
    });
    expect(list.body.data.map((o) => o.code)).toEqual(["GT"]);
    expect(list.body.page.total).toBe(1);
    const sorted = await t.request<{ data: Array<{ code: string }> }>({
      method: "GET",
      url: "/api/organizations?sort=-code",
    });
    expect(sorted.body.data.map((o) => o.code)).toEqual(["IDB", "GT", "ESCA-OPS"]);
  });

  it("names the field of a malformed request and writes nothing", async () => {
    const before = await t.request<{ page: { total: number } }>({
      method: "GET",
      url: "/api/organizations",
    });
    const bad = await t.request<{ error: { code: string; details: Array<{ path: string }> } }>({
      method: "POST",
      url: "/api/organizations",
      payload: {
        code: "WB",
        kind: "member_state",
        name: { es: "Banco Mundial", en: "World Bank" },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
    expect(bad.body.error.details.map((d) => d.path)).toContain("country");
    const after = await t.request<{ page: { total: number } }>({
      method: "GET",
      url: "/api/organizations",
    });
    expect(after.body.page.total).toBe(before.body.page.total);
  });

  it("answers 404 for an unknown id and 409 for a stale version", async () => {
    expect(
      (
        await t.request({
          method: "GET",
          url: "/api/organizations/00000000-0000-4000-8000-000000000000",
        })
      ).status,
    ).toBe(404);
    const first = await t.request<{ version: number }>({
      method: "PATCH",
      url: "/api/organizations/IDB",
      payload: { version: 1, acronym: "BID" },
    });
    expect(first.body.version).toBe(2);
    const stale = await t.request<{ error: { code: string } }>({
      method: "PATCH",
      url: "/api/organizations/IDB",
      payload: { version: 1, acronym: "IDB" },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict");
  });
});
