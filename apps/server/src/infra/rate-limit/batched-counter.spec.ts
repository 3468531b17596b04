import { describe, expect, it } from 'vitest';
import type { Cache } from '../cache/cache.js';
import { MemoryCache } from '../cache/memory.cache.js';
import { BatchedCounter } from './batched-counter.js';

const WINDOW_MS = 60_000;

/** A shared cache that records every increment it is sent. */
function recordingCache(clock: () => number) {
  const cache = new MemoryCache(clock);
  const sent: { key: string; amount: number }[] = [];
  const increment = cache.increment.bind(cache);
  cache.increment = (key, windowMs, amount = 1) => {
    sent.push({ key, amount });
    return increment(key, windowMs, amount);
  };
  return { cache, sent };
}

function counterOn(cache: Cache, clock: () => number, errors: unknown[] = []) {
  return new BatchedCounter(cache, WINDOW_MS, 50, (error) => errors.push(error), clock);
}

describe('BatchedCounter', () => {
  it("counts a node's own hits at once and sends them as one increment per key", async () => {
    const clock = () => 1_000;
    const { cache, sent } = recordingCache(clock);
    const counter = counterOn(cache, clock);
    expect([1, 2, 3].map(() => counter.hit('a').count)).toEqual([1, 2, 3]);
    counter.hit('b');
    expect(sent).toEqual([]);
    await counter.flush();
    expect(sent).toEqual([
      { key: 'a', amount: 3 },
      { key: 'b', amount: 1 },
    ]);
    await counter.flush();
    expect(sent).toHaveLength(2);
  });

  it("learns the other nodes' hits from the shared count on its next flush", async () => {
    const clock = () => 1_000;
    const { cache } = recordingCache(clock);
    const first = counterOn(cache, clock);
    const second = counterOn(cache, clock);
    for (let i = 0; i < 3; i += 1) first.hit('ip');
    for (let i = 0; i < 2; i += 1) second.hit('ip');
    await second.flush();
    await first.flush();
    expect(first.hit('ip').count).toBe(6);
    expect(second.hit('ip').count).toBe(3);
  });

  it('flushes on its own after the interval', async () => {
    const { cache, sent } = recordingCache(Date.now);
    const counter = counterOn(cache, Date.now);
    counter.hit('timed');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(sent).toEqual([{ key: 'timed', amount: 1 }]);
  });

  it('starts a new window when the old one ends', async () => {
    let now = 1_000;
    const clock = () => now;
    const { cache } = recordingCache(clock);
    const counter = counterOn(cache, clock);
    counter.hit('ip');
    await counter.flush();
    expect(counter.hit('ip')).toEqual({ count: 2, resetInMs: WINDOW_MS });
    now += WINDOW_MS;
    expect(counter.hit('ip')).toEqual({ count: 1, resetInMs: WINDOW_MS });
  });

  it('keeps counting on its own when the cache fails, and reports the failure', async () => {
    const clock = () => 1_000;
    const broken = new MemoryCache(clock);
    broken.increment = () => Promise.reject(new Error('cache down'));
    const errors: unknown[] = [];
    const counter = counterOn(broken, clock, errors);
    counter.hit('ip');
    counter.hit('ip');
    await counter.flush();
    expect(errors).toHaveLength(1);
    expect(counter.hit('ip').count).toBe(3);
  });
});
