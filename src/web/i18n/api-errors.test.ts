import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import {
  setUpInitiativeWorld,
  usdPayload,
} from "../../modules/initiatives/initiatives.fixtures.ts";
import { ApiError, type ApiErrorDetail } from "../api/client.ts";
import { detailMessage, errorMessage, fieldLabel } from "./api-errors.ts";
import { en, type MessageKey } from "./en.ts";
import { es } from "./es.ts";
import { interpolate, type Translate } from "./i18n.tsx";

const tEs: Translate = (key, vars) => interpolate(es[key] ?? key, vars);
const tEn: Translate = (key, vars) => interpolate(en[key] ?? key, vars);

interface ErrorBody {
  error: {
    code: string;
    message: string;
    reason?: string;
    values?: Record<string, unknown>;
    context?: Record<string, unknown>;
    details: ApiErrorDetail[];
  };
}

/** What the web client builds from a refused response (api/client.ts). */
const asApiError = (status: number, body: ErrorBody) =>
  new ApiError(status, body.error.code, body.error.message, body.error.details, {
    reason: body.error.reason,
    values: body.error.values,
    context: body.error.context,
  });

const serverRoot = fileURLToPath(new URL("../..", import.meta.url));
function serverSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "web" ? [] : serverSources(path);
    return path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
  });
}

describe("API refusals in the reader's language", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await setUpInitiativeWorld(t);
  });
  afterAll(async () => t.close());

  it("words schema and rule failures of a real refusal in Spanish, with field labels", async () => {
    const payload = {
      ...usdPayload("BA1"),
      title: { es: "", en: "Border posts" },
      start_date: "2013-01-01",
      end_date: "2012-01-01",
      sectors: [
        { code: "15210", percentage: "60" },
        { code: "15130", percentage: "30" },
      ],
    };
    const response = await t.request<ErrorBody>({
      method: "POST",
      url: "/api/initiatives",
      payload,
    });
    expect(response.status).toBe(400);
    const error = asApiError(response.status, response.body);
    const byPath = new Map(error.details.map((d) => [d.path, d]));

    expect(errorMessage(error, tEs, "es")).toBe(es["apiError.code.validation_failed"]);
    const endDate = byPath.get("end_date");
    expect(endDate?.rule?.code).toBe("end_before_start");
    expect(endDate && detailMessage(endDate, tEs, "es")).toBe(es["validation.end_before_start"]);
    const sectors = byPath.get("sectors");
    expect(sectors && detailMessage(sectors, tEs, "es")).toBe(
      interpolate(es["validation.sectors_sum"], { total: "90.00" }),
    );
    const title = byPath.get("title.es");
    expect(title && detailMessage(title, tEs, "es")).toBe(es["validation.required"]);
    expect(fieldLabel("title.es", tEs)).toBe(es["form.titleEs"]);
    // The English reader gets the same facts from the English catalog.
    expect(endDate && detailMessage(endDate, tEn, "en")).toBe(en["validation.end_before_start"]);
  });

  it("words a business refusal from its reason or its code's context", async () => {
    const wrong = await t.anonymous<ErrorBody>({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "nobody@example.org", password: "Not-The-Right-One-2011" },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.reason).toBe("invalid_credentials");
    expect(errorMessage(asApiError(401, wrong.body), tEs, "es")).toBe(
      es["apiError.reason.invalid_credentials"],
    );

    const transition = new ApiError(409, "invalid_transition", "An initiative cannot move…", [], {
      context: { from: "draft", to: "endorsed", allowed: ["submitted"] },
    });
    expect(errorMessage(transition, tEs, "es")).toBe(
      interpolate(es["apiError.code.invalid_transition"], {
        from: es["status.draft"],
        to: es["status.endorsed"],
      }),
    );
    // Not every 409 is "someone else changed this": only a stale version is.
    expect(transition.isConflict).toBe(false);
    expect(
      new ApiError(409, "conflict", "stale", [], { context: { current_version: 4 } }).isConflict,
    ).toBe(true);
    // A network failure never shows the browser's English text.
    expect(errorMessage(new ApiError(0, "network", "Failed to fetch"), tEn, "en")).toBe(
      en["apiError.code.network"],
    );
  });

  it("names a duplicate by its fields' labels, in English and Spanish, never by a column", async () => {
    const first = await t.request({
      method: "POST",
      url: "/api/initiatives",
      payload: usdPayload("DU1"),
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await t.request<ErrorBody>({
      method: "POST",
      url: "/api/initiatives",
      payload: usdPayload("DU1"),
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ reason: "duplicate", values: { key: "code" } });
    expect(again.body.error.message).toBe('A record with the same "Code" already exists.');
    const error = asApiError(409, again.body);
    expect(errorMessage(error, tEs, "es")).toBe(
      interpolate(es["apiError.reason.duplicate"], { key: es["form.code"] }),
    );
    expect(errorMessage(error, tEn, "en")).toBe(
      interpolate(en["apiError.reason.duplicate"], { key: en["form.code"] }),
    );
    // A key of several columns reads as their labels; one without a label is never shown.
    const pair = new ApiError(409, "conflict", "…", [], {
      reason: "duplicate",
      values: { key: "partner_id, initiative_id" },
    });
    expect(errorMessage(pair, tEs, "es")).toBe(
      interpolate(es["apiError.reason.duplicate"], {
        key: `${es["flow.partner"]}, ${es["flow.initiative"]}`,
      }),
    );
    const unlabelled = new ApiError(
      409,
      "conflict",
      "A record with the same values already exists.",
      [],
      {
        reason: "duplicate",
        values: { key: "xmin_hash" },
      },
    );
    expect(errorMessage(unlabelled, tEs, "es")).toBe(es["apiError.code.conflict"]);
    expect(errorMessage(unlabelled, tEn, "en")).not.toContain("xmin_hash");
  });

  it("has a sentence in both catalogs for every reason and named rule the server sends", () => {
    const reasons = new Set<string>();
    const rules = new Set<string>();
    for (const file of serverSources(serverRoot)) {
      // Code only: comments may quote other things called reason.
      const source = readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => !/^\s*(\*|\/\/)/.test(line))
        .join("\n");
      for (const m of source.matchAll(/\breason: "([a-z_]+)"/g)) reasons.add(m[1] ?? "");
      for (const m of source.matchAll(/\brule: "([a-z_]+)"/g)) rules.add(m[1] ?? "");
      for (const m of source.matchAll(/\brule: \{ code: "([a-z_]+)"/g)) rules.add(m[1] ?? "");
      for (const m of source.matchAll(/\bissue\(\s*"[a-z_.]+",\s*"([a-z_]+)"/g))
        rules.add(m[1] ?? "");
    }
    rules.delete("too_small");
    rules.delete("too_big");
    expect(reasons.size).toBeGreaterThan(10);
    expect(rules.size).toBeGreaterThan(10);
    const missing = [
      ...[...reasons].map((r) => `apiError.reason.${r}`),
      ...[...rules].map((r) => `validation.${r}`),
    ].filter((key) => !(key in en) || !(key in es));
    expect(missing).toEqual([]);
    // Every error code of the API has its sentence.
    const codes = readFileSync(join(serverRoot, "platform/errors.ts"), "utf8").match(
      /export const errorStatus = \{([^}]*)\}/,
    )?.[1];
    const codeKeys = [...(codes ?? "").matchAll(/(\w+):/g)].map(
      (m) => `apiError.code.${m[1]}` as MessageKey,
    );
    expect(codeKeys.length).toBeGreaterThan(15);
    expect(codeKeys.filter((key) => !(key in es))).toEqual([]);
  });
});
