import type { LogoContentType } from '@cardcoop/contracts';

/** What the bytes of an image say about it: its real type and its size in pixels. */
export interface SniffedImage {
  contentType: LogoContentType;
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const ascii = (bytes: Buffer, offset: number, length: number) =>
  bytes.subarray(offset, offset + length).toString('latin1');

/** PNG: the signature, then the IHDR chunk with the width and height (big-endian). */
function png(bytes: Buffer): SniffedImage | null | undefined {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  if (bytes.length < 24 || ascii(bytes, 12, 4) !== 'IHDR') return null;
  return {
    contentType: 'image/png',
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
  };
}

/** JPEG: SOI, then segments up to a start-of-frame (SOF0–SOF15 but DHT, JPG, DAC) with the size. */
function jpeg(bytes: Buffer): SniffedImage | null | undefined {
  if (bytes.length < 3 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) {
    return undefined;
  }
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    const frame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (frame) {
      if (offset + 9 > bytes.length) return null;
      return {
        contentType: 'image/jpeg',
        height: bytes.readUInt16BE(offset + 5),
        width: bytes.readUInt16BE(offset + 7),
      };
    }
    if (length < 2) return null;
    offset += 2 + length;
  }
  return null;
}

/** WebP: RIFF/WEBP, then a VP8 (lossy), VP8L (lossless) or VP8X (extended) chunk. */
function webp(bytes: Buffer): SniffedImage | null | undefined {
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') {
    return undefined;
  }
  if (bytes.length < 30) return null;
  const chunk = ascii(bytes, 12, 4);
  const size = (width: number, height: number): SniffedImage => ({
    contentType: 'image/webp',
    width,
    height,
  });
  if (chunk === 'VP8 ') {
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return null;
    return size(bytes.readUInt16LE(26) & 0x3fff, bytes.readUInt16LE(28) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) return null;
    const bits = bytes.readUInt32LE(21);
    return size((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') return size(bytes.readUIntLE(24, 3) + 1, bytes.readUIntLE(27, 3) + 1);
  return null;
}

/**
 * The image's real type from its magic bytes (never from a name or a declared type) and its
 * dimensions from its header: undefined when it is none of PNG, JPEG or WebP; null when it
 * starts like one but its header is broken.
 */
export function sniffImage(bytes: Buffer): SniffedImage | null | undefined {
  for (const sniff of [png, jpeg, webp]) {
    const image = sniff(bytes);
    if (image !== undefined) return image;
  }
  return undefined;
}
