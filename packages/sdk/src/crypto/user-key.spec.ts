import { describe, expect, it } from 'vitest';
import { CardCoopError } from '../errors.js';
import { base64UrlEncode } from './encoding.js';
import { deriveKek } from './keys.js';
import {
  generateUserKey,
  importUserKey,
  sameUserKey,
  unwrapUserKey,
  unwrapUserKeyWithRecovery,
  userKeyBytes,
  wrapUserKey,
  wrapUserKeyForRecovery,
} from './user-key.js';

const USER = '0b8f2f4e-7d0a-4c59-9f57-0c2f5d1d6a11';
const OTHER_USER = '9d5f0c43-3d33-4b7e-8d1e-2b7c8b1d0e22';
const exportKey = (seed: number) => base64UrlEncode(new Uint8Array(64).fill(seed));
const recoverySecret = (seed: number) => new Uint8Array(16).fill(seed);

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: unknown) => (e instanceof CardCoopError ? e.code : e),
  );

describe('user key', () => {
  it('is 32 random bytes behind a non-extractable AES-GCM key that serializes to a placeholder', async () => {
    const a = await generateUserKey();
    const b = await generateUserKey();
    expect(userKeyBytes(a)).toHaveLength(32);
    expect(sameUserKey(a, b)).toBe(false);
    expect(a.key.extractable).toBe(false);
    expect(a.version).toBe('1');
    expect(JSON.stringify({ a })).toBe('{"a":"[UserKey v1]"}');
    await expect(importUserKey(new Uint8Array(16))).rejects.toThrow(TypeError);
  });

  it('keeps its own copy of imported bytes', async () => {
    const raw = new Uint8Array(32).fill(7);
    const key = await importUserKey(raw, '3');
    raw.fill(0);
    expect(userKeyBytes(key)).toEqual(new Uint8Array(32).fill(7));
    expect(key.version).toBe('3');
  });

  it('wraps under the KEK and unwraps to the same bytes and version', async () => {
    const userKey = await importUserKey(globalThis.crypto.getRandomValues(new Uint8Array(32)), '2');
    const wrapped = await wrapUserKey(await deriveKek(exportKey(1)), userKey, USER);
    expect(wrapped.kid).toBe('2');
    const unwrapped = await unwrapUserKey(await deriveKek(exportKey(1)), wrapped, USER);
    expect(sameUserKey(userKey, unwrapped)).toBe(true);
    expect(unwrapped.version).toBe('2');
  });

  it('does not unwrap with another KEK, for another user, or as the recovery copy', async () => {
    const userKey = await generateUserKey();
    const kek = await deriveKek(exportKey(1));
    const wrapped = await wrapUserKey(kek, userKey, USER);
    expect(await code(unwrapUserKey(await deriveKek(exportKey(2)), wrapped, USER))).toBe(
      'DECRYPTION_FAILED',
    );
    expect(await code(unwrapUserKey(kek, wrapped, OTHER_USER))).toBe('DECRYPTION_FAILED');
    expect(await code(unwrapUserKeyWithRecovery(recoverySecret(1), wrapped, USER))).toBe(
      'DECRYPTION_FAILED',
    );
  });

  it('wraps for recovery and unwraps only with the same recovery secret and user', async () => {
    const userKey = await generateUserKey();
    const wrapped = await wrapUserKeyForRecovery(recoverySecret(5), userKey, USER);
    expect(
      sameUserKey(userKey, await unwrapUserKeyWithRecovery(recoverySecret(5), wrapped, USER)),
    ).toBe(true);
    expect(await code(unwrapUserKeyWithRecovery(recoverySecret(6), wrapped, USER))).toBe(
      'DECRYPTION_FAILED',
    );
    expect(await code(unwrapUserKeyWithRecovery(recoverySecret(5), wrapped, OTHER_USER))).toBe(
      'DECRYPTION_FAILED',
    );
  });
});
