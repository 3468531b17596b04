import type { Cache, Counter } from '../cache/cache.js';

interface Tally {
  /** The shared count the cache last answered, this node's sent hits included. */
  shared: number;
  /** Hits counted here and not yet acknowledged by the cache. */
  pending: number;
  resetAt: number;
}

/**
 * Fixed-window counters kept in the shared cache but counted here: a hit costs a map lookup,
 * and the hits of every key are sent to the cache together every `flushMs` (one increment per
 * key). A node sees its own hits at once and the other nodes' within `flushMs`; if the cache
 * fails, the hits stay counted here, so a node still limits on its own.
 */
export class BatchedCounter {
  private readonly tallies = new Map<string, Tally>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly cache: Cache,
    private readonly windowMs: number,
    private readonly flushMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  hit(key: string): Counter {
    const now = this.now();
    let tally = this.tallies.get(key);
    if (!tally || tally.resetAt <= now) {
      tally = { shared: 0, pending: 0, resetAt: now + this.windowMs };
      this.tallies.set(key, tally);
    }
    tally.pending += 1;
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
    return { count: tally.shared + tally.pending, resetInMs: tally.resetAt - now };
  }

  /** Sends the pending hits now; resolves once the cache has answered for all of them. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.now();
    const sends: Promise<void>[] = [];
    for (const [key, tally] of this.tallies) {
      if (tally.pending > 0) sends.push(this.send(key, tally));
      else if (tally.resetAt <= now) this.tallies.delete(key);
    }
    this.flushing = Promise.all([this.flushing, ...sends]).then(() => undefined);
    return this.flushing;
  }

  private async send(key: string, tally: Tally): Promise<void> {
    const amount = tally.pending;
    tally.pending -= amount;
    tally.shared += amount;
    try {
      const counter = await this.cache.increment(key, this.windowMs, amount);
      // Hits that arrived meanwhile stay pending on top of the shared count.
      tally.shared = counter.count;
      tally.resetAt = this.now() + counter.resetInMs;
    } catch (error) {
      this.onError(error);
    }
  }
}
