import { describe, expect, it } from 'vitest';
import { base64UrlEncode } from './encoding.js';
import { deriveKek, deriveRecoveryWrapKey, hkdfSha256 } from './keys.js';

const hex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));
const subtle = globalThis.crypto.subtle;

/** Whether a non-extractable key equals known raw bytes: same ciphertext for the same IV. */
async function keyEquals(key: CryptoKey, raw: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const params = { name: 'AES-GCM', iv: new Uint8Array(12) };
  const data = new Uint8Array([1, 2, 3]);
  const reference = await subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt']);
  const [a, b] = await Promise.all([
    subtle.encrypt(params, key, data),
    subtle.encrypt(params, reference, data),
  ]);
  return base64UrlEncode(new Uint8Array(a)) === base64UrlEncode(new Uint8Array(b));
}

// Vectors computed independently (Python hmac/hashlib), pinning the encodings of protocol.md.
const EXPORT_KEY = base64UrlEncode(Uint8Array.from({ length: 64 }, (_, i) => i));
const KEK_BYTES = hex('161c9530b8e013bc97467e7f27d151664a4c824f89f06dbfbfd5014ba67beacd');
const RECOVERY_SECRET = Uint8Array.from({ length: 16 }, (_, i) => i);
const RECOVERY_WRAP_BYTES = hex('cb4c1010d1d8be6eb6e329b02e8e2fc4b95dbf6eb89540086030df5945c5774f');

describe('hkdfSha256', () => {
  it('matches RFC 5869 test case 3 (zero-length salt and info)', async () => {
    expect(await hkdfSha256(new Uint8Array(22).fill(0x0b), '', 42)).toEqual(
      hex('8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8'),
    );
  });
});

describe('deriveKek', () => {
  it('is HKDF-SHA256(64-byte export key, "cardcoop/v1/kek") as a non-extractable AES key', async () => {
    const kek = await deriveKek(EXPORT_KEY);
    expect(kek.extractable).toBe(false);
    expect(kek.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect(kek.usages.sort()).toEqual(['decrypt', 'encrypt']);
    expect(await keyEquals(kek, KEK_BYTES)).toBe(true);
  });

  it('is deterministic for one export key and different for another', async () => {
    expect(await keyEquals(await deriveKek(EXPORT_KEY), KEK_BYTES)).toBe(true);
    const other = base64UrlEncode(Uint8Array.from({ length: 64 }, (_, i) => 63 - i));
    expect(await keyEquals(await deriveKek(other), KEK_BYTES)).toBe(false);
  });

  it('refuses an export key that is not 64 bytes of base64url', async () => {
    await expect(deriveKek(base64UrlEncode(new Uint8Array(32)))).rejects.toThrow(TypeError);
    await expect(deriveKek('not base64url!')).rejects.toThrow(TypeError);
  });
});

describe('deriveRecoveryWrapKey', () => {
  it('is HKDF-SHA256(recovery secret, "cardcoop/v1/recovery")', async () => {
    expect(await keyEquals(await deriveRecoveryWrapKey(RECOVERY_SECRET), RECOVERY_WRAP_BYTES)).toBe(
      true,
    );
    await expect(deriveRecoveryWrapKey(new Uint8Array(18))).rejects.toThrow(TypeError);
  });
});
