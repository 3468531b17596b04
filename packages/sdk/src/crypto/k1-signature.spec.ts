import { describe, expect, it } from 'vitest';
import { Checksum256, PrivateKey, PublicKey, Signature } from '@wharfkit/antelope';
import {
  signDocument,
  signedObjectDigest,
  signObject,
  verifySignedDocument,
  verifySignedObject,
} from './k1-signature.js';

// A well-known Antelope development key, so the vector can be recomputed with any K1 tooling.
const WIF = '5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD3';
const PUB = 'PUB_K1_6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5BoDq63';
const LEGACY_PUB = 'EOS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV';

const PAYLOAD = {
  coopname: 'voskhod',
  kid: 'voskhod-2025',
  public_key: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
  created_at: '2025-01-02T03:04:05.000Z',
};
// JCS(PAYLOAD): keys sorted, no whitespace.
const JCS =
  '{"coopname":"voskhod","created_at":"2025-01-02T03:04:05.000Z","kid":"voskhod-2025","public_key":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}';
// `printf '%s' "$JCS" | sha256sum`
const DIGEST = '0101f062ec6819de253a20ab226c4e30a743b952ee070b3075dfaa26e0b70ad9';
// Deterministic (RFC 6979) K1 signature of DIGEST by WIF, as wharfkit produces it.
const SIGNATURE =
  'SIG_K1_Kk11T3eSpqgK7QXDKYKv1hynKvLoYSAPHErdNrL8q3K1P8nH2qE2KQLksSPuTRsNzyZrEPrTwdiTjpeaSGtYZoJL9rzbw5';

describe('K1 signed objects (MONO attestation convention)', () => {
  it('round-trips with a freshly generated K1 key', () => {
    const key = PrivateKey.generate('K1');
    const payload = { coopname: 'voskhod', username: 'abcdefghijkl', fields: { name: 'Ива' } };
    const signed = signObject(payload, key.toWif());
    expect(signed.payload).toBe(payload);
    expect(signed.public_key).toBe(key.toPublic().toString());
    expect(signed.public_key).toMatch(/^PUB_K1_/);
    expect(signed.signature).toMatch(/^SIG_K1_/);
    expect(verifySignedObject(signed)).toBe(true);
    expect(verifySignedObject(signed, signed.public_key)).toBe(true);
    expect(verifySignedObject(signed, key.toPublic().toLegacyString())).toBe(true);
  });

  it('matches the pinned vector: SHA-256 of UTF-8 JCS(payload), signed with signDigest', async () => {
    const digest = new Uint8Array(
      await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(JCS)),
    );
    expect(Buffer.from(digest).toString('hex')).toBe(DIGEST);
    expect(signedObjectDigest(PAYLOAD).hexString).toBe(DIGEST);

    const signed = signObject(PAYLOAD, WIF);
    expect(signed).toEqual({ payload: PAYLOAD, public_key: PUB, signature: SIGNATURE });

    // Verified with wharfkit directly, not through the SDK.
    const sig = Signature.from(signed.signature);
    expect(sig.verifyDigest(Checksum256.from(DIGEST), PublicKey.from(LEGACY_PUB))).toBe(true);
    expect(sig.recoverDigest(Checksum256.from(DIGEST)).toString()).toBe(PUB);
    expect(verifySignedObject({ payload: PAYLOAD, public_key: PUB, signature: SIGNATURE })).toBe(
      true,
    );
  });

  it('is independent of the payload key order (JCS)', () => {
    const reordered = {
      public_key: PAYLOAD.public_key,
      created_at: PAYLOAD.created_at,
      kid: PAYLOAD.kid,
      coopname: PAYLOAD.coopname,
    };
    expect(verifySignedObject({ payload: reordered, public_key: PUB, signature: SIGNATURE })).toBe(
      true,
    );
  });

  it('refuses a tampered payload', () => {
    const signed = signObject(PAYLOAD, WIF);
    expect(verifySignedObject({ ...signed, payload: { ...PAYLOAD, kid: 'voskhod-2026' } })).toBe(
      false,
    );
    expect(verifySignedObject({ ...signed, payload: { ...PAYLOAD, extra: true } })).toBe(false);
  });

  it('refuses another key, named in the object or expected by the caller', () => {
    const signed = signObject(PAYLOAD, WIF);
    const other = PrivateKey.generate('K1').toPublic().toString();
    expect(verifySignedObject({ ...signed, public_key: other })).toBe(false);
    expect(verifySignedObject(signed, other)).toBe(false);
    const resigned = signObject(PAYLOAD, PrivateKey.generate('K1').toWif());
    expect(verifySignedObject(resigned, PUB)).toBe(false);
  });

  it('returns false on malformed input instead of throwing', () => {
    const signed = signObject(PAYLOAD, WIF);
    const flipped = SIGNATURE.slice(0, -1) + (SIGNATURE.endsWith('5') ? '6' : '5');
    for (const bad of [
      undefined,
      null,
      'SIG_K1_x',
      [],
      {},
      { public_key: PUB, signature: SIGNATURE },
      { ...signed, signature: flipped },
      { ...signed, signature: 'SIG_K1_notbase58!' },
      { ...signed, signature: '' },
      { ...signed, signature: 42 },
      { ...signed, public_key: 'PUB_K1_garbage' },
      { ...signed, public_key: undefined },
      { ...signed, payload: { n: Number.NaN } },
      { ...signed, payload: undefined },
    ]) {
      expect(verifySignedObject(bad)).toBe(false);
    }
    expect(verifySignedObject(signed, 'not a key')).toBe(false);
  });

  it('refuses to sign with something that is not a K1 private key, or a non-JSON payload', () => {
    expect(() => signObject(PAYLOAD, 'nope')).toThrow(TypeError);
    expect(() => signObject(PAYLOAD, PrivateKey.generate('R1').toString())).toThrow(TypeError);
    expect(() => signObject({ n: Number.POSITIVE_INFINITY }, WIF)).toThrow(TypeError);
  });
});

describe('K1 signed documents (MONO {hash, public_key, signature, meta})', () => {
  const DOCUMENT = 'Прошу принять меня в пайщики ПК «Восход».';
  const META = { title: 'Заявление о вступлении', lang: 'ru' };

  it('hashes the UTF-8 bytes with SHA-256 and signs the digest so wharfkit alone can verify it', async () => {
    const signed = signDocument(DOCUMENT, META, WIF);
    const digest = await globalThis.crypto.subtle.digest(
      'SHA-256',
      new TextEncoder().encode(DOCUMENT),
    );
    expect(signed.hash).toBe(Buffer.from(digest).toString('hex'));
    expect(signed).toMatchObject({ public_key: PUB, meta: META });
    expect(
      Signature.from(signed.signature).verifyDigest(
        Checksum256.from(signed.hash),
        PublicKey.from(signed.public_key),
      ),
    ).toBe(true);
    const bytes = signDocument(new TextEncoder().encode(DOCUMENT), META, WIF);
    expect(bytes.hash).toBe(signed.hash);
    expect(
      verifySignedDocument(signed, { document: DOCUMENT, expectedPublicKey: LEGACY_PUB }),
    ).toBe(true);
    expect(verifySignedDocument(bytes, { document: new TextEncoder().encode(DOCUMENT) })).toBe(
      true,
    );
  });

  it('refuses another document, another signer, a changed hash and malformed input', () => {
    const signed = signDocument(DOCUMENT, META, WIF);
    const other = PrivateKey.generate('K1');
    expect(verifySignedDocument(signed, { document: `${DOCUMENT} ` })).toBe(false);
    expect(verifySignedDocument(signed, { expectedPublicKey: other.toPublic().toString() })).toBe(
      false,
    );
    expect(verifySignedDocument({ ...signed, public_key: other.toPublic().toString() })).toBe(
      false,
    );
    expect(verifySignedDocument({ ...signed, hash: '0'.repeat(64) })).toBe(false);
    expect(verifySignedDocument({ ...signed, hash: signed.hash.toUpperCase() })).toBe(false);
    const { meta: _meta, ...withoutMeta } = signed;
    for (const bad of [
      null,
      'text',
      withoutMeta,
      { ...signed, signature: 'SIG_K1_x' },
      { ...signed, public_key: 42 },
    ]) {
      expect(verifySignedDocument(bad)).toBe(false);
    }
    expect(() => signDocument(DOCUMENT, META, 'not a key')).toThrow(TypeError);
    expect(() => signDocument(DOCUMENT, META, PrivateKey.generate('R1').toString())).toThrow(
      TypeError,
    );
  });
});
