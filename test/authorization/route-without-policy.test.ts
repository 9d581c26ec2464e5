import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app.ts";
import { routesWithoutCase } from "./coverage.ts";

describe("a route added without a policy", () => {
  it("fails the matrix's coverage check and is refused to everyone, even an admin", async () => {
    const t = await createTestApp({
      extraRoutes: async (app) => {
        app.post("/dummy", async () => ({ done: true }));
      },
    });
    try {
      expect(routesWithoutCase(t.app)).toContain("POST /api/dummy");
      const asAdmin = await t.request<{ error: { code: string; message: string } }>({
        method: "POST",
        url: "/api/dummy",
        payload: {},
      });
      expect(asAdmin.status).toBe(403);
      expect(asAdmin.body.error).toMatchObject({
        code: "forbidden",
        message: "This action is not open to anyone.",
      });
    } finally {
      await t.close();
    }
  });
});
