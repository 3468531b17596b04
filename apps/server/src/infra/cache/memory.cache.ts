import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { Cache, Counter, Lock } from './cache.js';

interface Entry {
  value: string;
  expiresAt: number;
}

/** The in-process cache of an embedded single node; same contract as Redis. */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, Entry>();
  private readonly bus = new EventEmitter().setMaxListeners(0);
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 30_000).unref();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private expiry(ttlMs: number | undefined): number {
    return ttlMs === undefined ? Number.POSITIVE_INFINITY : this.now() + ttlMs;
  }

  private sweep(): void {
    for (const key of this.entries.keys()) this.live(key);
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.expiry(ttlMs) });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.entries.set(key, { value, expiresAt: this.expiry(ttlMs) });
    return true;
  }

  async take(key: string): Promise<string | null> {
    const entry = this.live(key);
    this.entries.delete(key);
    return entry?.value ?? null;
  }

  async delete(key: string): Promise<boolean> {
    const existed = this.live(key) !== undefined;
    this.entries.delete(key);
    return existed;
  }

  async increment(key: string, windowMs: number, amount = 1): Promise<Counter> {
    const entry = this.live(key);
    const next = entry
      ? { value: String(Number(entry.value) + amount), expiresAt: entry.expiresAt }
      : { value: String(amount), expiresAt: this.expiry(windowMs) };
    this.entries.set(key, next);
    return { count: Number(next.value), resetInMs: Math.max(0, next.expiresAt - this.now()) };
  }

  async publish(channel: string, message: string): Promise<void> {
    // Delivered asynchronously, as over a network.
    queueMicrotask(() => this.bus.emit(channel, message));
  }

  async subscribe(
    channel: string,
    onMessage: (message: string) => void,
  ): Promise<() => Promise<void>> {
    this.bus.on(channel, onMessage);
    return async () => {
      this.bus.off(channel, onMessage);
    };
  }

  async tryLock(name: string, ttlMs: number): Promise<Lock | null> {
    const key = `lock:${name}`;
    const token = randomUUID();
    if (!(await this.setIfAbsent(key, token, ttlMs))) return null;
    return {
      release: async () => {
        if (this.live(key)?.value !== token) return false;
        this.entries.delete(key);
        return true;
      },
    };
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.bus.removeAllListeners();
    this.entries.clear();
  }
}
