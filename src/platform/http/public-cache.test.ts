import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { type DataVersion, versionNotOlder } from "../db/data-version.ts";
import { anonymous } from "../principal.ts";
import { installPublicCache } from "./public-cache.ts";

describe("versionNotOlder", () => {
  it("orders versions of one kind by their count, and no others", () => {
    expect(versionNotOlder("c12", "c12")).toBe(true);
    expect(versionNotOlder("c13", "c12")).toBe(true);
    expect(versionNotOlder("c100", "c99")).toBe(true);
    expect(versionNotOlder("c99", "c100")).toBe(false);
    expect(versionNotOlder("a5", "c4")).toBe(false);
    expect(versionNotOlder("a18446744073709551616", "a18446744073709551615")).toBe(true);
    expect(versionNotOlder("x", "c1")).toBe(false);
  });
});

/**
 * A cached public route under a stream of writes: the version moves while answers are being
 * made. The route below takes a few milliseconds and says which version it saw when it began.
 */
describe("the public cache while writes keep committing", () => {
  let app: FastifyInstance;
  afterEach(async () => app.close());

  async function appWith(version: DataVersion) {
    app = Fastify();
    app.decorateRequest("principal", {
      getter: () => anonymous,
    });
    installPublicCache(app, { version, routes: new Set(["/api/total"]) });
    let running = 0;
    const seen = { computed: 0, mostAtOnce: 0 };
    app.get("/api/total", async () => {
      running++;
      seen.computed++;
      seen.mostAtOnce = Math.max(seen.mostAtOnce, running);
      const made = commits;
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return { made };
    });
    await app.ready();
    return seen;
  }
  let commits = 0;
  const counted: DataVersion = { read: async () => `c${commits}` };

  it("makes each answer once at a time, none older than its request, and fewer than asked", async () => {
    commits = 0;
    const seen = await appWith(counted);
    const answers = await Promise.all(
      Array.from({ length: 40 }, async (_, n) => {
        // A write commits before every other request.
        if (n % 2 === 0) commits++;
        const arrived = commits;
        const response = await app.inject({ method: "GET", url: "/api/total" });
        return { arrived, status: response.statusCode, made: response.json().made as number };
      }),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.made).toBeGreaterThanOrEqual(answer.arrived);
    }
    expect(seen.mostAtOnce).toBe(1);
    expect(seen.computed).toBeLessThan(40);
  });

  it("serves a request an answer made at its version or later, and no older one", async () => {
    commits = 7;
    let reading = () => `c${commits}`;
    const seen = await appWith({ read: async () => reading() });
    const first = await app.inject({ method: "GET", url: "/api/total" });
    expect(first.json()).toEqual({ made: 7 });
    // A request whose version was read before the last write: the answer holds that write too.
    reading = () => "c6";
    const earlier = await app.inject({ method: "GET", url: "/api/total" });
    expect(earlier.json()).toEqual({ made: 7 });
    expect(seen.computed).toBe(1);
    // After a write, the answer is made again.
    commits = 8;
    reading = () => `c${commits}`;
    const later = await app.inject({ method: "GET", url: "/api/total" });
    expect(later.json()).toEqual({ made: 8 });
    expect(seen.computed).toBe(2);
  });
});
