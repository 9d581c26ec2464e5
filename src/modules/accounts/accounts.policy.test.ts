import { describe, expect, it } from "vitest";
import { roles } from "../../contracts/roles.ts";
import { tokenRole } from "./accounts.policy.ts";
import { FREE_FAILURES, waitSeconds } from "./login-throttle.ts";

describe("what an API token acts as", () => {
  it("is its creation role only while that is still its user's role, for every pair of roles", () => {
    for (const createdUnder of roles)
      for (const current of roles)
        expect(tokenRole(createdUnder, current), `${createdUnder} → ${current}`).toBe(
          createdUnder === current ? current : null,
        );
  });
});

describe("the wait after failed guesses", () => {
  it("is none for the free guesses, then doubles from one second up to 15 minutes", () => {
    const free = FREE_FAILURES.account;
    expect([1, 2, 3].map((n) => waitSeconds(n, free))).toEqual([0, 0, 0]);
    expect([4, 5, 6, 7].map((n) => waitSeconds(n, free))).toEqual([1, 2, 4, 8]);
    for (const n of [14, 15, 100, 10_000, Number.MAX_SAFE_INTEGER])
      expect(waitSeconds(n, free), String(n)).toBe(900);
    expect(waitSeconds(FREE_FAILURES.address, FREE_FAILURES.address)).toBe(0);
    expect(waitSeconds(FREE_FAILURES.address + 1, FREE_FAILURES.address)).toBe(1);
  });
});
