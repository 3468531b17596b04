import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/database.js';
import type { NoticeHandlers } from '../../db/notices.js';
import { SESSION_CHANGED, SESSION_KEEP_MS, SessionCache } from './session-cache.js';
import type { SessionRow } from './sessions.repository.js';

const row = (id: string, revokedAt: Date | null = null) =>
  ({ id, userId: 'u', revokedAt, expiresAt: new Date(Date.now() + 60_000) }) as SessionRow;

/** A cache on a database whose notices the test sends. */
async function cacheWithNotices() {
  let handlers: NoticeHandlers | undefined;
  let channel = '';
  const database = {
    listen: async (name: string, given: NoticeHandlers) => {
      channel = name;
      handlers = given;
      return async () => {};
    },
  } as unknown as Database;
  const cache = new SessionCache(database);
  await cache.onModuleInit();
  const loads: string[] = [];
  const load =
    (id: string, revokedAt: Date | null = null) =>
    async () => {
      loads.push(id);
      return row(id, revokedAt);
    };
  return { cache, load, loads, notices: () => handlers!, channel: () => channel };
}

describe('SessionCache', () => {
  afterEach(() => vi.useRealTimers());

  it('reads a kept session again after 15–30 s, at a different moment for each session', async () => {
    vi.useFakeTimers();
    const { cache, load, loads, notices } = await cacheWithNotices();
    notices().up();
    const ids = Array.from({ length: 200 }, (_, i) => `s${i}`);
    for (const id of ids) await cache.read(id, load(id));
    const readAgainAt: number[] = [];
    for (let second = 1; second <= 31; second += 1) {
      vi.advanceTimersByTime(1000);
      const before = loads.length;
      for (const id of ids) await cache.read(id, load(id));
      for (let n = before; n < loads.length; n += 1) readAgainAt.push(second);
      loads.length = before;
    }
    // Every session read once more within the 30 s, none before half of it, not all at once.
    expect(readAgainAt).toHaveLength(200);
    expect(Math.min(...readAgainAt)).toBeGreaterThanOrEqual(SESSION_KEEP_MS / 2000);
    expect(Math.max(...readAgainAt)).toBeLessThanOrEqual(SESSION_KEEP_MS / 1000);
    expect(new Set(readAgainAt).size).toBeGreaterThan(10);
  });

  it('reads a session once while nothing changes it, on the migration’s channel', async () => {
    const { cache, load, loads, channel, notices } = await cacheWithNotices();
    expect(channel()).toBe(SESSION_CHANGED);
    // Not listening yet: every read goes to the database.
    await cache.read('s1', load('s1'));
    await cache.read('s1', load('s1'));
    expect(loads).toEqual(['s1', 's1']);
    notices().up();
    await cache.read('s1', load('s1'));
    expect((await cache.read('s1', load('s1')))?.id).toBe('s1');
    expect(loads).toEqual(['s1', 's1', 's1']);
  });

  it('drops a session on its notice, all of them on "*", and keeps no revoked one', async () => {
    const { cache, load, loads, notices } = await cacheWithNotices();
    notices().up();
    await cache.read('s1', load('s1'));
    await cache.read('s2', load('s2'));
    notices().notice('s1');
    await cache.read('s1', load('s1'));
    await cache.read('s2', load('s2'));
    expect(loads).toEqual(['s1', 's2', 's1']);
    notices().notice('*');
    await cache.read('s2', load('s2'));
    expect(loads).toEqual(['s1', 's2', 's1', 's2']);
    await cache.read('s3', load('s3', new Date()));
    await cache.read('s3', load('s3', new Date()));
    expect(loads.filter((id) => id === 's3')).toHaveLength(2);
  });

  it('does not keep a read that a notice overtook, nor anything while not listening', async () => {
    const { cache, load, loads, notices } = await cacheWithNotices();
    notices().up();
    let release: () => void = () => {};
    const slow = cache.read('s1', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return row('s1');
    });
    notices().notice('s1');
    release();
    await slow;
    await cache.read('s1', load('s1'));
    expect(loads).toEqual(['s1']);
    notices().down();
    await cache.read('s1', load('s1'));
    await cache.read('s1', load('s1'));
    expect(loads).toEqual(['s1', 's1', 's1']);
  });

  it('forgets what this node changed at once', async () => {
    const { cache, load, loads, notices } = await cacheWithNotices();
    notices().up();
    await cache.read('s1', load('s1'));
    cache.forget('s1');
    await cache.read('s1', load('s1'));
    expect(loads).toEqual(['s1', 's1']);
  });
});
