import { describe, expect, it } from 'vitest';
import { CardCoopError } from '../errors.js';
import {
  confirmationChallenge,
  formatRecoveryKey,
  generateRecoveryKey,
  parseRecoveryKey,
  recoveryAuthHash,
  recoveryProof,
} from './recovery-kit.js';
import { base64UrlDecode, base64UrlEncode } from './encoding.js';

const FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$/;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

async function parseError(text: string) {
  const error = await parseRecoveryKey(text).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CardCoopError);
  return (error as CardCoopError).code;
}

describe('recovery key', () => {
  it('is 7 groups of 4 Crockford base32 characters and parses back to its 16-byte secret', async () => {
    for (let i = 0; i < 20; i++) {
      const { secret, text } = await generateRecoveryKey();
      expect(secret).toHaveLength(16);
      expect(text).toMatch(FORMAT);
      expect(await parseRecoveryKey(text)).toEqual(secret);
    }
  });

  it('has a pinned format: 128 bits, then the first 12 bits of SHA-256(secret)', async () => {
    // Computed independently (Python): SHA-256(00 × 16) starts 37 47…, so checksum 0011 0111 0100.
    expect(await formatRecoveryKey(new Uint8Array(16))).toBe('0000-0000-0000-0000-0000-0000-00VM');
    const counting = Uint8Array.from({ length: 16 }, (_, i) => i);
    expect(await formatRecoveryKey(counting)).toBe('000G-40R4-0M30-E209-185G-R38E-1YZ4');
    expect(await parseRecoveryKey('000g 40r4 om3o e2o9 i85g r38e lyz4')).toEqual(counting);
  });

  it('tolerates case, spaces, missing or other dashes and O/I/L look-alikes', async () => {
    const { secret, text } = await generateRecoveryKey();
    const variants = [
      text.toLowerCase(),
      text.replace(/-/g, ''),
      text.replace(/-/g, ' '),
      ` ${text.replace(/-/g, '\u2013')} `,
      text.replace(/0/g, 'O').replace(/1/g, 'l'),
      text.replace(/1/g, 'I').toLowerCase(),
    ];
    for (const variant of variants) expect(await parseRecoveryKey(variant)).toEqual(secret);
  });

  it('refuses typos (checksum), wrong lengths and foreign characters with INVALID_RECOVERY_KEY', async () => {
    // A fixed key: with a random one, a substitution would match the 12-bit checksum by chance
    // about once in 4096 runs.
    const text = await formatRecoveryKey(Uint8Array.from({ length: 16 }, (_, i) => i * 17));
    const swapChar = (at: number) => {
      const chars = [...text];
      const current = chars[at] ?? '0';
      chars[at] = ALPHABET.charAt((ALPHABET.indexOf(current) + 1) % 32);
      return chars.join('');
    };
    // Every single-character substitution in the secret part, and in the checksum part.
    for (const at of [0, 5, 12, 20, 30, 33])
      expect(await parseError(swapChar(at))).toBe('INVALID_RECOVERY_KEY');
    expect(await parseError(text.slice(0, -1))).toBe('INVALID_RECOVERY_KEY');
    expect(await parseError(`${text}0`)).toBe('INVALID_RECOVERY_KEY');
    expect(await parseError(text.replace(/.$/, 'U'))).toBe('INVALID_RECOVERY_KEY');
    expect(await parseError('')).toBe('INVALID_RECOVERY_KEY');
  });

  it('auth hash is 43 base64url characters, deterministic and pinned', async () => {
    const { secret } = await generateRecoveryKey();
    const hash = await recoveryAuthHash(secret);
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await recoveryAuthHash(new Uint8Array(secret))).toBe(hash);
    expect(await recoveryAuthHash((await generateRecoveryKey()).secret)).not.toBe(hash);
    // Computed independently (Python): base64url(SHA-256(HKDF(00..0f, "cardcoop/v1/recovery-auth"))).
    expect(await recoveryAuthHash(Uint8Array.from({ length: 16 }, (_, i) => i))).toBe(
      '-Ez_b9No6qNSMkDrjO8bC1JZOy4iLFKEBsGOZ-hFf0E',
    );
    await expect(recoveryAuthHash(new Uint8Array(32))).rejects.toThrow(TypeError);
  });

  it('proof is the pinned HKDF output, and the auth hash is the SHA-256 of its bytes', async () => {
    const counting = Uint8Array.from({ length: 16 }, (_, i) => i);
    // Computed independently (Python): base64url(HKDF-SHA256(00..0f, "", "cardcoop/v1/recovery-auth", 32)).
    const proof = await recoveryProof(counting);
    expect(proof).toBe('T7uGBPx8kHoICLg_4dhOtgDXR9AAVIoRo-8kzMgE3Mg');
    const digest = await globalThis.crypto.subtle.digest('SHA-256', base64UrlDecode(proof));
    expect(base64UrlEncode(new Uint8Array(digest))).toBe(await recoveryAuthHash(counting));
    await expect(recoveryProof(new Uint8Array(15))).rejects.toThrow(TypeError);
  });
});

describe('confirmationChallenge', () => {
  it('asks for one of the 7 groups and accepts it with the same tolerance', async () => {
    const { text } = await generateRecoveryKey();
    const groups = text.split('-');
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const challenge = confirmationChallenge(text);
      expect(challenge.groupCount).toBe(7);
      seen.add(challenge.groupIndex);
      const group = groups[challenge.groupIndex] ?? '';
      expect(challenge.matches(group)).toBe(true);
      expect(challenge.matches(` ${group.toLowerCase()} `)).toBe(true);
      expect(challenge.matches(group.slice(0, 3))).toBe(false);
      expect(challenge.matches(groups[(challenge.groupIndex + 1) % 7] ?? '')).toBe(
        groups[(challenge.groupIndex + 1) % 7] === group,
      );
    }
    expect(seen.size).toBe(7);
  });
});
