import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { REDACTED, isSecretKey, maskEmails, redactUrl } from '../../common/logging/redact.js';

// Attributes of the HTTP instrumentations (stable and old conventions) that hold a URL or its parts.
const URL_ATTRIBUTES = ['url.full', 'url.path', 'http.url', 'http.target'];

/** `a=1&token=x` (with or without `?`) with the values of secret parameters replaced. */
function redactQuery(query: string): string {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  for (const name of [...params.keys()]) if (isSecretKey(name)) params.set(name, REDACTED);
  return maskEmails(params.toString());
}

/**
 * Rewrites every span's URL attributes when it starts, before any exporter sees it, with the same
 * rules as the logs: secret query parameters replaced, e-mails masked. Headers are never captured
 * (the instrumentations' `headersToSpanAttributes` stay unset), so no token or cookie gets in.
 */
export class RedactingSpanProcessor implements SpanProcessor {
  onStart(span: Span, _parentContext: Context): void {
    for (const name of URL_ATTRIBUTES) {
      const value = span.attributes[name];
      if (typeof value === 'string') span.setAttribute(name, redactUrl(value));
    }
    const query = span.attributes['url.query'];
    if (typeof query === 'string') span.setAttribute('url.query', redactQuery(query));
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
