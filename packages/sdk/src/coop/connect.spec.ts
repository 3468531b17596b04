import { describe, expect, it } from 'vitest';
import { connectUrl, startShare } from './index.js';
import type { StartedShare } from './index.js';

const REDIRECT_URI = 'https://voskhod.example/cardcoop/callback?from=site&x=a b';

describe('connectUrl', () => {
  it('carries coopname, callback, state and the S256 challenge, and never the verifier', async () => {
    const started = await startShare({ redirectUri: REDIRECT_URI });
    const url = new URL(
      connectUrl({ baseUrl: 'https://id.card.coop', coopname: 'voskhod', started }),
    );
    expect(url.origin + url.pathname).toBe('https://id.card.coop/id/connect');
    expect([...url.searchParams.keys()]).toEqual([
      'coopname',
      'redirect_uri',
      'state',
      'code_challenge',
      'code_challenge_method',
    ]);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      coopname: 'voskhod',
      redirect_uri: REDIRECT_URI,
      state: started.state,
      code_challenge: started.codeChallenge,
      code_challenge_method: 'S256',
    });
    expect(url.toString()).not.toContain(started.codeVerifier);
  });

  it('asks for quick entry with prompt=none only when startShare was given it', async () => {
    const quick = await startShare({ redirectUri: REDIRECT_URI, prompt: 'none' });
    const url = new URL(
      connectUrl({ baseUrl: 'https://id.card.coop', coopname: 'voskhod', started: quick }),
    );
    expect(url.searchParams.get('prompt')).toBe('none');
    expect(url.searchParams.get('state')).toBe(quick.state);
    const plain = await startShare({ redirectUri: REDIRECT_URI });
    expect('prompt' in plain).toBe(false);
  });

  it('encodes the return address as one parameter', async () => {
    const started = await startShare({ redirectUri: REDIRECT_URI });
    const text = connectUrl({ baseUrl: 'https://id.card.coop', coopname: 'voskhod', started });
    expect(text).toContain(
      'redirect_uri=https%3A%2F%2Fvoskhod.example%2Fcardcoop%2Fcallback%3Ffrom%3Dsite%26x%3Da+b&',
    );
  });

  it('keeps a path prefix of the base URL and drops its trailing slashes', async () => {
    const started = await startShare({ redirectUri: 'http://localhost:4000/callback' });
    for (const baseUrl of ['http://localhost:3000', 'http://localhost:3000/']) {
      expect(connectUrl({ baseUrl, coopname: 'voskhodsite1', started })).toMatch(
        /^http:\/\/localhost:3000\/id\/connect\?coopname=voskhodsite1&/,
      );
    }
    expect(
      connectUrl({ baseUrl: 'https://example.org/cardcoop//', coopname: 'voskhod', started }),
    ).toMatch(/^https:\/\/example\.org\/cardcoop\/id\/connect\?/);
  });

  it('refuses a base URL that is not http(s) or carries a query or fragment', async () => {
    const started = await startShare({ redirectUri: REDIRECT_URI });
    for (const baseUrl of [
      'id.card.coop',
      '',
      'javascript:alert(1)',
      'ftp://id.card.coop',
      'https://id.card.coop/?x=1',
      'https://id.card.coop/#x',
    ]) {
      expect(() => connectUrl({ baseUrl, coopname: 'voskhod', started })).toThrow(TypeError);
    }
  });

  it('refuses a coopname that is not an Antelope account name', async () => {
    const started = await startShare({ redirectUri: REDIRECT_URI });
    for (const coopname of ['', 'Voskhod', 'voskhod-site', 'voskhod6', 'abcdefghijklmn']) {
      expect(() => connectUrl({ baseUrl: 'https://id.card.coop', coopname, started })).toThrow(
        TypeError,
      );
    }
  });

  it('refuses a redirect URI that is not an absolute http(s) URL', () => {
    const started: StartedShare = {
      redirectUri: '/callback',
      state: 's'.repeat(43),
      codeVerifier: 'v'.repeat(43),
      codeChallenge: 'c'.repeat(43),
    };
    expect(() =>
      connectUrl({ baseUrl: 'https://id.card.coop', coopname: 'voskhod', started }),
    ).toThrow(TypeError);
  });
});
