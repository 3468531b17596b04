// Named imports of a built-in, taken before tracing starts, as the webhook sender's are.
import { createServer, request } from 'node:http';
import { context, propagation, trace } from '@opentelemetry/api';
import { afterAll, describe, expect, it } from 'vitest';
import { activeTraceIds, nameServerSpan } from './active-trace.js';
import { startTracing } from './tracing.js';

describe('startTracing', () => {
  afterAll(() => {
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('without a provider (tracing off) there is no active trace to log', () => {
    trace.getTracer('spec').startActiveSpan('noop', (span) => {
      expect(activeTraceIds()).toBeUndefined();
      span.end();
    });
  });

  it('exports spans as OTLP/HTTP JSON to the endpoint, named by route, flushed by shutdown', async () => {
    const received: { url?: string; type?: string; body: string }[] = [];
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ url: request.url, type: request.headers['content-type'], body });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const tracing = startTracing({
        tracesUrl: `http://127.0.0.1:${port}/v1/traces`,
        serviceName: 'tracing-spec',
      });
      const ids = await trace.getTracer('spec').startActiveSpan('GET', async (span) => {
        nameServerSpan('GET', '/api/v1/card/:id');
        nameServerSpan('GET', undefined);
        await new Promise((resolve, reject) =>
          request(`http://127.0.0.1:${port}/ping`, (answer) => answer.resume().on('end', resolve))
            .on('error', reject)
            .end(),
        );
        const active = activeTraceIds();
        span.end();
        return active;
      });
      expect(ids?.traceId).toMatch(/^[0-9a-f]{32}$/);
      // Batched: nothing exported before the flush; the receiver has only seen the ping.
      expect(received.map((entry) => entry.url)).toEqual(['/ping']);
      await tracing.shutdown();
      expect(received).toHaveLength(2);
      expect(received[1]).toMatchObject({ url: '/v1/traces', type: 'application/json' });
      const body = received[1]!.body;
      // The ping's client span (kind 3), in the same trace: the named import was patched too.
      const clientSpan = new RegExp(
        `"traceId":"${ids!.traceId}"[^{}]*"kind":3[^]*?"url.full","value":\\{"stringValue":"http://127.0.0.1:${port}/ping"`,
      );
      expect(body).toMatch(clientSpan);
      expect(body).toContain('"GET /api/v1/card/:id"');
      expect(body).toContain('"http.route"');
      expect(body).toContain(ids!.traceId);
      expect(body).toContain('"tracing-spec"');
    } finally {
      receiver.close();
    }
  });
});
