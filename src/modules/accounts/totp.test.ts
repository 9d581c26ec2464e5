import { TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  type TestSession,
} from "../../../test/support/app.ts";
import { holdDateInEachTest } from "./accounts.fixtures.ts";
import { FREE_FAILURES } from "./login-throttle.ts";

/**
 * A TOTP code is accepted once, wherever it is given (turning TOTP on, signing in, turning it
 * off), and a code of a step before the last accepted one is refused too. The clock is held
 * still so that each test knows which 30-second steps are open: the current one and its two
 * neighbours.
 */
describe("two-factor codes", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  holdDateInEachTest();

  /** The code of the step `offset` steps from now. */
  const codeAt = (totp: TOTP, offset: number) =>
    totp.generate({ timestamp: Date.now() + offset * 30_000 });
  /** A code no open step has: certainly wrong. */
  const wrongCodeFor = (totp: TOTP) => {
    const open = new Set([-1, 0, 1].map((offset) => codeAt(totp, offset)));
    return ["000000", "111111", "222222", "333333"].find((code) => !open.has(code)) ?? "";
  };
  const login = (email: string, totp: string, password = TEST_PASSWORD) =>
    t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password, totp },
    });
  const errorOf = (body: string) =>
    (JSON.parse(body) as { error: { code: string; reason?: string } }).error;

  /** A focal point with TOTP on, turned on with the current step's code. */
  async function withTotp(country: string): Promise<{ user: TestSession; totp: TOTP }> {
    const user = await t.signIn({ role: "focal_point", organization: country });
    const setup = await user.request<{ secret: string }>({
      method: "POST",
      url: "/api/auth/totp/setup",
    });
    const totp = new TOTP({ secret: setup.body.secret });
    const enabled = await user.request({
      method: "POST",
      url: "/api/auth/totp/enable",
      payload: { code: codeAt(totp, 0) },
    });
    expect(enabled.status).toBe(200);
    return { user, totp };
  }

  it("accepts each code once, and no code of an earlier step than one accepted", async () => {
    const { user, totp } = await withTotp("GT");
    const enablingCode = await login(user.email, codeAt(totp, 0));
    expect(enablingCode.statusCode).toBe(401);
    expect(errorOf(enablingCode.body)).toMatchObject({
      code: "unauthorized",
      reason: "wrong_totp",
    });
    expect((await login(user.email, codeAt(totp, 1))).statusCode).toBe(200);
    const replayed = await login(user.email, codeAt(totp, 1));
    expect(replayed.statusCode).toBe(401);
    expect(errorOf(replayed.body).reason).toBe("wrong_totp");
    // The step before is still inside the drift window, but comes before one already used.
    expect((await login(user.email, codeAt(totp, -1))).statusCode).toBe(401);
    vi.setSystemTime(Date.now() + 30_000);
    expect((await login(user.email, codeAt(totp, 1))).statusCode).toBe(200);
  });

  it("lets exactly one of many sign-ins sent at once with the same code through", async () => {
    const { user, totp } = await withTotp("HN");
    const code = codeAt(totp, 1);
    const burst = await Promise.all(Array.from({ length: 12 }, () => login(user.email, code)));
    const statuses = burst.map((r) => r.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.every((status) => [200, 401, 429].includes(status))).toBe(true);
    for (const refused of burst.filter((r) => r.statusCode === 401))
      expect(errorOf(refused.body).reason).toBe("wrong_totp");
  });

  it("refuses, when turning TOTP off, a code used to sign in; of two at once with one code, one succeeds", async () => {
    const { user, totp } = await withTotp("SV");
    const code = codeAt(totp, 1);
    expect((await login(user.email, code)).statusCode).toBe(200);
    const disable = (totpCode: string) =>
      user.request<{ error: { code: string; details?: Array<{ path: string }> } }>({
        method: "POST",
        url: "/api/auth/totp/disable",
        payload: { code: totpCode, password: TEST_PASSWORD },
      });
    const used = await disable(code);
    expect(used.status).toBe(400);
    expect(used.body.error.details?.[0]?.path).toBe("code");

    vi.setSystemTime(Date.now() + 30_000);
    const fresh = codeAt(totp, 1);
    const pair = await Promise.all([disable(fresh), disable(fresh)]);
    const statuses = pair.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    // The other either lost the code (400) or found TOTP already off (409): never a second 200.
    expect([400, 409]).toContain(statuses[1]);
  });

  it("throttles wrong passwords and codes when turning TOTP off, also in parallel", async () => {
    const { user, totp } = await withTotp("PA");
    const disable = (password: string, code: string) =>
      user.request<{ error: { code: string; reason?: string } }>({
        method: "POST",
        url: "/api/auth/totp/disable",
        payload: { code, password },
      });
    const burst = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        i % 2 === 0
          ? disable(`not my password ${i}`, codeAt(totp, 1))
          : disable(TEST_PASSWORD, wrongCodeFor(totp)),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((status) => status === 400)).toHaveLength(
      FREE_FAILURES.passwordCheck + 1,
    );
    expect(statuses.filter((status) => status === 429)).toHaveLength(
      24 - FREE_FAILURES.passwordCheck - 1,
    );
    const throttled = await disable(TEST_PASSWORD, codeAt(totp, 1));
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.reason).toBe("password_check_throttled");
    vi.setSystemTime(Date.now() + 2_000);
    expect((await disable(TEST_PASSWORD, codeAt(totp, 1))).status).toBe(200);
  });
});
