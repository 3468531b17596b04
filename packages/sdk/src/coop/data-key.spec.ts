import { describe, expect, it } from 'vitest';
import { Aes256Gcm, CipherSuite, HkdfSha256 } from '@hpke/core';
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519';
import { dataKeyCertificateSchema } from '@cardcoop/contracts';
import { PrivateKey } from '@wharfkit/antelope';
import { base64UrlDecode, utf8Decode, utf8Encode } from '../crypto/encoding.js';
import { canonicalize } from '../crypto/jcs.js';
import { verifySignedObject } from '../crypto/k1-signature.js';
import { certifyDataKey, dataKeyFingerprint, generateDataKey } from './index.js';

const suite = () =>
  new CipherSuite({
    kem: new DhkemX25519HkdfSha256(),
    kdf: new HkdfSha256(),
    aead: new Aes256Gcm(),
  });

describe('cooperative data key', () => {
  it('generates 32-byte raw X25519 halves and a default kid', async () => {
    const key = await generateDataKey({ coopname: 'voskhod' });
    expect(base64UrlDecode(key.publicKey)).toHaveLength(32);
    expect(base64UrlDecode(key.privateKey)).toHaveLength(32);
    expect(key.publicKey).toHaveLength(43);
    expect(key.kid).toMatch(/^voskhod-\d{8}-[0-9a-f]{8}$/);
    expect(key.kid.endsWith(dataKeyFingerprint(key.publicKey).hex.slice(0, 8))).toBe(true);
    const again = await generateDataKey({ coopname: 'voskhod', kid: 'k-2025' });
    expect(again.kid).toBe('k-2025');
    expect(again.privateKey).not.toBe(key.privateKey);
  });

  it('refuses an invalid coopname or kid', async () => {
    await expect(generateDataKey({ coopname: 'Not A Name' })).rejects.toThrow(TypeError);
    await expect(generateDataKey({ coopname: 'voskhod', kid: '' })).rejects.toThrow(TypeError);
    await expect(generateDataKey({ coopname: 'voskhod', kid: 'x'.repeat(65) })).rejects.toThrow(
      TypeError,
    );
  });

  it('is usable for HPKE: seal to the public key, open with the private key', async () => {
    const key = await generateDataKey({ coopname: 'voskhod' });
    const info = utf8Encode('cardcoop/v1/share');
    const aad = utf8Encode(
      canonicalize({ coopname: 'voskhod', username: 'abcdefghijkl', grant_id: 'g1', kid: key.kid }),
    );
    const sender = suite();
    const recipientPublicKey = await sender.kem.deserializePublicKey(
      base64UrlDecode(key.publicKey),
    );
    const { ct, enc } = await sender.seal(
      { recipientPublicKey, info },
      utf8Encode('{"fields":{"name":"Ива"}}'),
      aad,
    );
    expect(enc.byteLength).toBe(32);

    const recipient = suite();
    const recipientKey = await recipient.kem.deserializePrivateKey(base64UrlDecode(key.privateKey));
    const opened = await recipient.open({ recipientKey, enc, info }, ct, aad);
    expect(utf8Decode(new Uint8Array(opened))).toBe('{"fields":{"name":"Ива"}}');

    await expect(
      recipient.open({ recipientKey, enc, info }, ct, utf8Encode('other aad')),
    ).rejects.toThrow();
    const stranger = await generateDataKey({ coopname: 'voskhod' });
    const strangerKey = await recipient.kem.deserializePrivateKey(
      base64UrlDecode(stranger.privateKey),
    );
    await expect(
      recipient.open({ recipientKey: strangerKey, enc, info }, ct, aad),
    ).rejects.toThrow();
  });

  it('certifies the key with the K1 account key, in the contract shape', async () => {
    const account = PrivateKey.generate('K1');
    const key = await generateDataKey({ coopname: 'voskhod' });
    const createdAt = new Date('2025-01-02T03:04:05Z');
    const certificate = certifyDataKey({
      coopname: 'voskhod',
      kid: key.kid,
      publicKey: key.publicKey,
      accountPrivateKeyWif: account.toWif(),
      createdAt,
    });
    expect(dataKeyCertificateSchema.parse(certificate)).toEqual(certificate);
    expect(certificate.payload).toEqual({
      coopname: 'voskhod',
      kid: key.kid,
      public_key: key.publicKey,
      created_at: '2025-01-02T03:04:05.000Z',
    });
    expect(certificate.public_key).toBe(account.toPublic().toString());
    expect(verifySignedObject(certificate, account.toPublic().toString())).toBe(true);
    expect(verifySignedObject(certificate, PrivateKey.generate('K1').toPublic().toString())).toBe(
      false,
    );
  });

  it('refuses to certify something that is not a data key, or with a bad account key', async () => {
    const key = await generateDataKey({ coopname: 'voskhod' });
    const wif = PrivateKey.generate('K1').toWif();
    const base = { coopname: 'voskhod', kid: key.kid, publicKey: key.publicKey };
    expect(() => certifyDataKey({ ...base, publicKey: 'AAAA', accountPrivateKeyWif: wif })).toThrow(
      TypeError,
    );
    expect(() => certifyDataKey({ ...base, coopname: 'UPPER', accountPrivateKeyWif: wif })).toThrow(
      TypeError,
    );
    expect(() => certifyDataKey({ ...base, accountPrivateKeyWif: 'not-a-wif' })).toThrow(TypeError);
  });

  it('fingerprints a key stably: SHA-256 of the raw bytes, 64 hex, grouped for display', async () => {
    const raw = new Uint8Array(32).map((_, index) => index);
    const publicKey = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';
    const expected = Buffer.from(await globalThis.crypto.subtle.digest('SHA-256', raw)).toString(
      'hex',
    );
    const fingerprint = dataKeyFingerprint(publicKey);
    expect(fingerprint.hex).toBe(expected);
    expect(fingerprint.hex).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint.display).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);
    expect(fingerprint.display.replaceAll(' ', '').toLowerCase()).toBe(fingerprint.hex);
    expect(dataKeyFingerprint(publicKey)).toEqual(fingerprint);
    expect(() => dataKeyFingerprint('AAECAw')).toThrow(TypeError);
    expect(() => dataKeyFingerprint('not base64url!')).toThrow(TypeError);
  });
});
