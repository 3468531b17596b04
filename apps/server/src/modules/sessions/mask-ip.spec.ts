import { describe, expect, it } from 'vitest';
import { maskIp } from './mask-ip.js';

describe('maskIp', () => {
  it('hides the last byte of an IPv4 address, mapped into IPv6 or not', () => {
    expect(maskIp('203.0.113.57')).toBe('203.0.113.x');
    expect(maskIp('::ffff:198.51.100.7')).toBe('198.51.100.x');
    expect(maskIp('127.0.0.1')).toBe('127.0.0.x');
  });

  it('keeps only the first two groups of an IPv6 address', () => {
    expect(maskIp('2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:…');
    expect(maskIp('2001:0DB8:0000:0042::1')).toBe('2001:db8:…');
    expect(maskIp('::1')).toBe('0:0:…');
    expect(maskIp('fe80::1')).toBe('fe80:0:…');
  });

  it('says nothing of what is not an address', () => {
    expect(maskIp('unknown')).toBe('…');
  });
});
