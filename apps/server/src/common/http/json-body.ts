import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.js';

/**
 * Text that JSON can carry but PostgreSQL cannot store: NUL (`\u0000`, refused in `text` and
 * `jsonb`) and lone UTF-16 surrogates (`\ud800`, refused in `jsonb`). In a JSON body they can
 * only arrive as escapes, so a body without such an escape is not walked at all.
 */
const SUSPECT_ESCAPE = /\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})/;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function unstorable(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/**
 * The dotted path of the first string (value or key) in `value` that cannot be stored, or
 * undefined. Iterative: a deeply nested body must not overflow the stack.
 */
export function unstorableTextPath(value: unknown): string | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (unstorable(current)) return path.join('.');
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: [...path, String(index)] }));
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        if (unstorable(key)) return [...path, key.replaceAll('\u0000', '\\u0000')].join('.');
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return undefined;
}

/** Where the handler needs the body as it came (signature checks), beside the parsed value. */
const RAW_BODY_PATHS = ['/api/v1/aifory/webhook'];

/**
 * The one JSON body parser: fastify's own (prototype-poisoning protection included), plus a
 * 422 VALIDATION_FAILED for strings that cannot be stored (see above) — one place for every
 * request body, instead of a rule in each schema or a database error as a 500.
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, raw, done) => {
    const body = String(raw);
    // A signed webhook is verified over the exact bytes it came with.
    if (RAW_BODY_PATHS.some((path) => request.url.startsWith(path))) {
      (request as { rawBody?: string }).rawBody = body;
    }
    parse(request, body, (error: Error | null, value: unknown) => {
      if (error || !SUSPECT_ESCAPE.test(body)) return done(error, value);
      const path = unstorableTextPath(value);
      if (path === undefined) return done(null, value);
      done(
        new AppError('VALIDATION_FAILED', 422, {
          details: [
            {
              path,
              code: 'invalid_string',
              message: 'must not contain NUL characters or unpaired surrogates',
            },
          ],
        }),
      );
    });
  });
}
