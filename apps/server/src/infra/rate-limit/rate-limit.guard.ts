import { Inject, Injectable, SetMetadata } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { AppError } from '../../common/errors/app-error.js';
import { CACHE } from '../cache/cache.js';
import type { Cache } from '../cache/cache.js';

const SKIP = 'cardcoop:skip-rate-limit';

/** Exempts probes and scrapes, which orchestrators call often from one address. */
export const SkipRateLimit = () => SetMetadata(SKIP, true);

/**
 * Global per-IP limit over a fixed window, counted in the shared cache so that it holds
 * across nodes. Feature modules add their own tighter limits on top.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(CACHE) private readonly cache: Cache,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(SKIP, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const { max, windowSeconds } = this.config.http.rateLimit;
    const counter = await this.cache.increment(`rate:ip:${request.ip}`, windowSeconds * 1000);
    reply.header('RateLimit-Limit', String(max));
    reply.header('RateLimit-Remaining', String(Math.max(0, max - counter.count)));
    if (counter.count <= max) return true;
    const retryAfter = Math.max(1, Math.ceil(counter.resetInMs / 1000));
    throw new AppError('RATE_LIMITED', 429, {
      params: { retryAfter },
      headers: { 'Retry-After': String(retryAfter) },
    });
  }
}
