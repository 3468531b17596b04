import { Inject, Injectable } from '@nestjs/common';
import { tooManyRequests } from '../../common/errors/app-error.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';

export interface Limit {
  max: number;
  windowSeconds: number;
}

/**
 * Per-IP and per-address limits of the auth endpoints. Logins have no per-address limit: a
 * stranger could use one to keep the owner out; the lockout (`LoginLockout`) caps guessing.
 */
export const LIMITS = {
  codesPerIp: { max: 20, windowSeconds: 3600 },
  codesPerEmail: { max: 5, windowSeconds: 3600 },
  /** Code mails one account may send to new addresses (change-email), whatever the IP. */
  emailChangesPerAccount: { max: 5, windowSeconds: 3600 },
  verifyPerIp: { max: 30, windowSeconds: 600 },
  loginPerIp: { max: 60, windowSeconds: 60 },
  completePerIp: { max: 60, windowSeconds: 60 },
  refreshPerIp: { max: 120, windowSeconds: 60 },
} satisfies Record<string, Limit>;

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
}
