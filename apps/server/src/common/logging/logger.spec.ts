import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import type { LogStyle } from './logger.js';
import { ECS_VERSION } from './ecs.js';

function capture(style?: LogStyle) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', sink, style), lines };
}

const provider = new NodeTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())],
});
beforeAll(() => provider.register());
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
});

/** Runs `write` inside a fresh active span; returns that span's ids. */
function inSpan(write: () => void): { traceId: string; spanId: string } {
  return trace.getTracer('logger.spec').startActiveSpan('request', (span) => {
    write();
    span.end();
    return span.spanContext();
  });
}

describe('createLogger', () => {
  it('json: pino fields; the trace and span ids only on lines written inside a span', () => {
    const { logger, lines } = capture();
    logger.info({ route: '/r' }, 'outside');
    const ids = inSpan(() => logger.child({ requestId: 'req-1' }).info('inside'));
    expect(lines[0]).toMatchObject({ level: 30, msg: 'outside', service: 'cardcoop', route: '/r' });
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[1]).toMatchObject({
      msg: 'inside',
      requestId: 'req-1',
      trace_id: ids.traceId,
      span_id: ids.spanId,
    });
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('ecs: @timestamp, log.level, message, ecs.version, service.name, trace.id, span.id, error.*', () => {
    const { logger, lines } = capture({ format: 'ecs', service: 'cardcoop-eu' });
    const ids = inSpan(() => logger.error({ err: new TypeError('bad input') }, 'failed'));
    logger.info({ password: 'hunter2', email: 'ivan.petrov@example.org' }, 'redacted');
    expect(lines[0]).toMatchObject({
      '@timestamp': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      'log.level': 'error',
      message: 'failed',
      'ecs.version': ECS_VERSION,
      'service.name': 'cardcoop-eu',
      'trace.id': ids.traceId,
      'span.id': ids.spanId,
      'error.type': 'TypeError',
      'error.message': 'bad input',
      'error.stack_trace': expect.stringContaining('TypeError: bad input'),
    });
    for (const pinoField of ['level', 'time', 'msg', 'err', 'service'])
      expect(lines[0]).not.toHaveProperty(pinoField);
    expect(lines[1]).toMatchObject({ password: '[REDACTED]', email: 'i***@example.org' });
    expect(lines[1]).not.toHaveProperty('trace.id');
  });
});
