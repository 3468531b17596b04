import { Checksum256 } from '@wharfkit/antelope';
import { base64UrlDecode } from './encoding.js';

/** Raw X25519 keys, public and private, are 32 bytes (RFC 7748). */
export const X25519_KEY_BYTES = 32;

/**
 * The fingerprint of a cooperative's data key: SHA-256 of its 32 raw X25519 bytes.
 * - `hex`: 64 lower-case hex digits, the form the server sends and the one to compare;
 * - `display`: the same digits upper-case in groups of four (`AB12 CD34 …`), for the consent
 *   screen and for reading out loud.
 */
export interface DataKeyFingerprint {
  hex: string;
  display: string;
}

/**
 * Fingerprints a cooperative's X25519 data key (base64url of the 32 raw bytes). Isomorphic and
 * synchronous; the member's consent screen and the cooperative's own tooling compute the same
 * value.
 *
 * @throws TypeError when `publicKey` is not base64url of exactly 32 bytes.
 * @example
 * ```ts
 * const { hex, display } = dataKeyFingerprint(certificate.payload.public_key);
 * display; // 'AB12 CD34 … (16 groups)'
 * ```
 */
export function dataKeyFingerprint(publicKey: string): DataKeyFingerprint {
  const raw = base64UrlDecode(publicKey);
  if (raw.length !== X25519_KEY_BYTES) {
    throw new TypeError('A data key is 32 raw X25519 bytes.');
  }
  const hex = Checksum256.hash(raw).hexString;
  const display = (hex.toUpperCase().match(/.{4}/g) ?? []).join(' ');
  return { hex, display };
}
