import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, TEST_PASSWORD, type TestApp } from "../../../test/support/app.ts";
import { holdDateInEachTest } from "./accounts.fixtures.ts";
import { FREE_FAILURES } from "./login-throttle.ts";

/**
 * Guesses sent at once must not outrun the throttle. The clock is held still, so that no wait
 * ends while a burst is answered: exactly the free guesses plus the one that starts the first
 * wait are checked, however the requests interleave, on PGlite and on PostgreSQL's many
 * connections alike.
 */
describe("the login throttle under parallel guesses", () => {
  let t: TestApp;
  let address = 0;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  holdDateInEachTest();

  const login = (email: string, password: string, remoteAddress: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password },
      remoteAddress,
    });
  const newAddress = () => `192.0.2.${++address}`;
  const later = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);
  /** Password verifications that failed: each is a "failed sign-in" of reason unauthorized. */
  const checkedGuesses = async (email?: string) => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from audit_log
      where action = 'login_failed' and after ->> 'reason' = 'unauthorized'
        and (${email ?? null}::text is null or after ->> 'email' = ${email ?? null})`.execute(
      t.handle.db,
    );
    return rows[0]?.n ?? 0;
  };
  const statusCounts = (statuses: number[]) => {
    const counts: Record<number, number> = {};
    for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  };

  it("checks only the allowed guesses of 100 sent at once from one address, then refuses the right password until the wait ends", async () => {
    const user = await t.signIn({ role: "partner", organization: "IDB" });
    const from = newAddress();
    const burst = await Promise.all(
      Array.from({ length: 100 }, (_, i) => login(user.email, `wrong password number ${i}`, from)),
    );
    const counts = statusCounts(burst.map((r) => r.statusCode));
    expect(counts).toEqual({ 401: FREE_FAILURES.account + 1, 429: 99 - FREE_FAILURES.account });
    expect(await checkedGuesses(user.email)).toBe(FREE_FAILURES.account + 1);

    const right = await login(user.email, TEST_PASSWORD, from);
    expect(right.statusCode).toBe(429);
    expect(JSON.parse(right.body).error).toMatchObject({
      code: "rate_limited",
      reason: "login_throttled",
    });
    later(2);
    expect((await login(user.email, TEST_PASSWORD, from)).statusCode).toBe(200);
    // A success starts the account's count again: three more free guesses.
    const again = await Promise.all(
      Array.from({ length: 10 }, () => login(user.email, "wrong again entirely", from)),
    );
    expect(statusCounts(again.map((r) => r.statusCode))[401]).toBe(FREE_FAILURES.account + 1);
  });

  it("checks only the allowed guesses at one account when each comes from another address", async () => {
    const user = await t.signIn({ role: "partner", organization: "CAN" });
    const burst = await Promise.all(
      Array.from({ length: 60 }, (_, i) => login(user.email, `wrong ${i} entirely`, newAddress())),
    );
    expect(statusCounts(burst.map((r) => r.statusCode))[401]).toBe(FREE_FAILURES.account + 1);
    expect(await checkedGuesses(user.email)).toBe(FREE_FAILURES.account + 1);
  });

  it("checks only the allowed guesses from one address spread over many accounts", async () => {
    const from = newAddress();
    const before = await checkedGuesses();
    const burst = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        login(`nobody.${i}@test.esca-hub.org`, "wrong password entirely", from),
      ),
    );
    const counts = statusCounts(burst.map((r) => r.statusCode));
    expect(counts[401]).toBe(FREE_FAILURES.address + 1);
    expect((await checkedGuesses()) - before).toBe(FREE_FAILURES.address + 1);
    // Another address is not held back by this one.
    const user = await t.signIn({ role: "partner", organization: "JPN" });
    expect((await login(user.email, TEST_PASSWORD, newAddress())).statusCode).toBe(200);
  });

  it("gives a right password's reservation back: an office's sign-ins never add up to a wait", async () => {
    const from = newAddress();
    const users = [
      await t.signIn({ role: "focal_point", organization: "GT" }),
      await t.signIn({ role: "focal_point", organization: "SV" }),
    ];
    const statuses: number[] = [];
    for (let i = 0; i < FREE_FAILURES.address * 2; i++)
      statuses.push((await login(users[i % 2]?.email ?? "", TEST_PASSWORD, from)).statusCode);
    expect(statuses.every((status) => status === 200)).toBe(true);
  });

  it("throttles the current password of a password change, also in parallel", async () => {
    const user = await t.signIn({ role: "focal_point", organization: "HN" });
    const change = (current: string) =>
      user.request<{ error: { code: string; reason?: string; details?: Array<{ path: string }> } }>(
        {
          method: "POST",
          url: "/api/auth/password",
          payload: { current_password: current, new_password: "Fresh-Tegucigalpa-harbour-2011" },
        },
      );
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => change(`not my password ${i}`)),
    );
    const counts = statusCounts(burst.map((r) => r.status));
    expect(counts).toEqual({
      400: FREE_FAILURES.passwordCheck + 1,
      429: 29 - FREE_FAILURES.passwordCheck,
    });
    const wrong = burst.find((r) => r.status === 400);
    expect(wrong?.body.error.details?.[0]?.path).toBe("current_password");
    const throttled = await change(TEST_PASSWORD);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.reason).toBe("password_check_throttled");
    later(2);
    expect((await change(TEST_PASSWORD)).status).toBe(200);
  });
});
