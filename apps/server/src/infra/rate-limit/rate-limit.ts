import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../../config/config.schema.js';
import { tooManyRequests } from '../../common/errors/app-error.js';
import type { Cache } from '../cache/cache.js';
import { BatchedCounter } from './batched-counter.js';

/** Probes and scrapes come often from one orchestrator address and must never be refused. */
const EXEMPT = /^\/(health|metrics)(\/|$|\?)/;
/** How long a node counts on its own before the other nodes see its hits (ADR 011). */
const FLUSH_MS = 50;
/** At most one warning per this interval while the cache is down. */
const WARN_EVERY_MS = 10_000;

/**
 * Per-address counters over a fixed window, kept in the shared cache so that a limit holds
 * across nodes (in batches, see BatchedCounter). A cache outage must not take the whole API
 * down with it: each node limits on its own meanwhile (readiness reports the cache as down),
 * and says so at most once per 10 s.
 */
export function sharedCounter(cache: Cache, windowMs: number, log: FastifyBaseLogger) {
  let warnedAt = Number.NEGATIVE_INFINITY;
  return new BatchedCounter(cache, windowMs, FLUSH_MS, (error) => {
    if (Date.now() - warnedAt < WARN_EVERY_MS) return;
    warnedAt = Date.now();
    log.warn({ err: error }, 'rate limit counted per node: cache unavailable');
  });
}

/**
 * Global per-IP limit over a fixed window, applied before routing so unknown paths count too.
 * Features add tighter limits.
 */
export function registerRateLimit(
  fastify: FastifyInstance,
  cache: Cache,
  limit: Config['http']['rateLimit'],
): void {
  const counter = sharedCounter(cache, limit.windowSeconds * 1000, fastify.log);
  fastify.addHook('onRequest', (request, reply, done) => {
    if (EXEMPT.test(request.url)) return done();
    const { count, resetInMs } = counter.hit(`rate:ip:${request.ip}`);
    void reply.header('RateLimit-Limit', String(limit.max));
    void reply.header('RateLimit-Remaining', String(Math.max(0, limit.max - count)));
    done(count <= limit.max ? undefined : tooManyRequests('RATE_LIMITED', resetInMs / 1000));
  });
}
