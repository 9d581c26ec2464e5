import { TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  type TestSession,
} from "../../../test/support/app.ts";
import { holdDateInEachTest } from "./accounts.fixtures.ts";
import { normalizeRecoveryCode, RECOVERY_CODE_COUNT } from "./recovery-codes.ts";

interface Status {
  totp_enabled: boolean;
  total: number;
  remaining: number;
}

/**
 * Recovery codes: made when the second factor is turned on and shown that once, each signs in
 * once in place of an authenticator code, a new set ends the old one, and only hashes are kept.
 */
describe("two-factor recovery codes", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  holdDateInEachTest();

  const login = (email: string, recovery_code: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password: TEST_PASSWORD, recovery_code },
    });
  const errorOf = (body: string) =>
    (JSON.parse(body) as { error: { code: string; reason?: string } }).error;
  const statusOf = async (user: TestSession) =>
    (await user.request<Status>({ method: "GET", url: "/api/auth/totp/recovery-codes" })).body;

  async function withTotp(country: string): Promise<{ user: TestSession; codes: string[] }> {
    const user = await t.signIn({ role: "focal_point", organization: country });
    const setup = await user.request<{ secret: string }>({
      method: "POST",
      url: "/api/auth/totp/setup",
    });
    const enabled = await user.request<{ recovery_codes: string[] }>({
      method: "POST",
      url: "/api/auth/totp/enable",
      payload: { code: new TOTP({ secret: setup.body.secret }).generate() },
    });
    expect(enabled.status).toBe(200);
    return { user, codes: enabled.body.recovery_codes };
  }

  it("gives ten distinct codes when TOTP is turned on and keeps only their hashes", async () => {
    const { user, codes } = await withTotp("GT");
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
    expect(await statusOf(user)).toMatchObject({ totp_enabled: true, total: 10, remaining: 10 });

    const stored = await t.handle.db
      .selectFrom("totp_recovery_codes")
      .where("user_id", "=", user.userId)
      .select("code_hash")
      .execute();
    expect(stored).toHaveLength(RECOVERY_CODE_COUNT);
    const storedText = JSON.stringify(stored);
    const audit = JSON.stringify(
      await t.handle.db.selectFrom("audit_log").select(["before", "after"]).execute(),
    );
    for (const code of codes) {
      const compact = normalizeRecoveryCode(code) ?? code;
      for (const text of [storedText, audit]) {
        expect(text).not.toContain(code);
        expect(text).not.toContain(compact);
      }
    }
  });

  it("signs in once with each code, however it is typed; a used code is refused", async () => {
    const { user, codes } = await withTotp("HN");
    const [first = "", second = ""] = codes;
    const signedIn = await login(user.email, ` ${first.toUpperCase().replaceAll("-", " ")} `);
    expect(signedIn.statusCode).toBe(200);
    const again = await login(user.email, first);
    expect(again.statusCode).toBe(401);
    expect(errorOf(again.body)).toMatchObject({
      code: "unauthorized",
      reason: "wrong_recovery_code",
    });
    expect((await login(user.email, "zzzz-zzzz-zzzz-zzzz")).statusCode).toBe(401);
    expect((await statusOf(user)).remaining).toBe(9);

    // Of sign-ins sent at once with one code, exactly one gets through.
    const burst = await Promise.all(Array.from({ length: 6 }, () => login(user.email, second)));
    expect(burst.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect((await statusOf(user)).remaining).toBe(8);

    const events = await t.handle.db
      .selectFrom("audit_log")
      .where("action", "=", "recovery_code_used")
      .where("entity_id", "=", user.userId)
      .select("after")
      .orderBy("seq")
      .execute();
    expect(events.map((e) => e.after)).toEqual([{ remaining: 9 }, { remaining: 8 }]);
  });

  it("makes a new set with the password; the old codes stop working", async () => {
    const { user, codes } = await withTotp("SV");
    const regenerate = (password: string) =>
      user.request<{ recovery_codes: string[]; error?: { details?: Array<{ path: string }> } }>({
        method: "POST",
        url: "/api/auth/totp/recovery-codes",
        payload: { password },
      });
    const wrong = await regenerate("not-the-password");
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.details?.[0]?.path).toBe("password");
    expect((await login(user.email, codes[0] ?? "")).statusCode).toBe(200);

    const fresh = await regenerate(TEST_PASSWORD);
    expect(fresh.status).toBe(200);
    expect(fresh.body.recovery_codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(fresh.body.recovery_codes.some((code) => codes.includes(code))).toBe(false);
    expect(await statusOf(user)).toMatchObject({ total: 10, remaining: 10 });
    expect((await login(user.email, codes[1] ?? "")).statusCode).toBe(401);
    expect((await login(user.email, fresh.body.recovery_codes[0] ?? "")).statusCode).toBe(200);

    const made = await t.handle.db
      .selectFrom("audit_log")
      .where("action", "=", "recovery_codes_generated")
      .where("entity_id", "=", user.userId)
      .select("after")
      .orderBy("seq")
      .execute();
    expect(made.map((e) => e.after)).toEqual([{ cause: "enable" }, { cause: "regenerate" }]);
  });

  it("has no codes without TOTP, and refuses a new set then", async () => {
    const user = await t.signIn({ role: "focal_point", organization: "CR" });
    expect(await statusOf(user)).toMatchObject({ totp_enabled: false, total: 0, remaining: 0 });
    const refused = await user.request<{ error: { reason: string } }>({
      method: "POST",
      url: "/api/auth/totp/recovery-codes",
      payload: { password: TEST_PASSWORD },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.reason).toBe("totp_not_on");
  });
});
