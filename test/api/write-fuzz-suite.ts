import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.ts";
import type { Pools } from "../support/zod-arbitrary.ts";
import {
  buildFuzzWorld,
  type FuzzWorld,
  fuzzRoute,
  fuzzSeed,
  poolsOf,
  type RouteUnderFuzz,
  routesUnderFuzz,
} from "./write-fuzz.ts";

/** Requests per route: ~25 write routes per part, each part well under a minute on a quiet machine. */
const RUNS_PER_ROUTE = Number(process.env.FC_RUNS ?? 15);

/**
 * One part of the write routes (every `parts`-th of them, so the parts run side by side),
 * fuzzed by random callers with requests derived from each route's zod schemas.
 */
export function describeWriteFuzz(part: number, parts: number) {
  describe(`fuzzing write routes by random roles and organizations (part ${part + 1} of ${parts})`, () => {
    let t: TestApp;
    let fw: FuzzWorld;
    let routes: RouteUnderFuzz[];
    let pools: Pools;
    beforeAll(async () => {
      console.log(
        `write fuzz part ${part + 1}: seed ${fuzzSeed} (replay with FC_SEED=${fuzzSeed})`,
      );
      t = await createTestApp();
      fw = await buildFuzzWorld(t);
      routes = await routesUnderFuzz(t, fw, part, parts);
      pools = poolsOf(routes);
    }, 300_000);
    afterAll(async () => t?.close());

    it("never answers 500, refuses in the one error shape, and a refusal writes nothing", async () => {
      expect(routes.length).toBeGreaterThan(10);
      const failures: string[] = [];
      const answers: Record<string, number> = {};
      const accepted = new Set<string>();
      for (const [i, route] of routes.entries()) {
        const outcome = await fuzzRoute(route, fw, pools, {
          numRuns: RUNS_PER_ROUTE,
          seed: fuzzSeed + i,
        });
        failures.push(...outcome.failures);
        for (const [answer, count] of Object.entries(outcome.answers))
          answers[answer] = (answers[answer] ?? 0) + count;
        if (outcome.answers["2xx"]) accepted.add(route.route);
      }
      console.log(
        `write fuzz part ${part + 1}: ${routes.length} routes, answers ${JSON.stringify(answers)}, ` +
          `${accepted.size} routes accepted at least one request`,
      );
      if (failures.length) console.log(`seed ${fuzzSeed}:\n${failures.join("\n")}`);
      expect(failures).toEqual([]);
      // The requests are not all refused at the door: valid ones get through and write.
      expect(answers["2xx"] ?? 0).toBeGreaterThan(0);
      expect(answers["4xx"] ?? 0).toBeGreaterThan(0);
    }, 600_000);
  });
}
