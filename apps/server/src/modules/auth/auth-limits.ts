import { Inject, Injectable } from '@nestjs/common';
import { tooManyRequests } from '../../common/errors/app-error.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';

export interface Limit {
  max: number;
  windowSeconds: number;
}

/** Per-IP and per-address limits of the auth endpoints. */
export const LIMITS = {
  codesPerIp: { max: 20, windowSeconds: 3600 },
  codesPerEmail: { max: 5, windowSeconds: 3600 },
  verifyPerIp: { max: 30, windowSeconds: 600 },
  loginPerIp: { max: 60, windowSeconds: 60 },
  loginPerEmail: { max: 20, windowSeconds: 60 },
  refreshPerIp: { max: 120, windowSeconds: 60 },
} satisfies Record<string, Limit>;

/** Failed password attempts per address before the address is locked, and for how long. */
const LOCKOUT_STEPS: [failures: number, lockSeconds: number][] = [
  [5, 60],
  [10, 300],
  [20, 1800],
];
const FAILURE_WINDOW_SECONDS = 3600;

/** Counters live in the shared cache, so limits hold across nodes. */
@Injectable()
export class AuthLimits {
  constructor(@Inject(CACHE) private readonly cache: Cache) {}

  async hit(name: keyof typeof LIMITS, subject: string): Promise<void> {
    const limit = LIMITS[name];
    const counter = await this.cache.increment(
      `limit:${name}:${subject}`,
      limit.windowSeconds * 1000,
    );
    if (counter.count > limit.max) throw tooManyRequests('RATE_LIMITED', counter.resetInMs / 1000);
  }

  /** Refuses while the address is locked after repeated failures. */
  async assertNotLocked(emailLookup: string): Promise<void> {
    const until = Number(await this.cache.get(`lockout:${emailLookup}`));
    if (until > Date.now()) throw tooManyRequests('TOO_MANY_ATTEMPTS', (until - Date.now()) / 1000);
  }

  /**
   * A password round started (login or re-authentication): it counts as failed until it
   * succeeds (`clearFailures`). When the rounds started before it without success reach a step,
   * the address locks now, this one included; the lock's length in minutes is returned then.
   */
  async recordAttempt(emailLookup: string): Promise<number | null> {
    const windowMs = FAILURE_WINDOW_SECONDS * 1000;
    const { count } = await this.cache.increment(`failures:${emailLookup}`, windowMs);
    const step = LOCKOUT_STEPS.find(([failures]) => failures === count - 1);
    if (!step) return null;
    const lockMs = step[1] * 1000;
    await this.cache.set(`lockout:${emailLookup}`, String(Date.now() + lockMs), lockMs);
    return step[1] / 60;
  }

  /** A proven password: the count starts again. */
  async clearFailures(emailLookup: string): Promise<void> {
    await this.cache.delete(`failures:${emailLookup}`);
  }
}
