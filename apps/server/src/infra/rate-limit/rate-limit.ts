import type { FastifyInstance } from 'fastify';
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
 * Global per-IP limit over a fixed window, counted in the shared cache so that it holds across
 * nodes (in batches, see BatchedCounter), and applied before routing so unknown paths count
 * too. Features add tighter limits.
 */
export function registerRateLimit(
  fastify: FastifyInstance,
  cache: Cache,
  limit: Config['http']['rateLimit'],
): void {
  let warnedAt = Number.NEGATIVE_INFINITY;
  const counter = new BatchedCounter(cache, limit.windowSeconds * 1000, FLUSH_MS, (error) => {
    // A cache outage must not take the whole API down with it: each node limits on its own
    // meanwhile. Readiness reports the cache as down.
    if (Date.now() - warnedAt < WARN_EVERY_MS) return;
    warnedAt = Date.now();
    fastify.log.warn({ err: error }, 'rate limit counted per node: cache unavailable');
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (EXEMPT.test(request.url)) return done();
    const { count, resetInMs } = counter.hit(`rate:ip:${request.ip}`);
    void reply.header('RateLimit-Limit', String(limit.max));
    void reply.header('RateLimit-Remaining', String(Math.max(0, limit.max - count)));
    done(count <= limit.max ? undefined : tooManyRequests('RATE_LIMITED', resetInMs / 1000));
  });
}
