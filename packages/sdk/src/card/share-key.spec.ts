import { describe, expect, it } from 'vitest';
import type { DataKeyCertificate, PreparedShare } from '@cardcoop/contracts';
import { PrivateKey } from '@wharfkit/antelope';
import { certifyDataKey, dataKeyFingerprint, generateDataKey } from '../coop/index.js';
import { signObject } from '../crypto/k1-signature.js';
import { CardCoopError } from '../errors.js';
import { verifyCooperativeKey } from './share-key.js';

async function fixture() {
  const account = PrivateKey.generate('K1');
  const key = await generateDataKey({ coopname: 'voskhod' });
  const certificate = certifyDataKey({
    coopname: 'voskhod',
    kid: key.kid,
    publicKey: key.publicKey,
    accountPrivateKeyWif: account.toWif(),
  });
  const prepared: PreparedShare = {
    coopname: 'voskhod',
    display_name: 'ПК ВОСХОД',
    legal_name: 'ПК ВОСХОД',
    consent_purpose: null,
    data_key: { certificate, fingerprint: dataKeyFingerprint(key.publicKey).hex },
    username: 'abcdefghijkl',
    membership: 'confirmed',
    requested_fields: ['name'],
  };
  return { account, key, certificate, prepared };
}

function withCertificate(prepared: PreparedShare, certificate: DataKeyCertificate): PreparedShare {
  return { ...prepared, data_key: { ...prepared.data_key, certificate } };
}

function untrusted(run: () => unknown): void {
  let error: unknown;
  try {
    run();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(CardCoopError);
  expect((error as CardCoopError).code).toBe('UNTRUSTED_COOPERATIVE_KEY');
}

describe('verifyCooperativeKey', () => {
  it('accepts a certified key and returns what to seal to and show', async () => {
    const { account, key, prepared } = await fixture();
    const expected = {
      publicKey: key.publicKey,
      kid: key.kid,
      fingerprint: dataKeyFingerprint(key.publicKey),
    };
    expect(verifyCooperativeKey(prepared)).toEqual(expected);
    const chainKey = account.toPublic();
    expect(verifyCooperativeKey(prepared, { expectedAccountKey: chainKey.toString() })).toEqual(
      expected,
    );
    expect(
      verifyCooperativeKey(prepared, { expectedAccountKey: chainKey.toLegacyString() }),
    ).toEqual(expected);
    // The fingerprint may arrive in its display form.
    const display = dataKeyFingerprint(key.publicKey).display;
    expect(
      verifyCooperativeKey({
        ...prepared,
        data_key: { ...prepared.data_key, fingerprint: display },
      }),
    ).toEqual(expected);
  });

  it('refuses a certificate for another cooperative', async () => {
    const { account, key, prepared } = await fixture();
    const other = certifyDataKey({
      coopname: 'othercoop',
      kid: key.kid,
      publicKey: key.publicKey,
      accountPrivateKeyWif: account.toWif(),
    });
    untrusted(() => verifyCooperativeKey(withCertificate(prepared, other)));
    untrusted(() => verifyCooperativeKey({ ...prepared, coopname: 'othercoop' }));
  });

  it('refuses a tampered public key, even with a matching fingerprint', async () => {
    const { certificate, prepared } = await fixture();
    const swapped = (await generateDataKey({ coopname: 'voskhod' })).publicKey;
    const tampered = { ...certificate, payload: { ...certificate.payload, public_key: swapped } };
    untrusted(() => verifyCooperativeKey(withCertificate(prepared, tampered)));
    untrusted(() =>
      verifyCooperativeKey({
        ...prepared,
        data_key: { certificate: tampered, fingerprint: dataKeyFingerprint(swapped).hex },
      }),
    );
  });

  it('refuses a fingerprint that is not the key’s', async () => {
    const { prepared } = await fixture();
    const wrong = dataKeyFingerprint((await generateDataKey({ coopname: 'voskhod' })).publicKey);
    for (const fingerprint of [
      wrong.hex,
      wrong.display,
      '',
      prepared.data_key.fingerprint.slice(1),
    ]) {
      untrusted(() =>
        verifyCooperativeKey({ ...prepared, data_key: { ...prepared.data_key, fingerprint } }),
      );
    }
  });

  it("refuses a key not signed by the cooperative's account key", async () => {
    const { prepared } = await fixture();
    const chainKey = PrivateKey.generate('K1').toPublic().toString();
    untrusted(() => verifyCooperativeKey(prepared, { expectedAccountKey: chainKey }));
    untrusted(() => verifyCooperativeKey(prepared, { expectedAccountKey: 'garbage' }));
  });

  it('refuses a forged signature and a well-signed payload that is not a data key', async () => {
    const { account, certificate, prepared } = await fixture();
    const forged = { ...certificate, public_key: PrivateKey.generate('K1').toPublic().toString() };
    untrusted(() => verifyCooperativeKey(withCertificate(prepared, forged)));
    const notAKey = signObject(
      { ...certificate.payload, public_key: 'AAECAw' },
      account.toWif(),
    ) as DataKeyCertificate;
    untrusted(() =>
      verifyCooperativeKey({
        ...prepared,
        data_key: { certificate: notAKey, fingerprint: prepared.data_key.fingerprint },
      }),
    );
  });
});
