import { context, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { RedactingSpanProcessor } from './redacting-span-processor.js';

describe('RedactingSpanProcessor', () => {
  it('rewrites URL attributes before the exporter sees them: secret parameters, e-mails', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new RedactingSpanProcessor(), new SimpleSpanProcessor(exporter)],
    });
    const span = provider.getTracer('spec').startSpan(
      'GET',
      {
        attributes: {
          'url.full': 'https://coop.example/cb?code=abc123&state=s1&page=2',
          'url.path': '/api/v1/users/ivan.petrov@example.org',
          'url.query': '?access_token=tok-9&sort=asc',
          'http.target': '/reset?ticket=t-77',
          'http.request.method': 'GET',
        },
      },
      context.active(),
    );
    span.end();
    const [exported] = exporter.getFinishedSpans();
    await provider.shutdown();
    expect(exported?.attributes).toEqual({
      'url.full': 'https://coop.example/cb?code=%5BREDACTED%5D&state=s1&page=2',
      // The logs' e-mail mask: everything up to the @ that is not a space or quote (slashes too).
      'url.path': '/***@example.org',
      'url.query': 'access_token=%5BREDACTED%5D&sort=asc',
      'http.target': '/reset?ticket=%5BREDACTED%5D',
      'http.request.method': 'GET',
    });
    expect(JSON.stringify(exported?.attributes)).not.toMatch(/abc123|tok-9|t-77|ivan/);
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});
