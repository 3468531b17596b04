import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from '../logging/logger.js';
import { redactUrl } from '../logging/redact.js';
import { nameServerSpan } from '../../infra/telemetry/active-trace.js';

const REQUEST_ID = /^[\w.:-]{8,128}$/;
export const REQUEST_ID_HEADER = 'x-request-id';

/** Accepts a caller's request id when it looks like one (so traces join up), else makes one. */
export function requestIdOf(request: { headers: FastifyRequest['headers'] }): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export type RequestObserver = (
  method: string,
  route: string,
  statusCode: number,
  seconds: number,
) => void;

/**
 * Echoes the request id, names the trace's server span by route, and logs and measures every
 * request once, when it completes (that line carries the trace id when tracing is on).
 */
export function registerRequestContext(fastify: FastifyInstance, observe: RequestObserver): void {
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    nameServerSpan(request.method, request.routeOptions.url);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    observe(request.method, route, reply.statusCode, seconds);
    // Redacting the URL costs a regular expression per request: only when the line is written.
    if (!(request.log as Logger).isLevelEnabled('info')) return;
    request.log.info(
      {
        method: request.method,
        url: redactUrl(request.url),
        route,
        statusCode: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
  });
}
