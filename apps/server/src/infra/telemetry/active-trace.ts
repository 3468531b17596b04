import { trace } from '@opentelemetry/api';

export interface TraceIds {
  traceId: string;
  spanId: string;
}

/** The trace and span of the code running now; undefined when tracing is off or outside a span. */
export function activeTraceIds(): TraceIds | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return trace.isSpanContextValid(span.spanContext()) ? { traceId, spanId } : undefined;
}

/**
 * Names the request's HTTP server span by its route template (`GET /api/v1/card/:id`), never by
 * the URL with its ids and query. A no-op when tracing is off.
 */
export function nameServerSpan(method: string, route: string | undefined): void {
  if (!route) return;
  trace.getActiveSpan()?.updateName(`${method} ${route}`).setAttribute('http.route', route);
}
