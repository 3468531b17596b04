import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/config.schema.js';
import { tooManyRequests } from '../../common/errors/app-error.js';
import type { Cache, Counter } from '../cache/cache.js';

/** Probes and scrapes come often from one orchestrator address and must never be refused. */
const EXEMPT = /^\/(health|metrics)(\/|$|\?)/;

/**
 * Global per-IP limit over a fixed window, counted in the shared cache so that it holds across
 * nodes, and applied before routing so unknown paths count too. Features add tighter limits.
 */
export function registerRateLimit(
  fastify: FastifyInstance,
  cache: Cache,
  limit: Config['http']['rateLimit'],
): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (EXEMPT.test(request.url)) return;
    let counter: Counter;
    try {
      counter = await cache.increment(`rate:ip:${request.ip}`, limit.windowSeconds * 1000);
    } catch (error) {
      // A cache outage must not take the whole API down with it: serve unlimited and say so.
      // Readiness reports the cache as down meanwhile.
      request.log.warn({ err: error }, 'rate limit skipped: cache unavailable');
      return;
    }
    void reply.header('RateLimit-Limit', String(limit.max));
    void reply.header('RateLimit-Remaining', String(Math.max(0, limit.max - counter.count)));
    if (counter.count <= limit.max) return;
    throw tooManyRequests('RATE_LIMITED', counter.resetInMs / 1000);
  });
}
