/// <reference types="vite/client" />
// The test vectors of docs/protocol.md, checked against the SDK's real functions: every
// ciphertext opens to the exact plaintext, sealing again with the fixed IV or HPKE ephemeral key
// gives the exact bytes, and AADs, digests, signatures, fingerprints, Recovery Kits and grant
// ids are recomputed. A changed byte in the document or in the code fails here.
import * as opaque from '@serenity-kit/opaque';
import { PrivateKey } from '@wharfkit/antelope';
import { describe, expect, it } from 'vitest';
import { accountProofPayload, CARD_SCHEMA_ID } from '@cardcoop/contracts';
import type {
  CardAccount,
  DataKeyCertificate,
  PreparedShare,
  ShareEnvelope,
  SymmetricEnvelope,
} from '@cardcoop/contracts';
import protocolDocument from '../../../../docs/protocol.md?raw';
import { CARD_FORMAT_VERSION, createCardClient } from '../card/card-client.js';
import { migrateCard } from '../card/card-migrations.js';
import { verifyCooperativeKey } from '../card/share-key.js';
import { connectUrl } from '../coop/connect.js';
import { certifyDataKey } from '../coop/data-key.js';
import { openSharedData, startShare } from '../coop/sharing.js';
import { createAccessClient } from '../member/access-client.js';
import { CardCoopError } from '../errors.js';
import {
  fromHex,
  generateProtocolVectors,
  hex,
  stubSession,
  VECTOR_NAMES,
  withFixedRandom,
} from '../testing/protocol-vectors.js';
import type { StubRoutes, VectorName } from '../testing/protocol-vectors.js';
import { dataKeyFingerprint } from './data-key-fingerprint.js';
import { base64UrlDecode, base64UrlEncode, utf8Decode, utf8Encode } from './encoding.js';
import { envelopeAad, openEnvelope, sealEnvelope } from './envelope.js';
import type { EnvelopeContext } from './envelope.js';
import { canonicalize } from './jcs.js';
import {
  signDocument,
  signedObjectDigest,
  signObject,
  verifySignedDocument,
  verifySignedObject,
} from './k1-signature.js';
import { deriveKek, HKDF_INFO, hkdfSha256 } from './keys.js';
import {
  formatRecoveryKey,
  generateRecoveryKey,
  parseRecoveryKey,
  recoveryAuthHash,
  recoveryProof,
} from './recovery-kit.js';
import {
  openShare,
  SHARE_INFO,
  SHARE_SUITE,
  shareAad,
  shareGrantId,
  shareSuite,
} from './share-envelope.js';
import {
  importUserKey,
  unwrapUserKey,
  unwrapUserKeyWithRecovery,
  userKeyBytes,
  wrapUserKey,
  wrapUserKeyForRecovery,
} from './user-key.js';

/** The ```json vector:<name> blocks of the document. */
function documentVectors(markdown: string): Map<string, unknown> {
  const vectors = new Map<string, unknown>();
  for (const [, name = '', body = ''] of markdown.matchAll(
    /^```json vector:([a-z0-9_]+)\n([\s\S]*?)^```$/gm,
  )) {
    if (vectors.has(name)) throw new Error(`Vector ${name} appears twice.`);
    vectors.set(name, JSON.parse(body));
  }
  return vectors;
}

/** The code of the CardCoopError a promise rejects with. */
async function errorCode(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CardCoopError))
    throw new Error(`Expected a CardCoopError: ${String(error)}`);
  return error.code;
}

const vectors = documentVectors(protocolDocument);
const vector = <T>(name: VectorName): T => vectors.get(name) as T;

interface Envelope {
  v: 1;
  alg: 'A256GCM';
  kid: string;
  iv: string;
  ct: string;
}

const header = (envelope: Envelope) => ({ v: envelope.v, alg: envelope.alg, kid: envelope.kid });
const sha256 = async (bytes: Uint8Array) =>
  new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));

/** AES-256-GCM straight from WebCrypto, with the AAD as the document writes it. */
async function rawOpen(keyHex: string, envelope: Envelope, aad: string): Promise<Uint8Array> {
  const key = await globalThis.crypto.subtle.importKey('raw', fromHex(keyHex), 'AES-GCM', false, [
    'decrypt',
  ]);
  return new Uint8Array(
    await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: base64UrlDecode(envelope.iv), additionalData: utf8Encode(aad) },
      key,
      base64UrlDecode(envelope.ct),
    ),
  );
}

describe('docs/protocol.md test vectors', () => {
  it('has exactly one block per vector, and they are what the generator makes from the code', async () => {
    expect([...vectors.keys()].sort()).toEqual([...VECTOR_NAMES].sort());
    // The regenerated set equals the document's (run the script with --write after a change).
    expect(await generateProtocolVectors()).toEqual(Object.fromEntries(vectors));
  });

  it('base64url: encodes without padding, refuses every non-canonical spelling', () => {
    const v = vector<{ bytes_hex: string; encoded: string; refused: string[] }>('base64url');
    expect(base64UrlEncode(fromHex(v.bytes_hex))).toBe(v.encoded);
    expect(hex(base64UrlDecode(v.encoded))).toBe(v.bytes_hex);
    expect(v.refused).toHaveLength(4);
    for (const text of v.refused) expect(() => base64UrlDecode(text), text).toThrow(TypeError);
  });

  it('jcs: RFC 8785 canonical JSON', () => {
    const v = vector<{ input: string; canonical: string }>('jcs');
    expect(canonicalize(JSON.parse(v.input))).toBe(v.canonical);
    expect(v.canonical.indexOf('"A"')).toBeLessThan(v.canonical.indexOf('"a"'));
  });

  it('kek: HKDF-SHA256(export key, "cardcoop/v1/kek") opens the password wrap', async () => {
    const v = vector<{ export_key: string; info: string; kek_hex: string }>('kek');
    const w = vector<{ envelope: Envelope; aad: string; user_key_hex: string }>('user_key_wrap');
    expect(v.info).toBe(HKDF_INFO.kek);
    expect(base64UrlDecode(v.export_key)).toHaveLength(64);
    expect(hex(await hkdfSha256(base64UrlDecode(v.export_key), v.info))).toBe(v.kek_hex);
    // deriveKek's non-extractable key is that HKDF: the raw KEK opens what deriveKek sealed.
    expect(hex(await rawOpen(v.kek_hex, w.envelope, w.aad))).toBe(w.user_key_hex);
  });

  it('user_key_wrap: opens to the user key, and wrapping again with the IV gives the same bytes', async () => {
    const v = vector<{
      user_id: string;
      export_key: string;
      user_key_hex: string;
      iv_hex: string;
      aad: string;
      envelope: Envelope;
    }>('user_key_wrap');
    const context = { purpose: 'user_key', user_id: v.user_id, record_id: 'user_key/kek' };
    expect(utf8Decode(envelopeAad(context, header(v.envelope)))).toBe(v.aad);
    expect(v.envelope.iv).toBe(base64UrlEncode(fromHex(v.iv_hex)));
    const userKey = await unwrapUserKey(await deriveKek(v.export_key), v.envelope, v.user_id);
    expect(hex(userKeyBytes(userKey))).toBe(v.user_key_hex);
    expect(userKey.version).toBe(v.envelope.kid);
    const again = await withFixedRandom([fromHex(v.iv_hex)], async () =>
      wrapUserKey(
        await deriveKek(v.export_key),
        await importUserKey(fromHex(v.user_key_hex), '1'),
        v.user_id,
      ),
    );
    expect(again).toEqual(v.envelope);
    // Bound to the account: under another user id it does not open.
    expect(
      await errorCode(
        unwrapUserKey(await deriveKek(v.export_key), v.envelope, crypto.randomUUID()),
      ),
    ).toBe('DECRYPTION_FAILED');
  });

  it('recovery_kit: Crockford base32 of the secret and a 12-bit SHA-256 checksum, 7 groups of 4', async () => {
    const v = vector<{
      secret_hex: string;
      checksum_12_bits_hex: string;
      recovery_key: string;
      also_accepted: string[];
      refused_typo: string;
      wrap_key_info: string;
      wrap_key_hex: string;
      auth_info: string;
      recovery_proof: string;
      auth_hash: string;
    }>('recovery_kit');
    const secret = fromHex(v.secret_hex);
    expect(secret).toHaveLength(16);
    expect(await formatRecoveryKey(secret)).toBe(v.recovery_key);
    expect((await withFixedRandom([secret], generateRecoveryKey)).text).toBe(v.recovery_key);
    // The encoding as the document states it, written independently of the SDK.
    expect(hex(await sha256(secret)).slice(0, 3)).toBe(v.checksum_12_bits_hex);
    const bits = [...secret]
      .map((byte) => byte.toString(2).padStart(8, '0'))
      .join('')
      .concat(Number.parseInt(v.checksum_12_bits_hex, 16).toString(2).padStart(12, '0'));
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const chars = (bits.match(/.{5}/g) ?? []).map((five) => alphabet[Number.parseInt(five, 2)]);
    expect(chars.join('').match(/.{4}/g)?.join('-')).toBe(v.recovery_key);

    for (const text of [v.recovery_key, ...v.also_accepted]) {
      expect(hex(await parseRecoveryKey(text)), text).toBe(v.secret_hex);
    }
    expect(await errorCode(parseRecoveryKey(v.refused_typo))).toBe('INVALID_RECOVERY_KEY');

    expect([v.wrap_key_info, v.auth_info]).toEqual([HKDF_INFO.recovery, HKDF_INFO.recoveryAuth]);
    expect(hex(await hkdfSha256(secret, v.wrap_key_info))).toBe(v.wrap_key_hex);
    const proof = await hkdfSha256(secret, v.auth_info);
    expect(base64UrlEncode(proof)).toBe(v.recovery_proof);
    expect(await recoveryProof(secret)).toBe(v.recovery_proof);
    expect(base64UrlEncode(await sha256(proof))).toBe(v.auth_hash);
    expect(await recoveryAuthHash(secret)).toBe(v.auth_hash);
  });

  it('recovery_wrap: the recovery copy opens with the printed key, and seals again byte for byte', async () => {
    const v = vector<{
      user_id: string;
      secret_hex: string;
      user_key_hex: string;
      iv_hex: string;
      aad: string;
      envelope: Envelope;
    }>('recovery_wrap');
    const kit = vector<{ recovery_key: string; wrap_key_hex: string }>('recovery_kit');
    const context = { purpose: 'user_key', user_id: v.user_id, record_id: 'user_key/recovery' };
    expect(utf8Decode(envelopeAad(context, header(v.envelope)))).toBe(v.aad);
    expect(hex(await rawOpen(kit.wrap_key_hex, v.envelope, v.aad))).toBe(v.user_key_hex);
    const secret = await parseRecoveryKey(kit.recovery_key);
    const userKey = await unwrapUserKeyWithRecovery(secret, v.envelope, v.user_id);
    expect(hex(userKeyBytes(userKey))).toBe(v.user_key_hex);
    const again = await withFixedRandom([fromHex(v.iv_hex)], async () =>
      wrapUserKeyForRecovery(secret, await importUserKey(fromHex(v.user_key_hex)), v.user_id),
    );
    expect(again).toEqual(v.envelope);
  });

  interface CardVector {
    user_id: string;
    user_key_hex: string;
    iv_hex: string;
    plaintext: string;
    meta: { version: number; schema: string; kind: string };
    aad: string;
    envelope: Envelope;
  }

  const storedCard = (meta: unknown, envelope: unknown): StubRoutes => ({
    'GET /api/v1/card': () => ({
      card_id: '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a',
      revision: 1,
      meta,
      card: envelope,
      updated_at: '2026-01-01T10:00:00.000Z',
    }),
  });

  it('card: the card client reads the envelope and writes the same bytes with the IV', async () => {
    const v = vector<CardVector>('card');
    expect(v.meta).toEqual({
      version: CARD_FORMAT_VERSION,
      schema: CARD_SCHEMA_ID,
      kind: 'individual',
    });
    const context: EnvelopeContext = {
      purpose: 'card',
      user_id: v.user_id,
      record_id: 'card',
      meta: v.meta,
    };
    expect(utf8Decode(envelopeAad(context, header(v.envelope)))).toBe(v.aad);
    expect(utf8Decode(await rawOpen(v.user_key_hex, v.envelope, v.aad))).toBe(v.plaintext);

    const userKey = await importUserKey(fromHex(v.user_key_hex));
    const reader = createCardClient(stubSession(v.user_id, storedCard(v.meta, v.envelope)), {
      userKey,
    });
    const read = await reader.get();
    expect(read.data).toEqual(JSON.parse(v.plaintext));
    expect(read.migratedFrom).toBeUndefined();

    let written: unknown;
    const writer = createCardClient(
      stubSession(v.user_id, {
        'GET /api/v1/card/schema': () => ({ $id: CARD_SCHEMA_ID }),
        'POST /api/v1/card/issue': (body) => {
          written = body;
          return { card_id: '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a', revision: 1, status: 'issued' };
        },
      }),
      { userKey },
    );
    await withFixedRandom([fromHex(v.iv_hex)], () => writer.issue(JSON.parse(v.plaintext)));
    expect(written).toEqual({ card: v.envelope, meta: v.meta });

    // The server cannot change the plain meta: the envelope no longer opens.
    const tampered = createCardClient(
      stubSession(v.user_id, storedCard({ ...v.meta, version: 1 }, v.envelope)),
      { userKey },
    );
    expect(await errorCode(tampered.get())).toBe('DECRYPTION_FAILED');
  });

  it('card_migration: a format-1 card reads as the current format', async () => {
    const v = vector<{
      from_version: number;
      to_version: number;
      from: Record<string, unknown>;
      to: Record<string, unknown>;
      user_id: string;
      user_key_hex: string;
      iv_hex: string;
      meta: CardVector['meta'];
      envelope: Envelope;
    }>('card_migration');
    expect(v.to_version).toBe(CARD_FORMAT_VERSION);
    expect(migrateCard(v.from, v.from_version)).toEqual(v.to);
    const userKey = await importUserKey(fromHex(v.user_key_hex));
    const context = { purpose: 'card', user_id: v.user_id, record_id: 'card', meta: v.meta };
    const plaintext = await openEnvelope({ key: userKey.key, envelope: v.envelope, context });
    expect(JSON.parse(utf8Decode(plaintext))).toEqual(v.from);
    const again = await withFixedRandom([fromHex(v.iv_hex)], () =>
      sealEnvelope({ key: userKey.key, kid: '1', plaintext, context }),
    );
    expect(again).toEqual(v.envelope);
    const card = createCardClient(stubSession(v.user_id, storedCard(v.meta, v.envelope)), {
      userKey,
    });
    const read = await card.get();
    expect(read.data).toEqual(v.to);
    expect(read.migratedFrom).toBe(v.from_version);
  });

  interface AccountVector {
    user_id: string;
    user_key_hex: string;
    coopname: string;
    username: string;
    private_key_wif: string;
    public_key: string;
    iv_hex: string;
    aad: string;
    envelope: Envelope;
  }

  const accountOf = (v: AccountVector): CardAccount => ({
    id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    coopname: v.coopname,
    display_name: 'ПК ВОСХОД',
    username: v.username,
    public_key: v.public_key,
    encrypted_private_key: v.envelope as SymmetricEnvelope,
    membership: 'confirmed',
    created_at: '2026-01-01T10:00:00.000Z',
    closed_at: null,
    entry_url: null,
  });

  it('account_key: the account opens its sealed WIF, the key of its PUB_K1', async () => {
    const v = vector<AccountVector>('account_key');
    const context = {
      purpose: 'coop_account_key',
      user_id: v.user_id,
      record_id: `account/${v.coopname}/${v.username}`,
    };
    expect(utf8Decode(envelopeAad(context, header(v.envelope)))).toBe(v.aad);
    expect(utf8Decode(await rawOpen(v.user_key_hex, v.envelope, v.aad))).toBe(v.private_key_wif);
    expect(PrivateKey.from(v.private_key_wif).toPublic().toString()).toBe(v.public_key);
    const userKey = await importUserKey(fromHex(v.user_key_hex));
    const card = createCardClient(
      stubSession(v.user_id, { 'GET /api/v1/card/accounts': () => ({ accounts: [accountOf(v)] }) }),
      { userKey },
    );
    const [account] = await card.listAccounts();
    expect(await account!.privateKey()).toBe(v.private_key_wif);
    const again = await withFixedRandom([fromHex(v.iv_hex)], () =>
      sealEnvelope({
        key: userKey.key,
        kid: '1',
        plaintext: utf8Encode(v.private_key_wif),
        context,
      }),
    );
    expect(again).toEqual(v.envelope);
  });

  it('account_proof: K1 over SHA-256 of the JCS of the proof payload', async () => {
    const v = vector<{
      private_key_wif: string;
      payload: { purpose: string; challenge: string; coopname: string; username: string };
      jcs: string;
      digest_hex: string;
      signed: { payload: unknown; public_key: string; signature: string };
    }>('account_proof');
    const { challenge, coopname, username } = v.payload;
    expect(accountProofPayload({ challenge, coopname, username })).toEqual(v.payload);
    expect(canonicalize(v.payload)).toBe(v.jcs);
    expect(hex(await sha256(utf8Encode(v.jcs)))).toBe(v.digest_hex);
    expect(signedObjectDigest(v.payload).hexString).toBe(v.digest_hex);
    expect(signObject(v.payload, v.private_key_wif)).toEqual(v.signed);
    const accountKey = vector<AccountVector>('account_key').public_key;
    expect(verifySignedObject(v.signed, accountKey)).toBe(true);
    expect(verifySignedObject({ ...v.signed, payload: { ...v.payload, username: 'x' } })).toBe(
      false,
    );
  });

  it('signed_document: MONO shape, the hash is SHA-256 of the document', async () => {
    const v = vector<{
      private_key_wif: string;
      document: string;
      signed: { hash: string; public_key: string; signature: string; meta: unknown };
    }>('signed_document');
    expect(hex(await sha256(utf8Encode(v.document)))).toBe(v.signed.hash);
    expect(signDocument(v.document, v.signed.meta, v.private_key_wif)).toEqual(v.signed);
    const expectedPublicKey = vector<AccountVector>('account_key').public_key;
    expect(verifySignedDocument(v.signed, { document: v.document, expectedPublicKey })).toBe(true);
    expect(verifySignedDocument(v.signed, { document: `${v.document} ` })).toBe(false);
  });

  interface DataKeyVector {
    coop_account_private_key_wif: string;
    coop_account_public_key: string;
    private_key: string;
    public_key: string;
    kid: string;
    payload_jcs: string;
    digest_hex: string;
    certificate: DataKeyCertificate;
    fingerprint: { hex: string; display: string };
  }

  const preparedFor = (d: DataKeyVector, username: string): PreparedShare => ({
    coopname: d.certificate.payload.coopname,
    display_name: 'ПК ВОСХОД',
    legal_name: 'ПК ВОСХОД',
    consent_purpose: null,
    data_key: { certificate: d.certificate, fingerprint: d.fingerprint.hex },
    username,
    membership: 'confirmed',
    requested_fields: ['last_name', 'first_name', 'birthdate', 'phone'],
  });

  it('data_key: the certificate, its digest and signature, and the fingerprint', async () => {
    const v = vector<DataKeyVector>('data_key');
    const { payload } = v.certificate;
    expect(
      certifyDataKey({
        coopname: payload.coopname,
        kid: payload.kid,
        publicKey: payload.public_key,
        accountPrivateKeyWif: v.coop_account_private_key_wif,
        createdAt: new Date(payload.created_at),
      }),
    ).toEqual(v.certificate);
    expect(payload.public_key).toBe(v.public_key);
    expect(canonicalize(payload)).toBe(v.payload_jcs);
    expect(hex(await sha256(utf8Encode(v.payload_jcs)))).toBe(v.digest_hex);
    expect(verifySignedObject(v.certificate, v.coop_account_public_key)).toBe(true);

    const raw = base64UrlDecode(v.public_key);
    expect(raw).toHaveLength(32);
    expect(hex(await sha256(raw))).toBe(v.fingerprint.hex);
    expect(v.fingerprint.display).toBe(
      (v.fingerprint.hex.toUpperCase().match(/.{4}/g) ?? []).join(' '),
    );
    expect(dataKeyFingerprint(v.public_key)).toEqual(v.fingerprint);
    expect(v.kid).toBe(`${payload.coopname}-20260101-${v.fingerprint.hex.slice(0, 8)}`);

    const checked = verifyCooperativeKey(preparedFor(v, 'annapetrovna'), {
      expectedAccountKey: v.coop_account_public_key,
    });
    expect(checked).toEqual({ publicKey: v.public_key, kid: v.kid, fingerprint: v.fingerprint });
    // Signed by another key than the cooperative's account key: refused.
    expect(
      await errorCode(
        Promise.resolve().then(() =>
          verifyCooperativeKey(preparedFor(v, 'annapetrovna'), {
            expectedAccountKey: vector<AccountVector>('account_key').public_key,
          }),
        ),
      ),
    ).toBe('UNTRUSTED_COOPERATIVE_KEY');
  });

  interface ShareVector {
    coopname: string;
    username: string;
    member_public_key: string;
    signed: { payload: { fields: Record<string, unknown>; signed_at: string } };
    plaintext: string;
    grant_id: string;
    aad: string;
    info: string;
    recipient_private_key: string;
    recipient_public_key: string;
    ephemeral_ikm_hex: string;
    ephemeral_private_key_hex: string;
    envelope: ShareEnvelope;
  }

  it('share: the cooperative opens it to the exact plaintext and checks the member signature', async () => {
    const v = vector<ShareVector>('share');
    const { coopname, username } = v;
    const kid = v.envelope.kid;
    expect(v.envelope.suite).toBe(SHARE_SUITE);
    expect(v.info).toBe(SHARE_INFO);
    expect(shareGrantId({ coopname, username })).toBe(v.grant_id);
    expect(v.grant_id).toBe(`${username}@${coopname}`);
    expect(utf8Decode(shareAad({ coopname, username, kid }))).toBe(v.aad);
    expect(canonicalize(v.signed)).toBe(v.plaintext);
    expect(verifySignedObject(v.signed, v.member_public_key)).toBe(true);

    const opened = await openShare(v.envelope, v.recipient_private_key, { coopname, username });
    expect(utf8Decode(opened)).toBe(v.plaintext);
    const shared = await openSharedData({
      envelope: v.envelope,
      dataPrivateKey: v.recipient_private_key,
      coopname,
      username,
      expectedMemberKey: v.member_public_key,
    });
    expect(shared).toEqual({
      fields: v.signed.payload.fields,
      signedAt: v.signed.payload.signed_at,
      memberPublicKey: v.member_public_key,
    });
    // Another grant's context does not open it; another signer is refused.
    expect(
      await errorCode(
        openSharedData({
          envelope: v.envelope,
          dataPrivateKey: v.recipient_private_key,
          coopname,
          username: 'someoneelsea',
        }),
      ),
    ).toBe('DECRYPTION_FAILED');
    expect(
      await errorCode(
        openSharedData({
          envelope: v.envelope,
          dataPrivateKey: v.recipient_private_key,
          coopname,
          username,
          expectedMemberKey: vector<DataKeyVector>('data_key').coop_account_public_key,
        }),
      ),
    ).toBe('UNTRUSTED_MEMBER_SIGNATURE');
  });

  it('share: RFC 9180 with the fixed ephemeral ikm reproduces enc and ct', async () => {
    const v = vector<ShareVector>('share');
    const suite = shareSuite();
    const ikmE = fromHex(v.ephemeral_ikm_hex);
    const ephemeral = await suite.kem.deriveKeyPair(ikmE);
    expect(hex(new Uint8Array(await suite.kem.serializePrivateKey(ephemeral.privateKey)))).toBe(
      v.ephemeral_private_key_hex,
    );
    expect(
      base64UrlEncode(new Uint8Array(await suite.kem.serializePublicKey(ephemeral.publicKey))),
    ).toBe(v.envelope.enc);
    const { enc, ct } = await suite.seal(
      {
        recipientPublicKey: await suite.kem.deserializePublicKey(
          base64UrlDecode(v.recipient_public_key),
        ),
        info: utf8Encode(v.info),
        ekm: ikmE,
      },
      utf8Encode(v.plaintext),
      utf8Encode(v.aad),
    );
    expect(base64UrlEncode(new Uint8Array(enc))).toBe(v.envelope.enc);
    expect(base64UrlEncode(new Uint8Array(ct))).toBe(v.envelope.ct);
  });

  it("share: the member's real share path seals exactly this plaintext, to this kid", async () => {
    const v = vector<ShareVector>('share');
    const card = vector<CardVector>('card');
    const account = vector<AccountVector>('account_key');
    const dataKey = vector<DataKeyVector>('data_key');
    let sent: { envelope: ShareEnvelope } | undefined;
    const session = stubSession(card.user_id, {
      ...storedCard(card.meta, card.envelope),
      'GET /api/v1/card/accounts': () => ({ accounts: [accountOf(account)] }),
      'POST /api/v1/access/share-data': (body) => {
        sent = body as typeof sent;
        return {
          ticket: 't',
          redirect_uri: 'https://voskhod.example/cb',
          state: 's',
          expires_in: 120,
        };
      },
    });
    const userKey = await importUserKey(fromHex(card.user_key_hex));
    const access = createAccessClient(session, createCardClient(session, { userKey }));
    await access.share({
      prepared: preparedFor(dataKey, v.username),
      fields: Object.keys(v.signed.payload.fields),
      redirectUri: 'https://voskhod.example/cb',
      state: 'state-1234567',
      codeChallenge: 'x'.repeat(43),
      expectedAccountKey: dataKey.coop_account_public_key,
      signedAt: new Date(v.signed.payload.signed_at),
    });
    expect(sent?.envelope.kid).toBe(v.envelope.kid);
    expect(sent?.envelope.suite).toBe(SHARE_SUITE);
    const plaintext = await openShare(sent!.envelope, v.recipient_private_key, {
      coopname: v.coopname,
      username: v.username,
    });
    expect(utf8Decode(plaintext)).toBe(v.plaintext);
  });

  it('pkce: the verifier, its S256 challenge and the connect URL', async () => {
    const v = vector<{
      random_verifier_hex: string;
      random_state_hex: string;
      code_verifier: string;
      code_challenge: string;
      state: string;
      redirect_uri: string;
      connect_url: string;
    }>('pkce');
    expect(v.code_verifier).toBe(base64UrlEncode(fromHex(v.random_verifier_hex)));
    expect(base64UrlEncode(await sha256(utf8Encode(v.code_verifier)))).toBe(v.code_challenge);
    const started = await withFixedRandom(
      [fromHex(v.random_verifier_hex), fromHex(v.random_state_hex)],
      () => startShare({ redirectUri: v.redirect_uri }),
    );
    expect(started).toEqual({
      redirectUri: v.redirect_uri,
      state: v.state,
      codeVerifier: v.code_verifier,
      codeChallenge: v.code_challenge,
    });
    expect(connectUrl({ baseUrl: 'https://id.card.coop', coopname: 'voskhod', started })).toBe(
      v.connect_url,
    );
  });

  it("opaque_server_key: the setup's private scalar gives the published public key", async () => {
    const v = vector<{ server_setup: string; private_key_hex: string; opaque_public_key: string }>(
      'opaque_server_key',
    );
    await opaque.ready;
    const setup = base64UrlDecode(v.server_setup);
    expect(setup).toHaveLength(128);
    expect(hex(setup.slice(64, 96))).toBe(v.private_key_hex);
    expect(opaque.server.getPublicKey(v.server_setup)).toBe(v.opaque_public_key);
    expect(base64UrlDecode(v.opaque_public_key)).toHaveLength(32);
    // The document's example answer of /.well-known/opaque-public-key is this key.
    expect(protocolDocument).toContain(
      `{"opaque_public_key":"${v.opaque_public_key}","setup_version":1}`,
    );
  });
});
