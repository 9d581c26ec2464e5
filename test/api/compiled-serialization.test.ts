import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { publicReadRoutes } from "../../src/app/public-reads.ts";
import { seedDemo } from "../../src/modules/demo/index.ts";
import type { SerializationReport } from "../../src/platform/http/compiled-serializer.ts";
import { buildApp, createTestApp, type TestApp } from "../support/app.ts";

const item = z.object({ code: z.string(), amount: z.number().int() });
const answerSchema = z.object({
  id: z.string(),
  note: z.string().nullable(),
  when: z.iso.datetime(),
  nested: item,
  maybe: item.nullable(),
  items: z.array(item),
  tags: z.record(z.string(), z.number()),
  kind: z.union([z.literal("a"), z.number()]).optional(),
});
const EXTRA = "/api/serialization-probe";

/** A public read whose handler answers more than its schema names. */
const extraRoutes: FastifyPluginAsync = async (app) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/serialization-probe",
    { schema: { response: { 200: answerSchema } } },
    async () =>
      ({
        id: "p1",
        note: null,
        when: "2011-06-22T10:00:00.000Z",
        secret: "password-hash",
        nested: { code: "A", amount: 5, secret: "nested" },
        maybe: { code: "B", amount: 6, secret: "nullable" },
        items: [{ code: "C", amount: 7, secret: "in an array" }],
        tags: { x: 1 },
      }) as unknown as z.infer<typeof answerSchema>,
  );
};

/**
 * Public reads' answers are written by compiled serializers (platform/http/compiled-serializer.ts):
 * byte for byte what the zod serializer writes on the demo data, and never a field the route's
 * schema does not name.
 */
describe("compiled serialization of public reads", () => {
  let t: TestApp;
  let zodApp: FastifyInstance;
  const report: SerializationReport = { routes: new Map() };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo({ db: t.handle.db, force: true });
    const ctx = { db: t.handle.db, backend: t.handle.backend };
    zodApp = await buildApp({ ctx, logLevel: "silent", compiledResponses: new Set() });
  }, 300_000);
  afterAll(async () => {
    await zodApp?.close();
    await t?.close();
  });

  it("drops every field outside the schema, at any depth, through the compiled path", async () => {
    const app = await buildApp({
      ctx: { db: t.handle.db, backend: t.handle.backend },
      logLevel: "silent",
      compiledResponses: new Set([EXTRA]),
      serializationReport: report,
      extraRoutes,
    });
    try {
      expect(report.routes.get(`GET ${EXTRA} 200`)).toBe("compiled");
      const response = await app.inject({ method: "GET", url: EXTRA });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain("secret");
      expect(response.json()).toEqual({
        id: "p1",
        note: null,
        when: "2011-06-22T10:00:00.000Z",
        nested: { code: "A", amount: 5 },
        maybe: { code: "B", amount: 6 },
        items: [{ code: "C", amount: 7 }],
        tags: { x: 1 },
      });
    } finally {
      await app.close();
    }
  });

  it("writes the same bytes as the zod serializer for every public read of the demo data", async () => {
    const firstId = async (list: string) => {
      const body = (await t.anonymous<Record<string, unknown>>({ url: list })).body;
      const rows = (Array.isArray(body) ? body : (body.data ?? body.items)) as
        | Array<{ id?: string; code?: string }>
        | undefined;
      return rows?.[0]?.id ?? rows?.[0]?.code;
    };
    const urls: string[] = ["/api/funding/summary?by=partner", "/api/search?q=violencia"];
    for (const route of publicReadRoutes) {
      if (!route.includes(":id")) {
        urls.push(route);
        continue;
      }
      const list = route.slice(0, route.indexOf("/:id"));
      const id = await firstId(list);
      if (id) urls.push(route.replace(":id", encodeURIComponent(id)));
    }
    // The IATI files carry the time they were written (the organisation file twice): the two
    // apps write them a moment apart.
    const stable = (body: string) =>
      body.replace(
        /(generated-datetime|<iati-organisation last-updated-datetime)="[^"]*"/g,
        '$1="(when written)"',
      );
    let compared = 0;
    for (const url of urls) {
      const compiled = await t.app.inject({ method: "GET", url });
      const zod = await zodApp.inject({ method: "GET", url });
      expect({ url, status: compiled.statusCode }).toEqual({ url, status: zod.statusCode });
      expect({ url, body: stable(compiled.body) }).toEqual({ url, body: stable(zod.body) });
      if (compiled.statusCode === 200) compared++;
    }
    // Every listed route answered at least once, with an answer to compare.
    expect(compared).toBeGreaterThanOrEqual(publicReadRoutes.size);
  }, 300_000);
});
