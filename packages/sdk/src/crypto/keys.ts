import { base64UrlDecode, utf8Encode } from './encoding.js';

/** HKDF `info` strings of protocol v1; changing one makes existing wraps unopenable. */
export const HKDF_INFO = {
  kek: 'cardcoop/v1/kek',
  recovery: 'cardcoop/v1/recovery',
  recoveryAuth: 'cardcoop/v1/recovery-auth',
} as const;

const EXPORT_KEY_BYTES = 64;
export const RECOVERY_SECRET_BYTES = 16;

function hkdfParams(info: string): HkdfParams {
  return { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8Encode(info) };
}

function importHkdfKey(ikm: Uint8Array): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('raw', new Uint8Array(ikm), 'HKDF', false, [
    'deriveBits',
    'deriveKey',
  ]);
}

/** HKDF-SHA256 with a zero-length salt (protocol.md, "Encodings"). */
export async function hkdfSha256(
  ikm: Uint8Array,
  info: string,
  length = 32,
): Promise<Uint8Array<ArrayBuffer>> {
  const bits = await globalThis.crypto.subtle.deriveBits(
    hkdfParams(info),
    await importHkdfKey(ikm),
    length * 8,
  );
  return new Uint8Array(bits);
}

/** The same HKDF, landing directly in a non-extractable AES-256-GCM key. */
async function deriveAesKey(ikm: Uint8Array, info: string): Promise<CryptoKey> {
  return globalThis.crypto.subtle.deriveKey(
    hkdfParams(info),
    await importHkdfKey(ikm),
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/**
 * The key-encryption key of an account: `HKDF-SHA256(exportKey, info="cardcoop/v1/kek")`, as a
 * non-extractable AES-256-GCM key. `exportKey` is the base64url string OPAQUE returns after
 * registration or login; it is decoded to its 64 bytes first.
 *
 * @throws TypeError when `exportKey` is not 64 bytes of base64url.
 * @example
 * ```ts
 * const { exportKey } = opaque.client.finishLogin({ ...params, keyStretching: ksf })!;
 * const kek = await deriveKek(exportKey);
 * const userKey = await unwrapUserKey(kek, wrappedUserKey, userId);
 * ```
 */
export async function deriveKek(exportKey: string): Promise<CryptoKey> {
  const bytes = base64UrlDecode(exportKey);
  if (bytes.length !== EXPORT_KEY_BYTES) {
    throw new TypeError(`exportKey must be ${EXPORT_KEY_BYTES} bytes, got ${bytes.length}.`);
  }
  return deriveAesKey(bytes, HKDF_INFO.kek);
}

/** `HKDF(recoverySecret, "cardcoop/v1/recovery")`: the key the recovery copy of the user key is sealed with. */
export async function deriveRecoveryWrapKey(recoverySecret: Uint8Array): Promise<CryptoKey> {
  assertRecoverySecret(recoverySecret);
  return deriveAesKey(recoverySecret, HKDF_INFO.recovery);
}

export function assertRecoverySecret(secret: Uint8Array): void {
  if (!(secret instanceof Uint8Array) || secret.length !== RECOVERY_SECRET_BYTES) {
    throw new TypeError(`A recovery secret is ${RECOVERY_SECRET_BYTES} bytes.`);
  }
}
