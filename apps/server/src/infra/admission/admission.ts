import type { FastifyInstance } from 'fastify';
import { Counter } from 'prom-client';
import type { Registry } from 'prom-client';
import { AppError } from '../../common/errors/app-error.js';

/** Probes and scrapes must answer while the node is full: that is when they matter most. */
const EXEMPT = /^\/(health|metrics)(\/|$|\?)/;
/** What a refused client is told to wait: the requests in flight finish within about that. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Per-node admission: at most `maxInFlight` requests are being served at once; one more is
 * refused at once with 503 `SERVICE_UNAVAILABLE` and `Retry-After`, before any database or cache
 * work, so that a burst far above what the node can serve does not queue every request behind
 * all the others' statements (each would then take seconds, and none would finish in time).
 * A request leaves the count when its response is finished or its connection closes.
 * `maxInFlight` 0 turns admission off.
 */
export function registerAdmission(
  fastify: FastifyInstance,
  maxInFlight: number,
  registry: Registry,
): void {
  if (maxInFlight === 0) return;
  const refused = new Counter({
    name: 'http_requests_refused_overload_total',
    help: 'Requests refused with 503 because the node had MAX_IN_FLIGHT requests in flight',
    registers: [registry],
  });
  let inFlight = 0;
  fastify.addHook('onRequest', (request, reply, done) => {
    if (EXEMPT.test(request.url)) return done();
    if (inFlight >= maxInFlight) {
      refused.inc();
      return done(
        new AppError('SERVICE_UNAVAILABLE', 503, {
          headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
        }),
      );
    }
    inFlight += 1;
    // 'close' comes once per response, finished or aborted.
    reply.raw.once('close', () => (inFlight -= 1));
    done();
  });
}
