import fc from "fast-check";
import type { ZodType } from "zod";

/**
 * fast-check arbitraries read from a route's own zod schema: values of the shape it asks for
 * (`validShaped`), hostile values for one field (`hostileValue`), and whole bodies mutated
 * from a valid one (`mutatedBody`): a field of the wrong type, missing or added, huge strings,
 * unicode, negative or huge amounts, unknown currencies, ids of nothing or of another
 * organization's record.
 */

/** What the generator may use to make a value the server will find: ids and codes that exist. */
export interface Pools {
  ids: readonly string[];
  codes: readonly string[];
}

interface Def {
  type: string;
  [key: string]: unknown;
}
type Zod = ZodType & {
  _zod: { def: Def; optin?: string };
  format?: string | null;
  minLength?: number | null;
  maxLength?: number | null;
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
};

const defOf = (schema: unknown) => (schema as Zod)._zod.def;

/** The schema under wrappers that do not change what a client sends. */
export function unwrap(schema: ZodType): ZodType {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return unwrap(def.innerType as ZodType);
    case "pipe": {
      const input = def.in as ZodType;
      return unwrap(defOf(input).type === "transform" ? (def.out as ZodType) : input);
    }
    case "lazy":
      return unwrap((def.getter as () => ZodType)());
    default:
      return schema;
  }
}

const lengthCheck = (schema: ZodType, check: "min_length" | "max_length") => {
  const found = ((defOf(schema).checks as { _zod: { def: Def } }[] | undefined) ?? [])
    .map((c) => c._zod.def)
    .find((c) => c.check === check);
  return found ? Number(check === "min_length" ? found.minimum : found.maximum) : undefined;
};

const regexOf = (schema: ZodType): RegExp | undefined => {
  const checks = (defOf(schema).checks as { _zod: { def: Def } }[] | undefined) ?? [];
  const found = checks.map((c) => c._zod.def).find((c) => c.format === "regex");
  return found?.pattern as RegExp | undefined;
};

const isoDate = fc
  .date({ min: new Date("2000-01-01"), max: new Date("2035-12-31"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Text people type: plain, accented, other scripts, emoji. */
const humanText = fc.oneof(
  fc.constantFrom("Texto de prueba", "Seguridad ciudadana", "Árbol ñandú", "Ελληνικά", "安全 🛡️"),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }),
);

function stringArbitrary(schema: Zod, key: string, pools: Pools): fc.Arbitrary<unknown> {
  const format = schema.format ?? defOf(schema).format;
  if (format === "uuid" || format === "guid")
    return pools.ids.length
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pools.ids) }, fc.uuid())
      : fc.uuid();
  if (format === "email") return fc.nat(1_000_000).map((n) => `fuzz${n}@test.esca-hub.org`);
  if (format === "date") return isoDate;
  if (format === "datetime") return isoDate.map((d) => `${d}T12:00:00Z`);
  if (format === "url") return fc.webUrl();
  if (key === "currency") return fc.constantFrom("USD", "EUR", "GTQ", "HNL");
  if (key === "country" || key.endsWith("_country")) return fc.constantFrom("GT", "HN");
  if (key === "amount") return fc.constantFrom("1000.00", "1.5", "25", "0.01");
  const pattern = regexOf(schema);
  if (pattern) {
    try {
      return fc.stringMatching(pattern).filter((s) => s.length <= 200);
    } catch {
      // A pattern fast-check cannot invert: fall back to the pools below.
    }
  }
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 60, 60));
  return fc.oneof(
    { weight: 2, arbitrary: humanText.filter((s) => s.length >= min && s.length <= max) },
    pools.codes.length ? fc.constantFrom(...pools.codes) : fc.constant("A"),
    fc.string({ minLength: min, maxLength: max }),
  );
}

function numberArbitrary(schema: Zod): fc.Arbitrary<number> {
  const low = Math.max(schema.minValue ?? -1_000, -1_000_000);
  const high = Math.min(schema.maxValue ?? 1_000_000, 1_000_000);
  const min = Math.min(low, high);
  return schema.isInt || schema.format === "safeint" || schema.format === "int32"
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(high) })
    : fc.double({ min, max: high, noNaN: true, noDefaultInfinity: true });
}

/** A value of the shape the schema asks for (it may still break a refinement or a rule). */
export function validShaped(
  schema: ZodType,
  pools: Pools,
  key = "",
  depth = 0,
): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (s: unknown, k = key) => validShaped(s as ZodType, pools, k, depth + 1);
  if (depth > 6) return fc.constant(null);
  switch (def.type) {
    case "string":
      return stringArbitrary(schema as Zod, key, pools);
    case "number":
    case "int":
      return numberArbitrary(schema as Zod);
    case "bigint":
      return fc.bigInt({ min: 0n, max: 1_000_000n });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "enum":
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]));
    case "nullable":
      return fc.oneof({ weight: 4, arbitrary: inner(def.innerType) }, fc.constant(null));
    case "optional":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
    case "pipe":
    case "lazy":
      return inner(unwrap(schema));
    case "array": {
      const min = lengthCheck(schema, "min_length") ?? 0;
      const max = Math.max(min, Math.min(lengthCheck(schema, "max_length") ?? 3, 3));
      return fc.array(inner(def.element), { minLength: min, maxLength: max });
    }
    case "tuple":
      return fc.tuple(...(def.items as unknown[]).map((item) => inner(item)));
    case "union":
      return fc.oneof(...(def.options as unknown[]).map((option) => inner(option)));
    case "intersection":
      return fc
        .tuple(inner(def.left), inner(def.right))
        .map(([a, b]) => (isRecord(a) && isRecord(b) ? { ...a, ...b } : a));
    case "record":
      return fc.dictionary(inner(def.keyType).map(String), inner(def.valueType), { maxKeys: 3 });
    case "object": {
      const shape = def.shape as Record<string, ZodType>;
      const requiredKeys = Object.keys(shape).filter(
        (k) => (shape[k] as Zod)._zod.optin !== "optional",
      );
      return fc.record(
        Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, inner(v, k)])),
        { requiredKeys },
      );
    }
    case "date":
      return fc.date({ noInvalidDate: true });
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

/** A plain object (not an array, a buffer or a stream). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" &&
  value !== null &&
  [Object.prototype, null].includes(Object.getPrototypeOf(value));

const HUGE = "x".repeat(200_000);
/** Values no field should take, of any type: each must be refused in the one error shape. */
const ANY_HOSTILE: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  -(2 ** 63),
  [],
  [null],
  {},
  { nested: { deeper: [1, "two"] } },
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff lone surrogate",
  "\u202eRTL override",
  "🛡️".repeat(5_000),
  "é".repeat(10_001),
  HUGE,
  "'; drop table users; --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "%00",
];
const BY_KIND: Record<string, unknown[]> = {
  amount: [
    "-1",
    "-0.01",
    "0",
    "1e5",
    "1E+20",
    "Infinity",
    "NaN",
    "999999999999999999999.99",
    "1.123456789",
    "1,000.00",
    -5,
    1e21,
  ],
  currency: ["usd", "XXX", "ZZZ", "US", "USDD", "€", "", 840],
  uuid: [
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
    "1",
    "0e0e0e0e-0e0e-4e0e-8e0e-0e0e0e0e0e0e",
  ],
  date: [
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "2011-02-30",
    "2011-13-01",
    "20110622",
    "2011-06-22T25:00:00Z",
  ],
  number: [-1, -(2 ** 31) - 1, 2 ** 31, 2 ** 53, 1e308, 0.5, -0],
};

/** A hostile value for one field of the schema (named `key`), of its kind or of any. */
export function hostileValue(schema: ZodType | undefined, key: string): fc.Arbitrary<unknown> {
  const field = schema ? (unwrap(schema) as Zod) : undefined;
  const def = field ? defOf(field) : undefined;
  const format = field?.format ?? def?.format;
  const kind =
    key === "amount" || key.endsWith("_amount")
      ? "amount"
      : key === "currency"
        ? "currency"
        : format === "uuid" || key === "id" || key.endsWith("_id")
          ? "uuid"
          : format === "date" || key.endsWith("date")
            ? "date"
            : def?.type === "number"
              ? "number"
              : undefined;
  const ofKind = kind ? BY_KIND[kind] : undefined;
  return ofKind
    ? fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(...ofKind) },
        fc.constantFrom(...ANY_HOSTILE),
      )
    : fc.constantFrom(...ANY_HOSTILE);
}

/** The sub-schema at a path of a body (array indices step into the element). */
export function schemaAt(
  schema: ZodType | undefined,
  path: readonly string[],
): ZodType | undefined {
  let current = schema;
  for (const step of path) {
    if (!current) return undefined;
    const def = defOf(unwrap(current));
    if (def.type === "object") current = (def.shape as Record<string, ZodType>)[step];
    else if (def.type === "array") current = def.element as ZodType;
    else if (def.type === "record") current = def.valueType as ZodType;
    else return undefined;
  }
  return current;
}

/** Every path into a JSON value: its keys and array indices, at any depth. */
export function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (Array.isArray(value))
    return value.flatMap((item, i) => [
      [...prefix, String(i)],
      ...pathsOf(item, [...prefix, String(i)]),
    ]);
  if (isRecord(value))
    return Object.entries(value).flatMap(([k, v]) => [
      [...prefix, k],
      ...pathsOf(v, [...prefix, k]),
    ]);
  return [];
}

const withAt = (value: unknown, path: readonly string[], replace: (old: unknown) => unknown) => {
  const copy = structuredClone(value) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string, unknown>;
  const last = path[path.length - 1] ?? "";
  const next = replace(node[last]);
  if (next === REMOVE) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = next;
  return copy;
};
const REMOVE = Symbol("remove");

/**
 * A body for the route: its valid example as is, or with one field (at any depth) given a
 * hostile value, another valid-shaped value, taken away, or joined by a field it does not
 * know; or a body made from the schema alone; or no object at all.
 */
export function mutatedBody(
  schema: ZodType | undefined,
  base: unknown,
  pools: Pools,
): fc.Arbitrary<unknown> {
  const paths = pathsOf(base);
  const generated = schema ? validShaped(schema, pools) : fc.constant(undefined);
  const options: fc.WeightedArbitrary<unknown>[] = [
    { weight: 2, arbitrary: fc.constant(base) },
    { weight: 2, arbitrary: generated },
    {
      weight: 1,
      arbitrary: fc.constantFrom(null, [], "body", 42, {}, [base]),
    },
  ];
  if (isRecord(base))
    options.push({
      weight: 1,
      arbitrary: fc
        .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }))
        .map(([key, value]) => ({ ...base, [`${key}_extra`]: value })),
    });
  if (paths.length) {
    const path = fc.constantFrom(...paths);
    options.push(
      {
        weight: 4,
        arbitrary: path.chain((p) =>
          hostileValue(schemaAt(schema, p), p[p.length - 1] ?? "").map((v) =>
            withAt(base, p, () => v),
          ),
        ),
      },
      {
        weight: 2,
        arbitrary: path.chain((p) => {
          const field = schemaAt(schema, p);
          const value = field ? validShaped(field, pools, p[p.length - 1] ?? "") : fc.jsonValue();
          return value.map((v) => withAt(base, p, () => v));
        }),
      },
      { weight: 2, arbitrary: path.map((p) => withAt(base, p, () => REMOVE)) },
    );
  }
  return fc.oneof(...options);
}
