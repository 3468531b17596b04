import { describe, expect, it } from 'vitest';
import { sniffImage } from './logo-image.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((part) =>
      typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part),
    ),
  );
const le16 = (value: number) => [value & 0xff, value >> 8];
const le24 = (value: number) => [value & 0xff, (value >> 8) & 0xff, value >> 16];

describe('sniffImage', () => {
  it('reads the size of a lossy WebP (VP8)', () => {
    const webp = bytes(
      'RIFF',
      [0, 0, 0, 0],
      'WEBPVP8 ',
      [0, 0, 0, 0],
      [0, 0, 0],
      [0x9d, 0x01, 0x2a],
      le16(300),
      le16(200),
    );
    expect(sniffImage(webp)).toEqual({ contentType: 'image/webp', width: 300, height: 200 });
  });

  it('reads the size of a lossless WebP (VP8L)', () => {
    const bits = (640 - 1) | ((480 - 1) << 14);
    const webp = bytes(
      'RIFF',
      [0, 0, 0, 0],
      'WEBPVP8L',
      [0, 0, 0, 0],
      [0x2f],
      [bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, bits >>> 24],
      [0, 0, 0, 0, 0],
    );
    expect(sniffImage(webp)).toEqual({ contentType: 'image/webp', width: 640, height: 480 });
  });

  it('reads the canvas of an extended WebP (VP8X)', () => {
    const webp = bytes(
      'RIFF',
      [0, 0, 0, 0],
      'WEBPVP8X',
      [10, 0, 0, 0],
      [0, 0, 0, 0],
      le24(2047),
      le24(99),
      [0, 0],
    );
    expect(sniffImage(webp)).toEqual({ contentType: 'image/webp', width: 2048, height: 100 });
  });

  it('says null for a broken header of a known type, undefined for anything else', () => {
    expect(
      sniffImage(bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDX', [0, 0, 0, 1, 0, 0, 0, 1])),
    ).toBeNull();
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0x00, 0x00]))).toBeNull();
    expect(
      sniffImage(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ', [0, 0, 0, 0], Array<number>(14).fill(0))),
    ).toBeNull();
    expect(sniffImage(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBeUndefined();
    expect(sniffImage(bytes('GIF89a', [1, 0, 1, 0]))).toBeUndefined();
    expect(sniffImage(Buffer.alloc(0))).toBeUndefined();
  });

  it('skips JPEG segments and fill bytes up to the frame', () => {
    const jpeg = bytes(
      [0xff, 0xd8],
      [0xff, 0xe1, 0x00, 0x04, 0xaa, 0xbb],
      [0xff, 0xff, 0xc2, 0x00, 0x11, 0x08],
      [0x01, 0x00],
      [0x02, 0x00],
    );
    expect(sniffImage(jpeg)).toEqual({ contentType: 'image/jpeg', width: 512, height: 256 });
  });
});
