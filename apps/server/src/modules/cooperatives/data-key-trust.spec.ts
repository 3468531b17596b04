import { randomBytes } from 'node:crypto';
import { PrivateKey } from '@wharfkit/antelope';
import { describe, expect, it } from 'vitest';
import { signObject } from '@cardcoop/sdk';
import type { DataKeyCertificate } from '@cardcoop/contracts';
import { isTrustedDataKey } from './data-key-trust.js';

const certificate = (coopname: string, signer = PrivateKey.generate('K1')): DataKeyCertificate =>
  signObject(
    {
      coopname,
      kid: 'k1',
      public_key: randomBytes(32).toString('base64url'),
      created_at: '2026-12-06T00:00:00Z',
    },
    signer.toWif(),
  ) as DataKeyCertificate;

describe('isTrustedDataKey', () => {
  it('trusts a signed certificate again from its memo, and still checks the cooperative and keys', () => {
    const signer = PrivateKey.generate('K1');
    const signed = certificate('voskhod', signer);
    expect(isTrustedDataKey('voskhod', signed, undefined)).toBe(true);
    expect(isTrustedDataKey('voskhod', signed, undefined)).toBe(true);
    expect(isTrustedDataKey('other', signed, undefined)).toBe(false);
    expect(isTrustedDataKey('voskhod', signed, [signer.toPublic().toString()])).toBe(true);
    expect(
      isTrustedDataKey('voskhod', signed, [PrivateKey.generate('K1').toPublic().toString()]),
    ).toBe(false);
  });

  it('refuses a tampered copy of a certificate it already trusted', () => {
    const signed = certificate('voskhod');
    expect(isTrustedDataKey('voskhod', signed, undefined)).toBe(true);
    const otherKey = { ...signed, payload: { ...signed.payload, public_key: 'A'.repeat(43) } };
    expect(isTrustedDataKey('voskhod', otherKey, undefined)).toBe(false);
    const otherSignature = { ...signed, signature: certificate('voskhod').signature };
    expect(isTrustedDataKey('voskhod', otherSignature, undefined)).toBe(false);
    // Refusals are not remembered as trust: the untouched certificate is still trusted.
    expect(isTrustedDataKey('voskhod', signed, undefined)).toBe(true);
  });
});
