import { describe, expect, it } from 'vitest';
import { base64UrlDecode, base64UrlEncode, utf8Decode, utf8Encode } from './encoding.js';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('base64url', () => {
  it('matches the RFC 4648 vectors, url alphabet, no padding', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base64UrlEncode(utf8Encode(plain))).toBe(encoded);
      expect(utf8Decode(base64UrlDecode(encoded))).toBe(plain);
    }
    expect(base64UrlEncode(bytes(0xfb, 0xff, 0xbf))).toBe('-_-_');
  });

  it('round-trips every length and byte value', () => {
    for (let length = 0; length < 70; length++) {
      const data = globalThis.crypto.getRandomValues(new Uint8Array(length));
      expect(base64UrlDecode(base64UrlEncode(data))).toEqual(data);
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64UrlDecode(base64UrlEncode(all))).toEqual(all);
  });

  it('refuses padding, the standard alphabet, impossible lengths and non-canonical tails', () => {
    // 'Zh' and 'Zm9' carry stray low bits ('Zg' and 'Zm8' are the canonical spellings).
    for (const bad of ['Zg==', 'a+b/', 'Z', 'Zm9vY', 'Zh', 'Zm9', 'Zm8 ']) {
      expect(() => base64UrlDecode(bad), bad).toThrow(TypeError);
    }
    expect(base64UrlDecode('Zm8')).toEqual(utf8Encode('fo'));
  });
});

describe('utf8', () => {
  it('round-trips non-ASCII text', () => {
    const text = 'Кооператив €😀';
    expect(utf8Decode(utf8Encode(text))).toBe(text);
    expect(utf8Encode('€')).toEqual(bytes(0xe2, 0x82, 0xac));
  });

  it('refuses malformed UTF-8', () => {
    expect(() => utf8Decode(bytes(0xc3, 0x28))).toThrow(TypeError);
  });
});
