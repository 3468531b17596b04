import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpClient } from '../http.js';
import { resumeSession } from './unlock.js';

const TOKENS = {
  access_token: 'a.b.c',
  token_type: 'Bearer',
  expires_in: 600,
  session_id: '0b6f7f4e-1f7a-4a43-9d0b-0b1a0e3c6c11',
  user_id: '4a1e9b1c-2d3e-4f50-8a6b-7c8d9e0f1a2b',
};

function browserWith(cookie: string) {
  vi.stubGlobal('document', { cookie });
  const fetch = vi.fn(
    async () =>
      new Response(JSON.stringify(TOKENS), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
  );
  return {
    fetch,
    http: new HttpClient({ baseUrl: 'https://id.card.coop', fetch, refreshTokenCookie: true }),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('resumeSession in a browser', () => {
  it('does not ask for a refresh when the hint cookie says there is no session', async () => {
    for (const cookie of [
      '',
      'other=1',
      '__Host-cardcoop_session=0',
      'x__Host-cardcoop_session=1',
    ]) {
      const { fetch, http } = browserWith(cookie);
      expect(await resumeSession(http)).toBeUndefined();
      expect(fetch).not.toHaveBeenCalled();
    }
  });

  it('refreshes with the cookie (an empty body, the web header) when the hint is there', async () => {
    const { fetch, http } = browserWith('lang=ru; __Host-cardcoop_session=1');
    expect(await resumeSession(http)).toMatchObject({ session_id: TOKENS.session_id });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://id.card.coop/api/v1/auth/refresh-token');
    expect(init.body).toBe('{}');
    expect(new Headers(init.headers).get('x-cardcoop-client')).toBe('web');
  });
});
