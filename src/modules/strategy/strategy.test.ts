import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";

interface Line {
  id: string;
  code: string;
  component: { code: string };
  version: number;
}
interface Component {
  id: string;
  code: string;
  name: { es: string; en: string };
  lines_of_action: Array<{ code: string }>;
  version: number;
}
interface ErrorBody {
  error: { code: string; details: Array<{ path: string }> };
}

describe("strategy API", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    for (const [code, en, es] of [
      ["A", "Combating crime", "Combate al delito"],
      ["B", "Violence prevention", "Prevención de la violencia"],
    ]) {
      await t.request({
        method: "POST",
        url: "/api/components",
        payload: { code, name: { es, en } },
      });
    }
  });
  afterAll(async () => t.close());

  it("creates lines under a component and reads the component with them, by letter", async () => {
    const line = await t.request<Line>({
      method: "POST",
      url: "/api/lines-of-action",
      payload: {
        code: "BA",
        component: "b",
        name: { es: "Violencia contra las mujeres", en: "Violence against women" },
      },
    });
    expect(line.status).toBe(201);
    expect(line.body.component.code).toBe("B");
    const component = await t.request<Component>({ method: "GET", url: "/api/components/B" });
    expect(component.body.name).toEqual({
      es: "Prevención de la violencia",
      en: "Violence prevention",
    });
    expect(component.body.lines_of_action.map((l) => l.code)).toEqual(["BA"]);
    const byId = await t.request<Line>({
      method: "GET",
      url: `/api/lines-of-action/${line.body.id}`,
    });
    expect(byId.body.code).toBe("BA");
    expect((await t.request<Line>({ method: "GET", url: "/api/lines-of-action/ba" })).body.id).toBe(
      line.body.id,
    );
  });

  it("lists components sorted and lines filtered by component", async () => {
    await t.request({
      method: "POST",
      url: "/api/lines-of-action",
      payload: {
        code: "AC",
        component: "A",
        name: { es: "Investigación criminal", en: "Criminal investigation" },
      },
    });
    const components = await t.request<{ data: Component[]; page: { total: number } }>({
      method: "GET",
      url: "/api/components?sort=-code",
    });
    expect(components.body.data.map((c) => c.code)).toEqual(["B", "A"]);
    expect(components.body.data[1]?.lines_of_action.map((l) => l.code)).toEqual(["AC"]);
    expect(components.body.page.total).toBe(2);
    const lines = await t.request<{ data: Line[] }>({
      method: "GET",
      url: "/api/lines-of-action?component=A",
    });
    expect(lines.body.data.map((l) => l.code)).toEqual(["AC"]);
    const page = await t.request<{ data: Line[]; page: { total: number } }>({
      method: "GET",
      url: "/api/lines-of-action?limit=1&offset=1",
    });
    expect(page.body.data.map((l) => l.code)).toEqual(["BA"]);
    expect(page.body.page.total).toBe(2);
  });

  it("refuses a line whose code does not start with its component's letter, and writes nothing", async () => {
    const bad = await t.request<ErrorBody>({
      method: "POST",
      url: "/api/lines-of-action",
      payload: { code: "AB", component: "B", name: { es: "x", en: "x" } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.path)).toEqual(["code"]);
    const unknown = await t.request<ErrorBody>({
      method: "POST",
      url: "/api/lines-of-action",
      payload: { code: "ZA", component: "Z", name: { es: "x", en: "x" } },
    });
    expect(unknown.body.error.details.map((d) => d.path)).toEqual(["component"]);
    const lines = await t.request<{ page: { total: number } }>({
      method: "GET",
      url: "/api/lines-of-action",
    });
    expect(lines.body.page.total).toBe(2);
  });

  it("updates with optimistic locking, refuses duplicates and unknown ids", async () => {
    const updated = await t.request<Component>({
      method: "PATCH",
      url: "/api/components/A",
      payload: { version: 1, description: { en: "Organized crime, trafficking" } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);
    const stale = await t.request<ErrorBody>({
      method: "PATCH",
      url: "/api/components/A",
      payload: { version: 1, name: { en: "Crime" } },
    });
    expect(stale.status).toBe(409);
    const line = await t.request<Line>({
      method: "PATCH",
      url: "/api/lines-of-action/BA",
      payload: { name: { en: "Violence against women and girls" } },
    });
    expect(line.body.version).toBe(2);
    const moved = await t.request<ErrorBody>({
      method: "PATCH",
      url: "/api/lines-of-action/BA",
      payload: { component: "A" },
    });
    expect(moved.status).toBe(400);
    const duplicate = await t.request<ErrorBody>({
      method: "POST",
      url: "/api/components",
      payload: { code: "A", name: { es: "x", en: "x" } },
    });
    expect(duplicate.status).toBe(409);
    expect((await t.request({ method: "GET", url: "/api/components/Q" })).status).toBe(404);
    expect(
      (
        await t.request({
          method: "GET",
          url: "/api/lines-of-action/00000000-0000-4000-8000-000000000000",
        })
      ).status,
    ).toBe(404);
  });
});
