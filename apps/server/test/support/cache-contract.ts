import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cache } from '../../src/infra/cache/cache.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The behaviour every Cache implementation must have; run against each one. */
export function describeCacheContract(name: string, create: () => Cache): void {
  describe(`Cache contract: ${name}`, () => {
    let cache: Cache;
    beforeAll(() => {
      cache = create();
    });
    afterAll(async () => {
      await cache.close();
    });

    it('stores, reads and deletes values', async () => {
      expect(await cache.get('a')).toBeNull();
      await cache.set('a', '1');
      expect(await cache.get('a')).toBe('1');
      expect(await cache.delete('a')).toBe(true);
      expect(await cache.delete('a')).toBe(false);
      expect(await cache.get('a')).toBeNull();
    });

    it('expires values after their TTL', async () => {
      await cache.set('ttl', 'x', 60);
      expect(await cache.get('ttl')).toBe('x');
      await expect.poll(() => cache.get('ttl'), { interval: 20, timeout: 1000 }).toBeNull();
    });

    it('setIfAbsent stores only once until the value expires', async () => {
      expect(await cache.setIfAbsent('nx', 'first', 80)).toBe(true);
      expect(await cache.setIfAbsent('nx', 'second', 80)).toBe(false);
      expect(await cache.get('nx')).toBe('first');
      await expect.poll(() => cache.get('nx'), { interval: 20, timeout: 1000 }).toBeNull();
      expect(await cache.setIfAbsent('nx', 'third', 80)).toBe(true);
    });

    it('take returns a value to exactly one of many concurrent callers', async () => {
      await cache.set('once', 'state', 5000);
      const results = await Promise.all(Array.from({ length: 10 }, () => cache.take('once')));
      expect(results.filter((value) => value === 'state')).toHaveLength(1);
      expect(await cache.get('once')).toBeNull();
    });

    it('counts atomically within a window that later increments do not extend', async () => {
      const counts = await Promise.all(
        Array.from({ length: 20 }, () => cache.increment('ctr', 200)),
      );
      expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      for (const counter of counts) {
        expect(counter.resetInMs).toBeGreaterThan(0);
        expect(counter.resetInMs).toBeLessThanOrEqual(200);
      }
      await sleep(100);
      const later = await cache.increment('ctr', 200);
      expect(later.count).toBe(21);
      expect(later.resetInMs).toBeLessThanOrEqual(110);
      await sleep(150);
      expect((await cache.increment('ctr', 200)).count).toBe(1);
    });

    it('adds a batch in one increment, starting the window only when it creates the counter', async () => {
      expect((await cache.increment('batch', 200, 5)).count).toBe(5);
      await sleep(100);
      const later = await cache.increment('batch', 200, 3);
      expect(later.count).toBe(8);
      expect(later.resetInMs).toBeLessThanOrEqual(110);
      await sleep(150);
      const fresh = await cache.increment('batch', 200, 4);
      expect(fresh.count).toBe(4);
      expect(fresh.resetInMs).toBeGreaterThan(150);
    });

    it('delivers published messages to every subscriber until it unsubscribes', async () => {
      const first: string[] = [];
      const second: string[] = [];
      const stopFirst = await cache.subscribe('news', (message) => first.push(message));
      const stopSecond = await cache.subscribe('news', (message) => second.push(message));
      await cache.publish('news', 'hello');
      await expect.poll(() => second).toEqual(['hello']);
      expect(first).toEqual(['hello']);
      await stopFirst();
      await cache.publish('news', 'again');
      await expect.poll(() => second).toEqual(['hello', 'again']);
      expect(first).toEqual(['hello']);
      await stopSecond();
    });

    it('does not deliver messages of other channels', async () => {
      const received: string[] = [];
      const stop = await cache.subscribe('one', (message) => received.push(message));
      await cache.publish('two', 'not for you');
      await cache.publish('one', 'for you');
      await expect.poll(() => received).toEqual(['for you']);
      await stop();
    });

    it('grants a lock to one holder at a time and frees it on release or expiry', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 5 }, () => cache.tryLock('job', 100)),
      );
      const held = attempts.filter((lock) => lock !== null);
      expect(held).toHaveLength(1);
      expect(await held[0]!.release()).toBe(true);
      const next = await cache.tryLock('job', 60);
      expect(next).not.toBeNull();
      // Expired: a late release must not remove a lock someone else now holds.
      let thief: Awaited<ReturnType<Cache['tryLock']>> = null;
      await expect
        .poll(async () => (thief = await cache.tryLock('job', 1000)), {
          interval: 20,
          timeout: 1000,
        })
        .not.toBeNull();
      expect(await next!.release()).toBe(false);
      expect(await cache.tryLock('job', 1000)).toBeNull();
      expect(await thief!.release()).toBe(true);
    });

    it('answers ping', async () => {
      await expect(cache.ping()).resolves.toBeUndefined();
    });
  });
}
