import fastJson from "fast-json-stringify";
import type { FastifySerializerCompiler } from "fastify";
import { serializerCompiler as zodSerializerCompiler } from "fastify-type-provider-zod";
import { z } from "zod";

type ZodType = z.core.$ZodType;

type JsonSchema = Record<string, unknown>;

/** How each compiled route's answers were serialized; filled as routes are registered. */
export interface SerializationReport {
  /** "GET /api/initiatives 200" → compiled, or why the zod serializer was kept. */
  routes: Map<string, "compiled" | string>;
}

/**
 * The serializer of route answers: for the listed GET routes (public reads), the JSON Schema
 * of the route's zod response schema compiled by fast-json-stringify, which writes only the
 * properties the schema names; for every other route, and for a listed route whose schema
 * cannot be compiled faithfully, fastify-type-provider-zod's (zod encodes, then JSON.stringify).
 *
 * Faithfully means the compiled answer is the zod serializer's for every answer the zod schema
 * accepts: a schema made of objects (unknown keys stripped), arrays, records, strings, numbers,
 * booleans, null, enums and literals, optional and nullable parts, and unions of scalars. Not
 * compiled: anything that changes a value on the way out (transforms, codecs, defaults,
 * dates, bigints) and unions with an object or array among their options (fast-json-stringify
 * picks the option by validating the value, which an extra field would fail, where zod strips
 * it).
 */
export function createResponseSerializerCompiler(options: {
  compiledRoutes: ReadonlySet<string>;
  report?: SerializationReport;
}): FastifySerializerCompiler<unknown> {
  return (route) => {
    const { schema, method, url, httpStatus } = route;
    const fallback = () =>
      zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
    if (method !== "GET" || !options.compiledRoutes.has(url) || !String(httpStatus).startsWith("2"))
      return fallback();
    const key = `${method} ${url} ${httpStatus}`;
    const compiled = compileAnswer(schema);
    options.report?.routes.set(key, typeof compiled === "string" ? compiled : "compiled");
    return typeof compiled === "string" ? fallback() : compiled;
  };
}

/** The compiled serializer of `schema`'s answers, or why it cannot be compiled faithfully. */
export function compileAnswer(schema: unknown): ((data: unknown) => string) | string {
  if (!(schema instanceof z.core.$ZodType)) return "not a zod schema";
  const unfaithful = unfaithfulPart(schema, new Set());
  if (unfaithful) return unfaithful;
  try {
    const json = z.toJSONSchema(schema, {
      io: "output",
      target: "draft-7",
      unrepresentable: "throw",
      reused: "inline",
      cycles: "throw",
    }) as JsonSchema;
    return fastJson(withNullable(json) as Parameters<typeof fastJson>[0]);
  } catch (error) {
    return `not compiled: ${(error as Error).message}`;
  }
}

/** The first part of `schema` the compiled serializer would not write as zod does, if any. */
function unfaithfulPart(schema: ZodType, seen: Set<ZodType>): string | null {
  if (seen.has(schema)) return null;
  seen.add(schema);
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const inner = (part: unknown) => unfaithfulPart(part as ZodType, seen);
  switch (def.type) {
    case "string":
    case "number":
    case "boolean":
    case "null":
    case "enum":
    case "literal":
    case "unknown":
    case "any":
      return null;
    case "object": {
      for (const part of Object.values(def.shape as Record<string, ZodType>)) {
        const found = inner(part);
        if (found) return found;
      }
      // A catch-all (loose object) is written through by both.
      return def.catchall ? inner(def.catchall) : null;
    }
    case "array":
      return inner(def.element);
    case "record":
      return inner(def.keyType) ?? inner(def.valueType);
    case "optional":
    case "nullable":
    case "readonly":
      return inner(def.innerType);
    case "union": {
      for (const option of def.options as ZodType[]) {
        const kind = (option._zod.def as { type: string }).type;
        if (!["string", "number", "boolean", "null", "enum", "literal"].includes(kind))
          return `a union with a ${kind} among its options`;
      }
      return null;
    }
    default:
      return `a ${def.type}`;
  }
}

/**
 * zod writes a nullable part as `anyOf: [part, { type: "null" }]`; fast-json-stringify would
 * pick between them by validating the value (and an object with a field the schema does not
 * name would match neither). Its `nullable` keyword says the same without a choice.
 */
function withNullable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withNullable);
  if (typeof schema !== "object" || schema === null) return schema;
  const entries = Object.entries(schema as JsonSchema).map(([k, v]) => [k, withNullable(v)]);
  const node = Object.fromEntries(entries) as JsonSchema;
  const options = node.anyOf as JsonSchema[] | undefined;
  if (Array.isArray(options) && options.length === 2) {
    const other = options.find((option) => option.type !== "null");
    if (
      other &&
      options.some((option) => option.type === "null" && Object.keys(option).length === 1)
    ) {
      const { anyOf: _, ...rest } = node;
      if (typeof other.type === "string") return { ...rest, ...other, nullable: true };
    }
  }
  return node;
}
