import { describe, expect, it } from 'vitest';
import { CardCoopError } from './errors.js';
import { HttpClient, withQuery } from './http.js';

type Call = { url: string; init: RequestInit };

function fakeFetch(response: () => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return response();
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('HttpClient', () => {
  it('sends JSON with language and client headers to the joined URL', async () => {
    const { calls, fetch } = fakeFetch(() => json(200, { ok: true }));
    const http = new HttpClient({ baseUrl: 'https://id.example/', language: 'en', fetch });
    expect(await http.request('/api/v1/thing', { method: 'POST', body: { a: 1 } })).toEqual({
      ok: true,
    });
    const [call] = calls;
    expect(call?.url).toBe('https://id.example/api/v1/thing');
    expect(call?.init.method).toBe('POST');
    expect(call?.init.body).toBe('{"a":1}');
    expect(call?.init.headers).toMatchObject({
      'accept-language': 'en',
      'content-type': 'application/json',
      'x-cardcoop-client': 'sdk',
    });
  });

  it('throws the server code, message, request id, issues and Retry-After', async () => {
    const { fetch } = fakeFetch(() =>
      json(
        429,
        {
          statusCode: 429,
          code: 'RATE_LIMITED',
          message: 'Слишком много запросов',
          path: '/x',
          requestId: 'r-1',
        },
        { 'retry-after': '17' },
      ),
    );
    const error = await new HttpClient({ baseUrl: 'https://id.example', fetch })
      .request('/x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardCoopError);
    const typed = error as CardCoopError;
    expect([typed.code, typed.status, typed.requestId, typed.retryAfterSeconds]).toEqual([
      'RATE_LIMITED',
      429,
      'r-1',
      17,
    ]);
    expect(typed.message).toBe('Слишком много запросов');
  });

  it('keeps validation issues', async () => {
    const issues = [{ path: 'email', code: 'invalid_format', message: 'Invalid email' }];
    const { fetch } = fakeFetch(() =>
      json(422, {
        statusCode: 422,
        code: 'VALIDATION_FAILED',
        message: 'm',
        path: '/x',
        requestId: 'r',
        details: issues,
      }),
    );
    const error = (await new HttpClient({ baseUrl: 'https://a', fetch })
      .request('/x')
      .catch((e: unknown) => e)) as CardCoopError;
    expect(error.details.issues).toEqual(issues);
  });

  it('reports a network failure as NETWORK_ERROR with status 0', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    const error = (await new HttpClient({ baseUrl: 'https://a', fetch })
      .request('/x')
      .catch((e: unknown) => e)) as CardCoopError;
    expect([error.code, error.status]).toEqual(['NETWORK_ERROR', 0]);
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('reports non-JSON and foreign error bodies as INVALID_RESPONSE', async () => {
    const html = fakeFetch(
      () =>
        new Response('<html>bad gateway</html>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    );
    const foreign = fakeFetch(() => json(500, { error: 'nope' }));
    for (const { fetch } of [html, foreign]) {
      const error = (await new HttpClient({ baseUrl: 'https://a', fetch })
        .request('/x')
        .catch((e: unknown) => e)) as CardCoopError;
      expect(error.code).toBe('INVALID_RESPONSE');
    }
  });

  it('returns the body of an accepted non-2xx status and undefined for an empty body', async () => {
    const busy = fakeFetch(() => json(503, { status: 'draining' }));
    expect(
      await new HttpClient({ baseUrl: 'https://a', fetch: busy.fetch }).request('/x', {
        acceptStatus: [503],
      }),
    ).toEqual({
      status: 'draining',
    });
    const empty = fakeFetch(() => new Response(null, { status: 204 }));
    expect(
      await new HttpClient({ baseUrl: 'https://a', fetch: empty.fetch }).request('/x'),
    ).toBeUndefined();
  });
});

describe('withQuery', () => {
  it('adds only the defined values, encoded, and nothing when none is', () => {
    expect(withQuery('/api/v1/meetings', { when: 'past', after: undefined, limit: 20 })).toBe(
      '/api/v1/meetings?when=past&limit=20',
    );
    expect(withQuery('/x', { q: 'a&b=c', unread: true })).toBe('/x?q=a%26b%3Dc&unread=true');
    expect(withQuery('/x', { after: undefined })).toBe('/x');
  });
});
