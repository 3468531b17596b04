const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUES = new Map([...ALPHABET].map((char, value) => [char, value]));

/**
 * Encodes bytes as base64url without padding (RFC 4648 §5), the wire form of every binary field.
 *
 * @example
 * ```ts
 * base64UrlEncode(new Uint8Array([0xfb, 0xff])); // '-_8'
 * ```
 */
export function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += ALPHABET.charAt((buffer >> bits) & 63);
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET.charAt((buffer << (6 - bits)) & 63);
  return out;
}

/**
 * Decodes base64url without padding. Strict: padding, other alphabets, impossible lengths and
 * non-zero trailing bits are refused, so every byte string has exactly one accepted spelling.
 *
 * @throws TypeError when `text` is not canonical base64url.
 * @example
 * ```ts
 * base64UrlDecode('-_8'); // Uint8Array [0xfb, 0xff]
 * ```
 */
export function base64UrlDecode(text: string): Uint8Array<ArrayBuffer> {
  if (text.length % 4 === 1) throw new TypeError('Invalid base64url: impossible length.');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    const value = VALUES.get(char);
    if (value === undefined) throw new TypeError('Invalid base64url: unexpected character.');
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
    buffer &= (1 << bits) - 1;
  }
  if (buffer !== 0) throw new TypeError('Invalid base64url: non-zero trailing bits.');
  return out;
}

/**
 * UTF-8 bytes of a string.
 *
 * @example
 * ```ts
 * utf8Encode('€'); // Uint8Array [0xe2, 0x82, 0xac]
 * ```
 */
export function utf8Encode(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

/**
 * Decodes UTF-8, refusing malformed input instead of inserting U+FFFD.
 *
 * @throws TypeError when `bytes` are not valid UTF-8.
 * @example
 * ```ts
 * utf8Decode(new Uint8Array([0xe2, 0x82, 0xac])); // '€'
 * ```
 */
export function utf8Decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
