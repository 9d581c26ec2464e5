import { describe, expect, it } from "vitest";
import { uuidV7 } from "./uuid-v7.ts";

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("time-ordered ids", () => {
  // Ahead of every id drawn so far in this process (other test files draw them too).
  const ahead = () => Date.now() + 10_000;

  it("are version 7 UUIDs carrying the time, in the order they were drawn, never twice", () => {
    const at = ahead();
    const ids = Array.from({ length: 10_000 }, () => uuidV7(at));
    for (const id of ids) expect(id).toMatch(V7);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]?.replace(/-/g, "").slice(0, 12)).toBe(at.toString(16).padStart(12, "0"));
  });

  it("stay in order when the clock goes back", () => {
    const at = ahead() + 1_000;
    const later = uuidV7(at);
    const earlier = uuidV7(at - 1_000);
    expect(earlier > later).toBe(true);
  });
});
