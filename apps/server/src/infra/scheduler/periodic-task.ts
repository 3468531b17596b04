import type { Cache } from '../cache/cache.js';

/**
 * A job that runs every `everyMs` on at most one node at a time (a lock in the shared cache).
 * Jobs must be idempotent: a run that dies releases nothing but its lock's expiry.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly cache: Cache,
    private readonly name: string,
    private readonly everyMs: number,
    /** A failed scheduled run (it is tried again at the next tick): logged and counted. */
    private readonly onFailure: (name: string, error: unknown) => void,
  ) {}

  start(job: () => Promise<unknown>): void {
    this.timer = setInterval(
      () => void this.runOnce(job).catch((error: unknown) => this.onFailure(this.name, error)),
      this.everyMs,
    ).unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Runs the job now unless another node is running it; undefined when it did not run. */
  async runOnce<T>(job: () => Promise<T>): Promise<T | undefined> {
    const lock = await this.cache.tryLock(`task:${this.name}`, this.everyMs);
    if (!lock) return undefined;
    try {
      return await job();
    } finally {
      await lock.release();
    }
  }
}
