import { describe, expect, it } from 'vitest';
import { mannWhitney, median } from './statistics.js';

describe('Mann–Whitney U', () => {
  it('finds no difference between samples of one distribution', () => {
    const a = Array.from({ length: 50 }, (_, i) => (i * 7919) % 101);
    const b = Array.from({ length: 50 }, (_, i) => (i * 104729 + 13) % 101);
    expect(mannWhitney(a, b).p).toBeGreaterThan(0.05);
  });

  it('finds a shift of a few units in noisy samples', () => {
    const a = Array.from({ length: 50 }, (_, i) => 20 + ((i * 7919) % 11));
    const b = a.map((value) => value + 4);
    const { p, z } = mannWhitney(a, b);
    expect(p).toBeLessThan(1e-4);
    expect(z).toBeLessThan(0);
  });

  it('agrees with a textbook value (n1 = n2 = 10, no overlap: |z| = 3.78)', () => {
    const a = Array.from({ length: 10 }, (_, i) => i);
    const b = Array.from({ length: 10 }, (_, i) => 100 + i);
    const { u, z, p } = mannWhitney(a, b);
    expect(u).toBe(0);
    expect(z).toBeCloseTo(-3.78, 2);
    expect(p).toBeCloseTo(0.000157, 4);
  });

  it('takes medians of odd and even samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
