import { describe, expect, it } from 'vitest';
import { backoffMs } from './backoff.js';

const policy = { baseMs: 1000, capMs: 60_000 };

describe('backoffMs', () => {
  it('doubles the wait with each failure, between half and all of base·2^(n−1)', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, policy, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => backoffMs(n, policy, () => 1))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });

  it('never waits longer than the cap, however many failures', () => {
    expect(backoffMs(7, policy, () => 1)).toBe(60_000);
    expect(backoffMs(50, policy, () => 1)).toBe(60_000);
    expect(backoffMs(7, policy, () => 0)).toBe(32_000);
    expect(backoffMs(50, policy, () => 0)).toBe(60_000);
  });

  it('spreads retries with jitter, yet a later attempt never waits less than an earlier one', () => {
    const waits = Array.from({ length: 200 }, () => backoffMs(3, policy));
    expect(new Set(waits).size).toBeGreaterThan(50);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(4000);
    for (let n = 1; n < 60; n += 1)
      expect(backoffMs(n + 1, policy, () => 0)).toBeGreaterThanOrEqual(
        backoffMs(n, policy, () => 1),
      );
  });
});
