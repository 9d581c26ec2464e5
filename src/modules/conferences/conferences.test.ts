import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";

interface Conference {
  id: string;
  code: string;
  name: { es: string; en: string };
  city: string;
  start_date: string;
  end_date: string;
  version: number;
}
interface ErrorBody {
  error: { code: string; details: Array<{ path: string }> };
}

const guatemala2011 = {
  code: "GUA-2011",
  name: {
    es: "Conferencia Internacional de Apoyo a la Estrategia de Seguridad de Centroamérica",
    en: "International Conference in Support of the Central American Security Strategy",
  },
  city: "Guatemala City",
  country: "GT",
  start_date: "2011-06-22",
  end_date: "2011-06-23",
  source: "SEGIB; Declaration of Guatemala",
};

describe("conferences API", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("records the 2011 conference and reads it by code in both languages", async () => {
    const created = await t.request<Conference>({
      method: "POST",
      url: "/api/conferences",
      payload: guatemala2011,
    });
    expect(created.status).toBe(201);
    const read = await t.request<Conference>({ method: "GET", url: "/api/conferences/gua-2011" });
    expect(read.body).toMatchObject({
      id: created.body.id,
      start_date: "2011-06-22",
      end_date: "2011-06-23",
    });
    expect(read.body.name.es).toContain("Centroamérica");
    const list = await t.request<{ data: Conference[]; page: { total: number } }>({
      method: "GET",
      url: "/api/conferences",
    });
    expect(list.body.data.map((c) => c.code)).toEqual(["GUA-2011"]);
  });

  it("refuses an end before the start, on create and against the stored dates on update", async () => {
    const bad = await t.request<ErrorBody>({
      method: "POST",
      url: "/api/conferences",
      payload: { ...guatemala2011, code: "X", end_date: "2011-06-21" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.path)).toEqual(["end_date"]);
    const patch = await t.request<ErrorBody>({
      method: "PATCH",
      url: "/api/conferences/GUA-2011",
      payload: { start_date: "2011-06-24" },
    });
    expect(patch.status).toBe(400);
    expect(patch.body.error.details.map((d) => d.path)).toEqual(["start_date"]);
    const list = await t.request<{ page: { total: number } }>({
      method: "GET",
      url: "/api/conferences",
    });
    expect(list.body.page.total).toBe(1);
  });

  it("updates with optimistic locking and answers 404 for an unknown id", async () => {
    const updated = await t.request<Conference>({
      method: "PATCH",
      url: "/api/conferences/GUA-2011",
      payload: { version: 1, city: "Ciudad de Guatemala" },
    });
    expect(updated.body).toMatchObject({ city: "Ciudad de Guatemala", version: 2 });
    const stale = await t.request<ErrorBody>({
      method: "PATCH",
      url: "/api/conferences/GUA-2011",
      payload: { version: 1, city: "Guatemala" },
    });
    expect(stale.status).toBe(409);
    expect(
      (
        await t.request({
          method: "GET",
          url: "/api/conferences/00000000-0000-4000-8000-000000000000",
        })
      ).status,
    ).toBe(404);
  });
});
