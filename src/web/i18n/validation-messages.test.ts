import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Fastify, { type FastifyInstance } from "fastify";
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { isoDateSchema, isoInstantSchema, uuidSchema } from "../../contracts/common.ts";
import { moneyInputSchema } from "../../contracts/money.ts";
import { invalidField } from "../../platform/errors.ts";
import { errorBody, handleError } from "../../platform/http/error-handler.ts";
import { ApiError, type ApiErrorDetail } from "../api/client.ts";
import { detailMessage, errorMessage, fieldLabel } from "./api-errors.ts";
import { en, type MessageKey } from "./en.ts";
import { es } from "./es.ts";
import { interpolate, type Translate } from "./i18n.tsx";

const tEs: Translate = (key, vars) => interpolate(es[key] ?? key, vars);
const tEn: Translate = (key, vars) => interpolate(en[key] ?? key, vars);

/** What no field error may say: nothing about what is expected. */
const generic = /no es válido|is not valid|is invalid|not accepted|no se acepta|^Invalid|^Too /i;

/** A request schema with one field of each kind zod refuses, named as the API names them. */
const probeSchema = z
  .object({
    title: z.object({ es: z.string().trim().min(1).max(300), en: z.string().trim().max(300) }),
    name: z.string(),
    code: z
      .string()
      .regex(
        /^[A-Z0-9][A-Z0-9-]{0,31}$/,
        "must be 1–32 capital letters, digits or dashes, e.g. CICAD",
      ),
    start_date: isoDateSchema,
    starts_at: isoInstantSchema,
    email: z.email(),
    partner_id: uuidSchema,
    website: z.url(),
    flow_type: z.enum(["pledge", "commitment", "disbursement"]),
    illustrative: z.boolean(),
    version: z.number().int(),
    expires_in_days: z.number().int().min(1),
    year: z.number().int().max(2100),
    countries: z.array(z.string()).min(1),
    lines_of_action: z.array(z.string()).max(2),
    limit: z.number().multipleOf(5),
    level: z.union([z.string(), z.number()]),
    value: moneyInputSchema,
    usd_per_unit: z.string().refine((v) => /[1-9]/.test(v), {
      message: "must be greater than zero",
      params: { rule: "positive_amount" },
    }),
  })
  .strict();

const badValues = {
  title: { es: "  ", en: "x".repeat(301) },
  code: "bad code!",
  start_date: "2011-13-45",
  starts_at: "tomorrow",
  email: "not-an-email",
  partner_id: "123",
  website: "no",
  flow_type: "gift",
  illustrative: "yes",
  version: 1.5,
  expires_in_days: 0,
  year: 2200,
  countries: [],
  lines_of_action: ["BA", "BB", "BC"],
  limit: 7,
  level: true,
  value: { amount: "10.123", currency: "USD" },
  usd_per_unit: "0.00",
  extra_field: 1,
};

/** path → rule code, the English label, and words each language's sentence must hold. */
const expected: Array<[string, string, string, RegExp, RegExp]> = [
  ["title.es", "too_small", "Title (Spanish)", /^is required$/, /^es obligatorio$/],
  [
    "title.en",
    "too_big",
    "Title (English)",
    /at most 300 characters/,
    /como máximo 300 caracteres/,
  ],
  ["name", "required", "Name", /^is required$/, /^es obligatorio$/],
  ["code", "invalid_format", "Code", /capital letters.*CICAD/, /formato esperado, p\. ej\. CICAD/],
  ["start_date", "invalid_format", "Start date", /YYYY-MM-DD, e\.g\. 2011-06-22/, /AAAA-MM-DD/],
  ["starts_at", "invalid_format", "Start time", /YYYY-MM-DDThh:mm:ssZ/, /fecha y hora/],
  ["email", "invalid_format", "Email", /email address such as/, /dirección de correo/],
  ["partner_id", "invalid_format", "Partner", /UUID/, /UUID/],
  ["website", "invalid_format", "Website", /https:\/\//, /https:\/\//],
  [
    "flow_type",
    "invalid_value",
    "Flow type",
    /one of: "?pledge"?, "?commitment"?, "?disbursement/,
    /uno de: pledge/,
  ],
  ["illustrative", "invalid_type", "Illustrative record", /true or false/, /sí o no/],
  ["version", "invalid_type", "Record version", /whole number/, /número entero/],
  ["expires_in_days", "too_small", "Days until it expires", /at least 1$/, /al menos 1$/],
  ["year", "too_big", "Year", /at most 2100$/, /como máximo 2100$/],
  ["countries", "too_small", "Countries", /at least 1 entries/, /al menos 1 elementos/],
  ["lines_of_action", "too_big", "Lines of action", /at most 2 entries/, /como máximo 2 elementos/],
  ["limit", "not_multiple_of", "Number of results", /multiple of 5/, /múltiplo de 5/],
  ["level", "invalid_type", "Level", /text or a number/, /un texto o un número/],
  [
    "value.amount",
    "decimal_amount",
    "Amount",
    /more decimals than USD|1500000\.00.*USD/,
    /1500000\.00.*USD/,
  ],
  ["usd_per_unit", "positive_amount", "US dollars per unit", /greater than zero/, /mayor que cero/],
  [
    "extra_field",
    "unknown_field",
    "",
    /not a field this (request accepts|form sends)/,
    /no es un campo/,
  ],
];

interface ErrorBody {
  error: { code: string; message: string; details: Array<ApiErrorDetail & { label?: string }> };
}

describe("field errors say what is expected", () => {
  let app: FastifyInstance;
  let body: ErrorBody;
  beforeAll(async () => {
    // The API's own validation and error handling, around one route with every kind of field.
    app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.setErrorHandler(handleError);
    app.post("/probe", { schema: { body: probeSchema } }, async () => ({ ok: true }));
    const response = await app.inject({ method: "POST", url: "/probe", payload: badValues });
    expect(response.statusCode).toBe(400);
    body = response.json<ErrorBody>();
  });
  afterAll(async () => app.close());

  it("sends each field's rule as data and an English sentence under the field's label", () => {
    const byPath = new Map(body.error.details.map((detail) => [detail.path, detail]));
    // One problem per field: the one that says what is expected.
    expect(body.error.details.map((detail) => detail.path).sort()).toEqual(
      expected.map(([path]) => path).sort(),
    );
    for (const [path, code, label, english] of expected) {
      const detail = byPath.get(path);
      expect(detail?.rule?.code, path).toBe(code);
      expect(detail?.label ?? "", path).toBe(label);
      expect(detail?.message, path).toMatch(english);
      expect(detail?.message, path).not.toMatch(generic);
    }
    // The limits travel as data, so any client can word them.
    expect(byPath.get("start_date")?.rule).toMatchObject({
      format: "date",
      expected: "YYYY-MM-DD",
    });
    expect(byPath.get("title.en")?.rule).toMatchObject({ origin: "string", maximum: 300 });
    expect(byPath.get("flow_type")?.rule).toMatchObject({
      values: ["pledge", "commitment", "disbursement"],
    });
    expect(byPath.get("level")?.rule).toMatchObject({ expected: ["string", "number"] });
    // zod's own pattern for a built-in format is no reader's business.
    expect(byPath.get("email")?.rule?.pattern).toBeUndefined();
    // The refusal's message opens with the first field's label, never its key in the request.
    expect(body.error.message).toMatch(/^Title \(Spanish\): is required \(and \d+ more\)$/);
  });

  it("words every field's problem in Spanish and English from its rule", () => {
    const error = new ApiError(400, body.error.code, body.error.message, body.error.details);
    const byPath = new Map(error.details.map((detail) => [detail.path, detail]));
    for (const [path, , , english, spanish] of expected) {
      const detail = byPath.get(path);
      if (!detail) throw new Error(`no detail for ${path}`);
      const inSpanish = detailMessage(detail, tEs, "es");
      const inEnglish = detailMessage(detail, tEn, "en");
      expect(inSpanish, path).toMatch(spanish);
      expect(inEnglish, path).toMatch(english);
      for (const text of [inSpanish, inEnglish]) expect(text, path).not.toMatch(generic);
      if (path !== "extra_field") {
        expect(fieldLabel(path, tEs), path).not.toBe(path);
        expect(fieldLabel(path, tEs), path).not.toBe(fieldLabel(path, tEn));
      }
    }
    expect(fieldLabel("title.es", tEs)).toBe(es["form.titleEs"]);
    expect(fieldLabel("expires_in_days", tEs)).toBe("Días hasta que caduque");
    // The summary is the code's sentence: the fields say the rest, each beside its label.
    expect(errorMessage(error, tEn, "en")).toBe(en["apiError.code.validation_failed"]);
  });

  it("never falls back on a sentence that says nothing of what is expected", () => {
    for (const catalog of [en, es] as Array<Record<string, string>>) {
      const vague = Object.entries(catalog).filter(
        ([key, text]) =>
          key.startsWith("validation.") && /^(is not valid|no es válido)$/.test(text),
      );
      expect(vague).toEqual([]);
    }
    expect("validation.invalid" in en).toBe(false);
    // A refusal the server words without a rule this app knows: its words, not a vague one.
    const unknown = {
      path: "code",
      message: "must name a code of the directory",
      rule: { code: "brand_new" },
    };
    expect(detailMessage(unknown, tEn, "en")).toBe("must name a code of the directory");
    expect(detailMessage(unknown, tEs, "es")).toContain("must name a code of the directory");
    // A module's refusal names its rule and opens with the field's label.
    const refusal = invalidField("over_commitment_reason", "is required", { code: "required" });
    expect(refusal.message).toBe("Reason for exceeding the commitment: is required");
    expect(errorBody(refusal).error.details[0]).toMatchObject({
      label: "Reason for exceeding the commitment",
    });
  });

  it("has every rule a module names in both catalogs, and every refinement names one", () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return name === "web" ? [] : sources(path);
        return path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
      });
    const codes = new Set<string>();
    const unnamed: string[] = [];
    const files = sources(root);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const call of callsOf(text, "invalidField(")) {
        const code = /\bcode: "([a-z_]+)"/.exec(call)?.[1];
        if (code) codes.add(code);
        else if (!/Rule\b/.test(call)) unnamed.push(`${file}: ${call.slice(0, 80)}`);
      }
      // Demo data is checked when it is loaded from the repository, not sent by people.
      if (file.includes("/modules/demo/")) continue;
      for (const call of [...callsOf(text, ".refine("), ...callsOf(text, "addIssue(")]) {
        if (!namesRule(call, text)) unnamed.push(`${file}: ${call.slice(0, 80)}`);
      }
    }
    expect(files.length).toBeGreaterThan(100);
    expect(codes.size).toBeGreaterThan(15);
    expect(unnamed).toEqual([]);
    const missing = [...codes]
      .filter((code) => !["too_small", "too_big", "invalid_value"].includes(code))
      .map((code) => `validation.${code}` as MessageKey)
      .filter((key) => !(key in en) || !(key in es));
    expect(missing).toEqual([]);
  });
});

/**
 * A refinement names its rule in its options (`params: { rule: "…" }`), or through a shared
 * issue (`dateRangeIssue`, `endDateRule`) or a constant of its file that does.
 */
function namesRule(call: string, text: string): boolean {
  if (/\brule\b|Rule\b|Issue\b/.test(call)) return true;
  const constant = /,\s*([A-Za-z_]\w*)\s*\)$/.exec(call)?.[1];
  if (!constant) return false;
  const at = text.indexOf(`const ${constant} =`);
  return at >= 0 && /\brule\b/.test(text.slice(at, at + 400));
}

/** The text of each call of `opening` in a source: up to its closing parenthesis. */
function callsOf(text: string, opening: string): string[] {
  const calls: string[] = [];
  for (let start = text.indexOf(opening); start >= 0; start = text.indexOf(opening, start + 1)) {
    let depth = 0;
    let end = start + opening.length - 1;
    for (; end < text.length; end++) {
      if (text[end] === "(") depth++;
      else if (text[end] === ")" && --depth === 0) break;
    }
    calls.push(text.slice(start, end + 1));
  }
  return calls;
}
