import { afterEach, beforeEach, vi } from "vitest";

/**
 * Holds Date still in each test of the calling describe (timers stay real), so that a test
 * decides when time passes: TOTP steps, login waits.
 */
export function holdDateInEachTest(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
