import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertInitiative } from "../../src/modules/funding/funding.fixtures.ts";
import {
  createTestApp,
  type TestApp,
  type TestResponse,
  type TestSession,
} from "../support/app.ts";

/**
 * Every route of the API, read from its own OpenAPI description (so a new route is fuzzed
 * without being listed here), called by an administrator (allowed everything) with hostile
 * values in every body field and every query and path parameter: NUL characters, dates out of
 * range or impossible, amounts huge, negative, over-precise or in exponent notation, numbers
 * past every integer type. None may answer 500; every refusal is the one error shape.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  example?: unknown;
  examples?: unknown[];
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
interface Parameter {
  in: "query" | "path" | "header";
  name: string;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const NUL_TEXT = ["\u0000", "a\u0000b", "\u0000\u0000x"];
const EXTREME_DATES = [
  "0000-01-01",
  "0001-01-01",
  "9999-12-31",
  "1899-12-31",
  "2101-01-01",
  "2011-02-30",
  "2011-13-01",
  "20110622",
  "not a date",
];
const EXTREME_AMOUNTS = [
  "999999999999999.99",
  "999999999999999.9999",
  "100000000000.01",
  "99999999999999999999999",
  "-1",
  "-0.01",
  "0",
  "1.123456789012",
  "0.000000000001",
  "1e5",
  "1E+20",
  "Infinity",
  "NaN",
];
const EXTREME_NUMBERS = [-1, 0, 1.5, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, -1e308];
const EXTREME_DATETIMES = ["0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2011-02-30T00:00:00Z"];

/** The values every single field is sent once each, by its kind, the rest being plausible. */
const SWEEP: Record<string, readonly unknown[]> = {
  string: ["a\u0000b"],
  date: ["0000-01-01", "9999-12-31", "a\u0000b"],
  datetime: ["0000-01-01T00:00:00Z", "a\u0000b"],
  amount: ["999999999999999.99", "1e5", "a\u0000b"],
  number: [2 ** 53, -(2 ** 31) - 1],
  boolean: ["\u0000"],
};

/** Requests per route: enough to reach each field with each kind of hostile value now and then. */
const RUNS_PER_ROUTE = 10;

/** Routes that stream events until the client leaves, which a fuzzer cannot wait out. */
const STREAMS = /\/events$/;
/** Routes that end or change the caller's own session: each call gets a fresh one. */
const SESSION_ROUTES = /^\/api\/auth\//;

describe("fuzzing every route with hostile input", () => {
  let t: TestApp;
  let doc: OpenApi;
  let admin: TestSession;
  const ids: string[] = [];
  const codes: string[] = ["GT", "IDB", "A", "FZ1", "homicide_rate"];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signIn({ role: "admin", organization: "ESCA-OPS" });
    const post = async (url: string, payload: object) => {
      const response = await admin.request<{ id: string }>({ method: "POST", url, payload });
      if (response.status >= 300) throw new Error(`${url}: ${JSON.stringify(response.body)}`);
      ids.push(response.body.id);
      return response.body.id;
    };
    await post("/api/organizations", {
      code: "GT",
      kind: "member_state",
      country: "GT",
      name: { es: "Guatemala", en: "Guatemala" },
    });
    const idb = await post("/api/organizations", {
      code: "IDB",
      kind: "international_org",
      name: { es: "BID", en: "IDB" },
    });
    const component = await post("/api/components", {
      code: "A",
      name: { es: "Combate al delito", en: "Combating crime" },
    });
    await post("/api/indicators", {
      code: "homicide_rate",
      name: { es: "Homicidios", en: "Homicides" },
      unit: "per 100,000",
    });
    const initiative = await insertInitiative(t.handle.db, {
      code: "FZ1",
      componentId: component,
      leadCountry: "GT",
      budgetUsdMinor: 100_000_000n,
    });
    ids.push(initiative);
    await post("/api/flows", {
      flow_type: "commitment",
      support_kind: "financial",
      partner_id: idb,
      initiative_id: initiative,
      value: { amount: "1000.00", currency: "USD" },
      value_date: "2011-06-22",
    });
    const other = await t.signIn({ role: "partner", organization: "IDB" });
    ids.push(other.userId);
    doc = (await admin.request<OpenApi>({ method: "GET", url: "/api/openapi.json" })).body;
  });
  afterAll(async () => t.close());

  const resolve = (schema: Schema | undefined): Schema => {
    let current = schema ?? {};
    for (let i = 0; current.$ref && i < 10; i++) {
      current = doc.components?.schemas?.[current.$ref.replace("#/components/schemas/", "")] ?? {};
    }
    const branches = current.anyOf ?? current.oneOf ?? current.allOf;
    if (branches) {
      const first = branches.map(resolve).find((b) => b.type !== "null");
      return first ?? {};
    }
    return current;
  };

  const kindOf = (schema: Schema, name: string) => {
    const pattern = schema.pattern ?? "";
    if (schema.format === "date" || /date$|^from$|^to$/.test(name)) return "date";
    if (schema.format === "date-time") return "datetime";
    if (name === "amount" || pattern.includes("\\d{1,15}") || name === "threshold") return "amount";
    if (name === "usd_per_unit" || pattern.includes("\\d{1,12}")) return "amount";
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    if (type === "integer" || type === "number") return "number";
    if (type === "object" || schema.properties) return "object";
    if (type === "array") return "array";
    if (type === "boolean") return "boolean";
    return "string";
  };

  /** A value the schema accepts, as far as the description says, to let the others through. */
  const plausible = (schema: Schema, name: string): fc.Arbitrary<unknown> => {
    const example = schema.example ?? schema.examples?.[0];
    if (schema.enum?.length) return fc.constantFrom(...schema.enum);
    switch (kindOf(schema, name)) {
      case "date":
        return fc.constantFrom("2011-06-22", "2012-01-01");
      case "datetime":
        return fc.constant("2011-06-22T15:00:00Z");
      case "amount":
        return fc.constantFrom("1000.00", "1.4385", "25");
      case "number": {
        const min = Math.ceil(schema.minimum ?? 0);
        return fc.integer({
          min,
          max: Math.min(Math.floor(schema.maximum ?? min + 100), min + 100),
        });
      }
      case "boolean":
        return fc.boolean();
      case "object":
        return objectOf(schema);
      case "array":
        return fc.array(fieldValue(resolve(schema.items), name), { maxLength: 2 });
      default:
        if (schema.format === "uuid") return fc.constantFrom(...ids, crypto.randomUUID());
        if (schema.format === "email") return fc.constant("fuzz@test.esca-hub.org");
        if (schema.pattern === "^[A-Z]{3}$" || name === "currency")
          return fc.constantFrom("USD", "EUR");
        if (schema.pattern === "^[A-Z]{2}$" || name === "country") return fc.constant("GT");
        if (typeof example === "string") return fc.constant(example);
        return fc.constantFrom("Texto de prueba", "A", ...codes);
    }
  };

  /** A hostile value of the field's kind (and, now and then, of any kind). */
  const hostile = (schema: Schema, name: string): fc.Arbitrary<unknown> => {
    const kind = kindOf(schema, name);
    const of = {
      date: EXTREME_DATES,
      datetime: EXTREME_DATETIMES,
      amount: EXTREME_AMOUNTS,
      number: EXTREME_NUMBERS,
    } as Record<string, readonly unknown[]>;
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...(of[kind] ?? NUL_TEXT)) },
      { weight: 2, arbitrary: fc.constantFrom(...NUL_TEXT) },
      { weight: 1, arbitrary: fc.constantFrom(...EXTREME_DATES, ...EXTREME_AMOUNTS, null) },
    );
  };

  const fieldValue = (schema: Schema, name: string): fc.Arbitrary<unknown> =>
    kindOf(schema, name) === "object"
      ? objectOf(schema)
      : fc.oneof({ weight: 2, arbitrary: plausible(schema, name) }, hostile(schema, name));

  const objectOf = (schema: Schema): fc.Arbitrary<Record<string, unknown>> => {
    const properties = Object.entries(schema.properties ?? {});
    return fc.record(
      Object.fromEntries(properties.map(([key, value]) => [key, fieldValue(resolve(value), key)])),
      { requiredKeys: [] },
    );
  };

  const asParameter = (value: unknown) => encodeURIComponent(String(value ?? ""));

  /** Every operation of the description, with the arbitrary of its requests. */
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(() => !STREAMS.test(path))
        .map(([method, operation]) => {
          const parameters = operation.parameters ?? [];
          const inPath = parameters.filter((p) => p.in === "path");
          const inQuery = parameters.filter((p) => p.in === "query");
          const content = operation.requestBody?.content ?? {};
          const json = content["application/json"]?.schema;
          const request = fc.record({
            path: fc.tuple(
              ...inPath.map((p) =>
                fc.oneof(
                  { weight: 2, arbitrary: fc.constantFrom(...ids, ...codes) },
                  fieldValue(resolve(p.schema), p.name),
                ),
              ),
            ),
            query: fc.tuple(
              ...inQuery.map((p) =>
                fc.option(fieldValue(resolve(p.schema), p.name), { nil: undefined }),
              ),
            ),
            body: json
              ? fc.oneof({ weight: 4, arbitrary: objectOf(resolve(json)) }, hostile({}, "body"))
              : content["text/csv"]
                ? fc
                    .tuple(
                      hostile({}, "currency"),
                      hostile({ format: "date" }, "date"),
                      hostile({}, "amount"),
                    )
                    .map(
                      (row) =>
                        `currency,date,usd_per_unit,source\n${row.map(String).join(",")},fuzz\n`,
                    )
                : fc.constant(undefined),
          });
          const toRequest = ({
            path: pathValues,
            query,
            body,
          }: {
            path: unknown[];
            query: unknown[];
            body: unknown;
          }) => {
            let url = path;
            inPath.forEach((p, i) => {
              url = url.replace(`{${p.name}}`, asParameter(pathValues[i]));
            });
            const search = inQuery
              .flatMap((p, i) =>
                query[i] === undefined
                  ? []
                  : [
                      `${p.name}=${asParameter(Array.isArray(query[i]) ? (query[i] as unknown[]).join(",") : query[i])}`,
                    ],
              )
              .join("&");
            return {
              method: method.toUpperCase() as "GET",
              url: search ? `${url}?${search}` : url,
              ...(body !== undefined && {
                payload:
                  typeof body === "string" && content["text/csv"] ? body : JSON.stringify(body),
                headers: {
                  "content-type":
                    content["text/csv"] && typeof body === "string"
                      ? "text/csv"
                      : "application/json",
                },
              }),
            };
          };
          return {
            name: `${method.toUpperCase()} ${path}`,
            request: request.map(toRequest),
            toRequest,
            inPath,
            inQuery,
            json: json && resolve(json),
          };
        }),
    );

  /** Every leaf field of a body: its path, schema and name (array items as their first). */
  const leavesOf = (schema: Schema, path: string[]): Array<{ path: string[]; schema: Schema }> =>
    Object.entries(schema.properties ?? {}).flatMap(([key, value]) => {
      const field = resolve(value);
      const kind = kindOf(field, key);
      if (kind === "object") return leavesOf(field, [...path, key]);
      if (kind === "array") {
        const item = resolve(field.items);
        return kindOf(item, key) === "object"
          ? leavesOf(item, [...path, key, "0"])
          : [{ path: [...path, key], schema: field }];
      }
      return [{ path: [...path, key], schema: field }];
    });

  /** One plausible value of an arbitrary, the same on every run. */
  const one = <T>(arbitrary: fc.Arbitrary<T>): T =>
    fc.sample(arbitrary, { numRuns: 1, seed: 2011 })[0] as T;

  const plausibleObject = (schema: Schema): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([key, value]) => {
        const field = resolve(value);
        const kind = kindOf(field, key);
        if (kind === "object") return [key, plausibleObject(field)];
        if (kind === "array") {
          const item = resolve(field.items);
          return [
            key,
            [kindOf(item, key) === "object" ? plausibleObject(item) : one(plausible(item, key))],
          ];
        }
        return [key, one(plausible(field, key))];
      }),
    );

  const setAt = (target: Record<string, unknown>, path: string[], value: unknown) => {
    const copy = structuredClone(target);
    let node: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[path[path.length - 1] ?? ""] = value;
    return copy;
  };

  const isServerFailure = (response: TestResponse<unknown>) => {
    const body = response.body as {
      error?: { code?: unknown; message?: unknown; details?: unknown };
    };
    const shaped =
      response.status < 400 ||
      (typeof body?.error?.code === "string" &&
        typeof body.error.message === "string" &&
        Array.isArray(body.error.details));
    return response.status >= 500 || !shaped;
  };

  /** Path values that name a record that exists, so that writes reach their fields. */
  const existingRecord = async (operation: ReturnType<typeof operations>[number]) => {
    const plausibleValues = operation.inPath.map((p) => one(plausible(resolve(p.schema), p.name)));
    if (operation.inPath.length !== 1) return plausibleValues;
    const route = operation.name.split(" ")[1] ?? "";
    for (const candidate of [...ids, ...codes]) {
      const url = route.replace(/\{[^}]+\}.*$/, encodeURIComponent(candidate));
      if ((await admin.request({ method: "GET", url })).status === 200) return [candidate];
    }
    return plausibleValues;
  };

  it("sends each hostile value to every single field and parameter of every route, the rest plausible", async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const operation of operations()) {
      if (SESSION_ROUTES.test(operation.name.split(" ")[1] ?? "")) continue;
      const base = {
        path: await existingRecord(operation),
        query: operation.inQuery.map((p) => one(plausible(resolve(p.schema), p.name))),
        body: operation.json ? plausibleObject(operation.json) : undefined,
      };
      const cases = [
        ...operation.inPath.flatMap((p, i) =>
          (SWEEP[kindOf(resolve(p.schema), p.name)] ?? SWEEP.string ?? []).map((value) => ({
            ...base,
            path: base.path.map((v, j) => (j === i ? value : v)),
          })),
        ),
        ...operation.inQuery.flatMap((p, i) =>
          (SWEEP[kindOf(resolve(p.schema), p.name)] ?? SWEEP.string ?? []).map((value) => ({
            ...base,
            query: base.query.map((v, j) => (j === i ? value : v)),
          })),
        ),
        ...(operation.json && base.body
          ? leavesOf(operation.json, []).flatMap((leaf) =>
              (SWEEP[kindOf(leaf.schema, leaf.path[leaf.path.length - 1] ?? "")] ?? []).map(
                (value) => ({ ...base, body: setAt(base.body ?? {}, leaf.path, value) }),
              ),
            )
          : []),
      ];
      for (const values of cases) {
        const request = operation.toRequest(values);
        const response = await admin.request(request);
        sent++;
        if (isServerFailure(response))
          failures.push(
            `${response.status} for ${request.method} ${request.url} ${request.payload ?? ""}`,
          );
      }
    }
    expect(sent).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  }, 300_000);

  it("finds no 500 on any route, and every refusal is the one error shape", async () => {
    const all = operations();
    expect(all.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const operation of all) {
      const path = operation.name.split(" ")[1] ?? "";
      await fc
        .assert(
          fc.asyncProperty(operation.request, async (request) => {
            const session = SESSION_ROUTES.test(path)
              ? await t.signIn({ role: "admin", organization: "ESCA-OPS" })
              : admin;
            const response: TestResponse<unknown> = await session.request(request);
            const body = response.body as {
              error?: { code?: unknown; message?: unknown; details?: unknown };
            };
            const refusalShaped =
              response.status < 400 ||
              (typeof body?.error?.code === "string" &&
                typeof body.error.message === "string" &&
                Array.isArray(body.error.details));
            if (response.status >= 500 || !refusalShaped) {
              failures.push(
                `${operation.name} → ${response.status} for ${request.method} ${request.url} ${request.payload ?? ""}`,
              );
              return false;
            }
            return true;
          }),
          {
            numRuns: SESSION_ROUTES.test(path) ? 3 : RUNS_PER_ROUTE,
            seed: 2626,
            endOnFailure: true,
          },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
