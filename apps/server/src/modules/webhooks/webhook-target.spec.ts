import { describe, expect, it } from 'vitest';
import { isPrivateAddress, isPublicTarget } from './webhook-target.js';

describe('webhook targets (SSRF)', () => {
  it('refuses private, loopback, link-local, CGNAT, multicast and mapped addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.7',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.1.2.3',
      'not an address',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
  });

  it('allows public addresses', () => {
    for (const address of ['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:4700::1111'])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it('checks every address a URL names or resolves to; unresolvable names are refused', async () => {
    expect(await isPublicTarget('https://127.0.0.1/hook')).toBe(false);
    expect(await isPublicTarget('https://[::1]/hook')).toBe(false);
    expect(await isPublicTarget('https://localhost/hook')).toBe(false);
    expect(await isPublicTarget('https://no-such-host.invalid/hook')).toBe(false);
    expect(await isPublicTarget('https://8.8.8.8/hook')).toBe(true);
  });
});
