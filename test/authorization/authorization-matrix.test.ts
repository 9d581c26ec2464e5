import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.ts";
import { routeCases } from "./cases.ts";
import { mutatingRoutes, routesWithoutCase } from "./coverage.ts";
import { actorNames, buildWorld, type MatrixWorld, sides } from "./world.ts";

describe("authorization matrix: every mutating route × every role × own and other organization", () => {
  let t: TestApp;
  let w: MatrixWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  }, 120_000);
  afterAll(async () => t.close());

  it("has a case for every mutating route in the server's route table", () => {
    expect(routesWithoutCase(t.app)).toEqual([]);
    expect(mutatingRoutes(t.app).length).toBeGreaterThan(25);
  });

  it("allows exactly the expected cells and refuses the rest with 401/403", async () => {
    const failures: string[] = [];
    let cells = 0;
    for (const route of mutatingRoutes(t.app)) {
      const routeCase = routeCases[route];
      if (!routeCase) continue;
      for (const actor of actorNames) {
        for (const side of sides) {
          const prepared = await routeCase.prepare(w, actor, side);
          const response = await w.send<{ error?: { code: string; message: string } }>(
            actor,
            prepared.request,
            prepared.session,
          );
          const allowed = routeCase.allowed(actor, side);
          const expected = allowed
            ? "2xx"
            : actor === "anonymous"
              ? "401"
              : String(
                  typeof routeCase.deniedStatus === "function"
                    ? routeCase.deniedStatus(actor, side)
                    : (routeCase.deniedStatus ?? 403),
                );
          const ok = allowed
            ? response.status >= 200 && response.status < 300
            : String(response.status) === expected;
          if (!ok)
            failures.push(
              `${route} as ${actor} (${side}): expected ${expected}, got ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
            );
          if (!allowed && response.status === 403)
            expect(response.body.error?.message).toBeTruthy();
          cells++;
        }
      }
    }
    console.log(`authorization matrix: ${cells} cells checked`);
    expect(failures).toEqual([]);
    expect(cells).toBe(mutatingRoutes(t.app).length * actorNames.length * sides.length);
  }, 600_000);
});
