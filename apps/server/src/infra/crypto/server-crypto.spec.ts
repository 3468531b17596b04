import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeEmail, SealError, ServerCrypto } from './server-crypto.js';

const key = (kid: string) => ({ kid, key: new Uint8Array(randomBytes(32)) });

describe('ServerCrypto', () => {
  const m1 = key('m1');
  const crypto = new ServerCrypto([m1]);

  it('seals and opens, and the sealed form reveals nothing and names its key', () => {
    const sealed = crypto.seal('email', 'anna@coop.example', 'user:1');
    expect(sealed).toMatch(/^x1\.m1\.[\w-]+$/);
    expect(sealed).not.toContain('anna');
    expect(crypto.open('email', sealed, 'user:1')).toBe('anna@coop.example');
    expect(crypto.seal('email', 'anna@coop.example', 'user:1')).not.toBe(sealed);
  });

  it('refuses to open under another context, purpose or a tampered body', () => {
    const sealed = crypto.seal('email', 'anna@coop.example', 'user:1');
    expect(() => crypto.open('email', sealed, 'user:2')).toThrow(SealError);
    expect(() => crypto.open('ip', sealed, 'user:1')).toThrow(SealError);
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => crypto.open('email', tampered, 'user:1')).toThrow(SealError);
    expect(() => crypto.open('email', 'garbage', 'user:1')).toThrow(SealError);
  });

  it('rotates: new values use the new key, old ones still open and are reported stale', () => {
    const old = crypto.seal('ip', '203.0.113.7', 'session:9');
    const rotated = new ServerCrypto([key('m2'), m1]);
    expect(rotated.open('ip', old, 'session:9')).toBe('203.0.113.7');
    expect(rotated.isStale(old)).toBe(true);
    const fresh = rotated.seal('ip', '203.0.113.7', 'session:9');
    expect(fresh.startsWith('x1.m2.')).toBe(true);
    expect(rotated.isStale(fresh)).toBe(false);
    expect(() => new ServerCrypto([key('m3')]).open('ip', old, 'session:9')).toThrow(SealError);
  });

  it('computes stable lookups per key and finds old ones after rotation', () => {
    const stored = crypto.lookup('email', 'anna@coop.example');
    expect(crypto.lookup('email', 'anna@coop.example')).toBe(stored);
    expect(crypto.lookup('email', 'boris@coop.example')).not.toBe(stored);
    expect(new ServerCrypto([key('m2'), m1]).lookups('email', 'anna@coop.example')).toContain(
      stored,
    );
  });

  it('normalizes e-mail addresses to one spelling', () => {
    expect(normalizeEmail('  Anna@Coop.EXAMPLE ')).toBe('anna@coop.example');
    expect(normalizeEmail('ａｎｎａ@coop.example')).toBe('anna@coop.example');
  });
});
