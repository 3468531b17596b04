/**
 * Cache and coordination shared by every node: short-lived values, atomic counters,
 * pub/sub and locks. Redis in production, in-process for a single embedded node.
 * Nothing here is a source of truth: losing it (a Redis restart) must lose no data.
 */
export interface Cache {
  get(key: string): Promise<string | null>;
  /** Stores a value; without ttlMs it lives until deleted. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Stores only when the key is absent; true when this call stored it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Reads and deletes in one step: of two concurrent callers only one gets the value. */
  take(key: string): Promise<string | null>;
  /** True when the key existed. */
  delete(key: string): Promise<boolean>;
  /**
   * Adds `amount` (default one) to a counter. The window starts with the first increment and is
   * not extended by later ones, so the counter resets `windowMs` after it was created.
   */
  increment(key: string, windowMs: number, amount?: number): Promise<Counter>;
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once the subscription is active; call the returned function to stop. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  /** A lock held until released or until ttlMs passes; null when someone else holds it. */
  tryLock(name: string, ttlMs: number): Promise<Lock | null>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface Counter {
  count: number;
  /** Milliseconds until the counter resets. */
  resetInMs: number;
}

export interface Lock {
  /** False when the lock had already expired (and may be held by someone else). */
  release(): Promise<boolean>;
}

export const CACHE = Symbol('CACHE');
