import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import {
  countInitiativeRows,
  type ErrorBody,
  setUpInitiativeWorld,
  usdPayload,
} from "./initiatives.fixtures.ts";
import type { Initiative } from "./initiatives.schema.ts";

/** A participating country's share of an initiative (issue 18, item 2). */
describe("country shares of an initiative", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await setUpInitiativeWorld(t);
  });
  afterAll(async () => t.close());

  const refused = async (payload: object) => {
    const before = await countInitiativeRows(t.handle.db);
    const response = await t.request<ErrorBody>({
      method: "POST",
      url: "/api/initiatives",
      payload,
    });
    expect(response.status).toBe(400);
    expect(await countInitiativeRows(t.handle.db)).toEqual(before);
    return response.body.error.details;
  };

  it("refuses a bad share naming the field, and shares adding up to more than 100", async () => {
    const countries = ["GT", "SV"];
    const range = await refused(
      usdPayload("SH0", { countries, country_shares: [{ country: "GT", percentage: "0" }] }),
    );
    expect(range).toContainEqual(
      expect.objectContaining({
        path: "country_shares.0.percentage",
        message: "must be above 0 and at most 100",
      }),
    );
    const decimals = await refused(
      usdPayload("SH0", { countries, country_shares: [{ country: "GT", percentage: "30.125" }] }),
    );
    expect(decimals[0]?.path).toBe("country_shares.0.percentage");
    const sum = await refused(
      usdPayload("SH0", {
        countries,
        country_shares: [
          { country: "GT", percentage: "60" },
          { country: "SV", percentage: "40.01" },
        ],
      }),
    );
    expect(sum).toContainEqual(
      expect.objectContaining({
        path: "country_shares",
        message: "shares add up to 100.01, more than 100",
      }),
    );
    const stranger = await refused(
      usdPayload("SH0", { countries, country_shares: [{ country: "CR", percentage: "10" }] }),
    );
    expect(stranger).toContainEqual(
      expect.objectContaining({
        path: "country_shares",
        message: "CR is not a participating country",
      }),
    );
  });

  it("keeps shares through a round trip, and shows them to the public once published", async () => {
    const created = await t.request<Initiative>({
      method: "POST",
      url: "/api/initiatives",
      payload: usdPayload("SH1", {
        countries: ["GT", "SV"],
        country_shares: [
          { country: "GT", percentage: "30" },
          { country: "HN", percentage: "45.5" },
        ],
      }),
    });
    expect(created.status).toBe(201);
    expect(created.body.country_shares).toEqual([
      { country: "GT", percentage: "30.00" },
      { country: "HN", percentage: "45.50" },
    ]);

    // Changing only the countries keeps the shares of the countries that stay.
    const moved = await t.request<Initiative>({
      method: "PATCH",
      url: `/api/initiatives/${created.body.id}`,
      payload: { countries: ["SV"] },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.countries).toEqual(["HN", "SV"]);
    expect(moved.body.country_shares).toEqual([{ country: "HN", percentage: "45.50" }]);

    const replaced = await t.request<Initiative>({
      method: "PATCH",
      url: `/api/initiatives/${created.body.id}`,
      payload: { country_shares: [{ country: "SV", percentage: "12.25" }] },
    });
    expect(replaced.body.country_shares).toEqual([{ country: "SV", percentage: "12.25" }]);

    const hidden = await t.anonymous({ method: "GET", url: "/api/initiatives/SH1" });
    expect(hidden.status).toBe(404);
    const hn = await t.signIn({ role: "focal_point", organization: "HN" });
    const submitted = await hn.request({
      method: "POST",
      url: "/api/initiatives/SH1/transitions",
      payload: { to: "submitted" },
    });
    expect(submitted.status).toBe(201);
    const secretariat = await t.signIn({
      role: "secretariat",
      organization: "SICA-DSD",
      kind: "sica_body",
    });
    const published = await secretariat.request({
      method: "POST",
      url: "/api/initiatives/SH1/publication",
      payload: { published: true },
    });
    expect(published.status).toBe(200);
    const read = await t.anonymous<Initiative>({ method: "GET", url: "/api/initiatives/SH1" });
    expect(read.body.country_shares).toEqual([{ country: "SV", percentage: "12.25" }]);
    const listed = await t.anonymous<{ data: Initiative[] }>({
      method: "GET",
      url: "/api/initiatives?country=SV",
    });
    expect(listed.body.data.find((i) => i.code === "SH1")?.country_shares).toEqual([
      { country: "SV", percentage: "12.25" },
    ]);

    // The change is audited with the rest of the initiative's rows.
    const audited = await t.handle.db
      .selectFrom("audit_log")
      .select("after")
      .where("entity_type", "=", "initiative_countries")
      .execute();
    expect(JSON.stringify(audited.map((row) => row.after))).toMatch(/"share_percentage":"?12\.25/);
  });
});
