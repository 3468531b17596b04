import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.schema.js';
import { createCache } from '../../src/infra/cache/cache.module.js';
import type { Cache } from '../../src/infra/cache/cache.js';
import { startPrivateRedis, startPrivateSentinel } from '../support/private-services.js';
import type { PrivateRedis } from '../support/private-services.js';

// Redis with Sentinel, as a Kubernetes cluster runs it (Bitnami's chart, the Redis operator): the
// server asks the sentinels for the master, keeps working through a failover — the master killed,
// its replica promoted — and finds the new master by itself. Real processes: a master, a replica
// and a sentinel of their own on free ports.

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(what: string, attempt: () => Promise<T>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await attempt();
    } catch (error) {
      last = error;
      await wait(200);
    }
  }
  throw new Error(`${what} not within ${timeoutMs} ms: ${String(last)}`);
}

const role = (redis: PrivateRedis) =>
  execFileSync('redis-cli', ['-p', String(redis.port), 'role'], { stdio: 'pipe' })
    .toString()
    .split('\n')[0];

describe('Redis through Sentinel', () => {
  let master: PrivateRedis;
  let replica: PrivateRedis;
  let sentinel: PrivateRedis & { dir: string };
  let cache: Cache;

  beforeAll(async () => {
    master = await startPrivateRedis();
    replica = await startPrivateRedis(['--replicaof', '127.0.0.1', String(master.port)]);
    await eventually('the replica in sync', async () => {
      const info = execFileSync('redis-cli', ['-p', String(replica.port), 'info', 'replication']);
      if (!info.toString().includes('master_link_status:up')) throw new Error('not yet');
    });
    sentinel = await startPrivateSentinel('cardcoop', master);
    const config = parseConfig({
      REDIS_URL: 'redis://127.0.0.1:1/0', // the host is the sentinels' to name
      REDIS_SENTINELS: `127.0.0.1:${sentinel.port}`,
      REDIS_SENTINEL_MASTER: 'cardcoop',
      CACHE_KEY_PREFIX: 'sentinel-test:',
    });
    cache = createCache(config.cache);
  }, 60_000);

  afterAll(async () => {
    await cache?.close().catch(() => undefined);
    await Promise.all([master?.stop(), replica?.stop(), sentinel?.stop()]);
    if (sentinel) rmSync(sentinel.dir, { recursive: true, force: true });
  });

  it('reads and writes on the master the sentinels name', async () => {
    await cache.set('member', 'on the master', 60_000);
    expect(await cache.get('member')).toBe('on the master');
    const onMaster = execFileSync('redis-cli', [
      '-p',
      String(master.port),
      'get',
      'sentinel-test:member',
    ]);
    expect(onMaster.toString().trim()).toBe('on the master');
  });

  it('follows a failover: the master killed, the replica promoted, data and counters kept', async () => {
    await cache.set('before', 'replicated', 60_000);
    const counted = await cache.increment('window', 60_000);
    // The replica has everything before the master goes away.
    const acknowledged = execFileSync('redis-cli', [
      '-p',
      String(master.port),
      'wait',
      '1',
      '5000',
    ]);
    expect(acknowledged.toString().trim()).toBe('1');
    await master.stop();
    const started = Date.now();
    await eventually('the replica promoted', async () => {
      if (role(replica) !== 'master') throw new Error(`replica is ${role(replica)}`);
    });
    const value = await eventually('the cache back on the new master', () => cache.get('before'));
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `sentinel failover: the cache answered from the new master after ${seconds.toFixed(1)} s\n`,
    );
    expect(value).toBe('replicated');
    expect((await cache.increment('window', 60_000)).count).toBe(counted.count + 1);
    await cache.set('after', 'written to the new master', 60_000);
    const onReplica = execFileSync('redis-cli', [
      '-p',
      String(replica.port),
      'get',
      'sentinel-test:after',
    ]);
    expect(onReplica.toString().trim()).toBe('written to the new master');
    await cache.ping();
  }, 60_000);
});
