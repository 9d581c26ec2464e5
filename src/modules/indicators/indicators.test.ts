import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";

interface Observation {
  id: string;
  indicator: { code: string };
  country: string;
  year: number;
  value: string;
  source: string;
  version: number;
}
interface ErrorBody {
  error: { code: string; details: Array<{ path: string }> };
}
type List<T> = { data: T[]; page: { total: number } };

const unodc2011 = "UNODC, 2011 Global Study on Homicide";
const owid = "UNODC (2025 release), as published by Our World in Data";

describe("indicators API", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const record = (payload: object) =>
    t.request<Observation>({
      method: "POST",
      url: "/api/indicators/homicide_rate/observations",
      payload,
    });

  it("defines an indicator and reads it by code", async () => {
    const created = await t.request<{ id: string; code: string; unit: string }>({
      method: "POST",
      url: "/api/indicators",
      payload: {
        code: "homicide_rate",
        name: { es: "Tasa de homicidios", en: "Homicide rate" },
        unit: "per 100,000 inhabitants",
      },
    });
    expect(created.status).toBe(201);
    const read = await t.request<{ id: string }>({
      method: "GET",
      url: "/api/indicators/homicide_rate",
    });
    expect(read.body.id).toBe(created.body.id);
    const list = await t.request<List<{ code: string }>>({
      method: "GET",
      url: "/api/indicators?q=homicid",
    });
    expect(list.body.data.map((i) => i.code)).toEqual(["homicide_rate"]);
  });

  it("records observations, keeping published decimals, and corrects one of the same source", async () => {
    const first = await record({ country: "HN", year: 2010, value: "82.1", source: unodc2011 });
    expect(first.status).toBe(201);
    expect(first.body.value).toBe("82.1");
    await record({ country: "GT", year: 2010, value: "41.4", source: unodc2011 });
    const precise = await record({ country: "DO", year: 2023, value: "10.9166975", source: owid });
    expect(precise.body.value).toBe("10.9166975");
    const again = await record({ country: "HN", year: 2010, value: "82.1", source: unodc2011 });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(1);
    const revised = await record({
      country: "HN",
      year: 2010,
      value: "81.8",
      source: unodc2011,
      notes: "Corrected figure",
    });
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({
      id: first.body.id,
      value: "81.8",
      notes: "Corrected figure",
      sex: "total",
      version: 2,
    });
  });

  it("keeps another source's value for the same country and year as a series of its own", async () => {
    const newer = await record({ country: "HN", year: 2010, value: "74.5", source: owid });
    expect(newer.status).toBe(201);
    const bySex = await record({
      country: "HN",
      year: 2010,
      value: "9.1",
      source: owid,
      sex: "female",
    });
    expect(bySex.status).toBe(201);
    const honduras = await t.request<List<Observation & { sex: string }>>({
      method: "GET",
      url: "/api/indicators/homicide_rate/observations?country=HN",
    });
    expect(honduras.body.data.map((o) => [o.source, o.sex, o.value])).toEqual([
      [owid, "female", "9.1"],
      [owid, "total", "74.5"],
      [unodc2011, "total", "81.8"],
    ]);
    const oneSeries = await t.request<List<Observation>>({
      method: "GET",
      url: `/api/indicators/homicide_rate/observations?country=HN&sex=total&source=${encodeURIComponent(unodc2011)}`,
    });
    expect(oneSeries.body.data.map((o) => o.value)).toEqual(["81.8"]);
    // Removed again so the tests below see one value per country.
    await t.handle.db
      .deleteFrom("indicator_observations")
      .where("id", "in", [newer.body.id, bySex.body.id])
      .execute();
  });

  it("lists observations filtered by country and year range, sorted", async () => {
    const byValue = await t.request<List<Observation>>({
      method: "GET",
      url: "/api/indicators/homicide_rate/observations?sort=-value",
    });
    expect(byValue.body.data.map((o) => o.country)).toEqual(["HN", "GT", "DO"]);
    const filtered = await t.request<List<Observation>>({
      method: "GET",
      url: "/api/indicators/homicide_rate/observations?country=GT,DO&from_year=2011",
    });
    expect(filtered.body.data.map((o) => `${o.country}${o.year}`)).toEqual(["DO2023"]);
    expect(filtered.body.page.total).toBe(1);
    const reversed = await t.request<ErrorBody>({
      method: "GET",
      url: "/api/indicators/homicide_rate/observations?from_year=2020&to_year=2010",
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details.map((d) => d.path)).toContain("query.to_year");
  });

  it("corrects an observation with optimistic locking", async () => {
    const list = await t.request<List<Observation>>({
      method: "GET",
      url: "/api/indicators/homicide_rate/observations?country=GT",
    });
    const gt = list.body.data[0];
    if (!gt) throw new Error("GT 2010 was not recorded");
    const fixed = await t.request<Observation>({
      method: "PATCH",
      url: `/api/observations/${gt.id}`,
      payload: { version: 1, value: "41.5" },
    });
    expect(fixed.body).toMatchObject({ value: "41.5", version: 2 });
    const stale = await t.request<ErrorBody>({
      method: "PATCH",
      url: `/api/observations/${gt.id}`,
      payload: { version: 1, value: "41.6" },
    });
    expect(stale.status).toBe(409);
  });

  it("refuses malformed values and unknown ids without writing", async () => {
    const number = await t.request<ErrorBody>({
      method: "POST",
      url: "/api/indicators/homicide_rate/observations",
      payload: { country: "PA", year: 2010, value: 21.6, source: unodc2011 },
    });
    expect(number.status).toBe(400);
    expect(number.body.error.details.map((d) => d.path)).toEqual(["value"]);
    expect(
      (await record({ country: "PA", year: 1800, value: "21.6", source: unodc2011 })).status,
    ).toBe(400);
    const missing = await t.request({
      method: "POST",
      url: "/api/indicators/nope/observations",
      payload: { country: "PA", year: 2010, value: "21.6", source: unodc2011 },
    });
    expect(missing.status).toBe(404);
    expect(
      (
        await t.request({
          method: "PATCH",
          url: "/api/observations/not-an-id",
          payload: { value: "1" },
        })
      ).status,
    ).toBe(404);
    const all = await t.request<List<Observation>>({
      method: "GET",
      url: "/api/indicators/homicide_rate/observations",
    });
    expect(all.body.page.total).toBe(3);
  });

  it("updates an indicator and refuses a duplicate code", async () => {
    const updated = await t.request<{ unit: string; version: number }>({
      method: "PATCH",
      url: "/api/indicators/homicide_rate",
      payload: { unit: "homicides per 100,000 inhabitants" },
    });
    expect(updated.body).toMatchObject({ unit: "homicides per 100,000 inhabitants", version: 2 });
    const duplicate = await t.request<ErrorBody>({
      method: "POST",
      url: "/api/indicators",
      payload: { code: "homicide_rate", name: { es: "x", en: "x" }, unit: "x" },
    });
    expect(duplicate.status).toBe(409);
    expect((await t.request({ method: "GET", url: "/api/indicators/unknown_one" })).status).toBe(
      404,
    );
  });
});
