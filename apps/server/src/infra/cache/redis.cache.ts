import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import type { Cache, Counter, Lock } from './cache.js';

// The window is set by the first increment only, atomically with it.
const INCREMENT = `
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
if count == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** The scripts, sent once and then called by their SHA (EVALSHA) on every use. */
type ScriptedRedis = Redis & {
  incrementWithWindow(key: string, windowMs: number, amount: number): Promise<[number, number]>;
  releaseIfOwner(key: string, token: string): Promise<number>;
};

/** Sentinels to ask for the current master of `master` (Redis Sentinel, high availability). */
export interface RedisSentinel {
  hosts: { host: string; port: number }[];
  master: string;
}

/**
 * Where to connect: the URL alone, or with Sentinel the URL's credentials, database and TLS on
 * whichever server the sentinels name as master (after a failover, the new one).
 */
function connectionOptions(url: string, sentinel: RedisSentinel | undefined): RedisOptions {
  if (!sentinel) return {};
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  const database = parsed.pathname.replace(/^\//, '');
  return {
    sentinels: sentinel.hosts,
    name: sentinel.master,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(password ? { password, sentinelPassword: password } : {}),
    ...(database ? { db: Number(database) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {}, enableTLSForSentinelMode: true } : {}),
  };
}

/** Redis-backed cache shared by every node. Keys are namespaced by `prefix`. */
export class RedisCache implements Cache {
  private readonly client: ScriptedRedis;
  private subscriber: Redis | undefined;
  private readonly handlers = new Map<string, Set<(message: string) => void>>();

  constructor(
    url: string,
    private readonly prefix: string,
    sentinel?: RedisSentinel,
  ) {
    const options: RedisOptions = {
      ...connectionOptions(url, sentinel),
      keyPrefix: prefix,
      lazyConnect: false,
      // Bounded: while Redis is away a command fails within a second (answered 503), instead of
      // waiting in ioredis's offline queue through reconnects.
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
      connectTimeout: 2000,
      // Commands issued in the same tick (concurrent requests' rate limits) share one write.
      enableAutoPipelining: true,
    };
    const client = sentinel ? new Redis(options) : new Redis(url, options);
    client.defineCommand('incrementWithWindow', { numberOfKeys: 1, lua: INCREMENT });
    client.defineCommand('releaseIfOwner', { numberOfKeys: 1, lua: RELEASE });
    this.client = client as ScriptedRedis;
    this.client.on('error', () => {
      // Connection errors surface on the failing command and in readiness; ioredis reconnects.
    });
    // Commands queue until the first connection (start-up); after that, a command sent while
    // disconnected fails at once instead of waiting for a reconnect.
    this.client.once('ready', () => {
      this.client.options.enableOfflineQueue = false;
    });
  }

  async get(key: string): Promise<string | null> {
    return this.client.get(key);
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) await this.client.set(key, value);
    else await this.client.set(key, value, 'PX', ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.client.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async take(key: string): Promise<string | null> {
    return this.client.getdel(key);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.client.del(key)) > 0;
  }

  async increment(key: string, windowMs: number, amount = 1): Promise<Counter> {
    const [count, ttl] = await this.client.incrementWithWindow(key, windowMs, amount);
    return { count, resetInMs: Math.max(0, ttl) };
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.client.publish(this.prefix + channel, message);
  }

  private async subscriberConnection(): Promise<Redis> {
    if (!this.subscriber) {
      const subscriber = this.client.duplicate({ keyPrefix: '', enableOfflineQueue: true });
      subscriber.on('error', () => {});
      subscriber.on('message', (channel: string, message: string) => {
        for (const handler of this.handlers.get(channel) ?? []) handler(message);
      });
      this.subscriber = subscriber;
    }
    return this.subscriber;
  }

  async subscribe(
    channel: string,
    onMessage: (message: string) => void,
  ): Promise<() => Promise<void>> {
    const subscriber = await this.subscriberConnection();
    const name = this.prefix + channel;
    let handlers = this.handlers.get(name);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(name, handlers);
      await subscriber.subscribe(name);
    }
    handlers.add(onMessage);
    return async () => {
      handlers.delete(onMessage);
      if (handlers.size === 0 && this.handlers.get(name) === handlers) {
        this.handlers.delete(name);
        await subscriber.unsubscribe(name);
      }
    };
  }

  async tryLock(name: string, ttlMs: number): Promise<Lock | null> {
    const key = `lock:${name}`;
    const token = randomUUID();
    if (!(await this.setIfAbsent(key, token, ttlMs))) return null;
    return { release: async () => (await this.client.releaseIfOwner(key, token)) === 1 };
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    await Promise.all([this.client.quit(), this.subscriber?.quit()]);
  }
}
