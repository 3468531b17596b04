import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  codeAt,
  matchingStep,
  newBackupCodes,
  normalizeBackupCode,
  otpauthUrl,
  stepAt,
} from './totp.js';

const ascii = (text: string) => new TextEncoder().encode(text);

// RFC 6238, Appendix B: 8-digit codes for the three HMAC variants.
const SEEDS = {
  sha1: ascii('12345678901234567890'),
  sha256: ascii('12345678901234567890123456789012'),
  sha512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
};
const VECTORS: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('matches the test vectors at T=%i', (time, sha1, sha256, sha512) => {
    expect(codeAt(SEEDS.sha1, stepAt(time), 8, 'sha1')).toBe(sha1);
    expect(codeAt(SEEDS.sha256, stepAt(time), 8, 'sha256')).toBe(sha256);
    expect(codeAt(SEEDS.sha512, stepAt(time), 8, 'sha512')).toBe(sha512);
  });

  it('accepts one step of drift either way and nothing beyond', () => {
    const secret = SEEDS.sha1;
    const now = 1_700_000_000;
    const current = stepAt(now);
    expect(matchingStep(secret, codeAt(secret, current), now)).toBe(current);
    expect(matchingStep(secret, codeAt(secret, current - 1), now)).toBe(current - 1);
    expect(matchingStep(secret, codeAt(secret, current + 1), now)).toBe(current + 1);
    expect(matchingStep(secret, codeAt(secret, current - 2), now)).toBeNull();
  });

  it('round-trips base32 and builds an otpauth URL apps understand', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255, 7]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(base32Encode(ascii('12345678901234567890'))).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    const url = otpauthUrl('GEZDGNBV', 'anna@coop.example');
    expect(url).toBe(
      'otpauth://totp/CARD.COOP%3Aanna%40coop.example?secret=GEZDGNBV&issuer=CARD.COOP&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('makes ten distinct backup codes in the xxxx-xxxx shape', () => {
    const codes = newBackupCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(normalizeBackupCode(' ABCD-efgh ')).toBe('abcdefgh');
  });
});
