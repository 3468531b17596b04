import { describe, expect, it } from 'vitest';
import { assertTestOnlyTarget, assertTestOnlyTargets, isTestTarget } from './test-only-targets.js';

const unverified = { verifiedAt: null };
const verified = { verifiedAt: new Date() };

describe('test-only targets of an unverified cooperative', () => {
  it('knows this machine only: localhost, 127.0.0.1 and [::1], over http(s)', () => {
    for (const url of [
      'http://localhost',
      'http://localhost:5173/callback',
      'https://127.0.0.1:8443',
      'http://[::1]:3000/cb',
    ]) {
      expect(isTestTarget(url), url).toBe(true);
    }
    for (const url of [
      'https://coop.example',
      'http://localhost.coop.example',
      'http://127.0.0.2',
      'ftp://localhost',
      'http://user@coop.example',
      'not a url',
    ]) {
      expect(isTestTarget(url), url).toBe(false);
    }
  });

  it('refuses a real origin, redirect URI or entry URL with NOT_VERIFIED, naming the field', () => {
    expect(() => assertTestOnlyTargets(unverified, { origins: ['https://coop.example'] })).toThrow(
      expect.objectContaining({ code: 'NOT_VERIFIED', statusCode: 422 }),
    );
    expect(() =>
      assertTestOnlyTargets(unverified, { redirectUris: ['https://coop.example/cb'] }),
    ).toThrow(
      expect.objectContaining({
        details: [expect.objectContaining({ path: 'redirect_uris' })],
      }),
    );
    expect(() =>
      assertTestOnlyTargets(unverified, { entryUrl: 'https://coop.example/entry' }),
    ).toThrow(expect.objectContaining({ code: 'NOT_VERIFIED' }));
    expect(() => assertTestOnlyTarget(unverified, 'https://coop.example/cb')).toThrow(
      expect.objectContaining({ code: 'NOT_VERIFIED' }),
    );
  });

  it('lets test targets through, and anything once verified', () => {
    assertTestOnlyTargets(unverified, {
      origins: ['http://localhost:5173'],
      redirectUris: ['http://127.0.0.1:5173/cb'],
      entryUrl: null,
    });
    assertTestOnlyTarget(unverified, 'http://localhost:5173/cb');
    assertTestOnlyTargets(verified, { origins: ['https://coop.example'] });
    assertTestOnlyTarget(verified, 'https://coop.example/cb');
  });
});
