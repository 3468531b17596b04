// Test vectors of docs/protocol.md, made with the SDK's own functions from fixed inputs.
// `node packages/sdk/scripts/protocol-vectors.mjs --write` puts them into the document;
// `src/crypto/protocol-vectors.spec.ts` checks the document against the code.
import * as opaque from '@serenity-kit/opaque';
import { Bytes, KeyType, PrivateKey } from '@wharfkit/antelope';
import { accountProofPayload, CARD_SCHEMA_ID } from '@cardcoop/contracts';
import type { CardAccount, PreparedShare, ShareEnvelope } from '@cardcoop/contracts';
import { createCardClient, CARD_FORMAT_VERSION } from '../card/card-client.js';
import { migrateCard } from '../card/card-migrations.js';
import { certifyDataKey } from '../coop/data-key.js';
import { connectUrl } from '../coop/connect.js';
import { startShare } from '../coop/sharing.js';
import { dataKeyFingerprint } from '../crypto/data-key-fingerprint.js';
import { base64UrlDecode, base64UrlEncode, utf8Decode, utf8Encode } from '../crypto/encoding.js';
import { envelopeAad, sealEnvelope } from '../crypto/envelope.js';
import { canonicalize } from '../crypto/jcs.js';
import { signDocument, signedObjectDigest, signObject } from '../crypto/k1-signature.js';
import { deriveKek, HKDF_INFO, hkdfSha256 } from '../crypto/keys.js';
import { generateRecoveryKey, recoveryAuthHash, recoveryProof } from '../crypto/recovery-kit.js';
import {
  openShare,
  SHARE_INFO,
  SHARE_SUITE,
  shareAad,
  shareGrantId,
  shareSuite,
} from '../crypto/share-envelope.js';
import { importUserKey, wrapUserKey, wrapUserKeyForRecovery } from '../crypto/user-key.js';
import { createAccessClient } from '../member/access-client.js';
import type { MemberSessionManager } from '../session/manager.js';

export const hex = (bytes: Uint8Array): string =>
  [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');

export const fromHex = (text: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array((text.match(/../g) ?? []).map((pair) => Number.parseInt(pair, 16)));

/**
 * Runs `fn` with `crypto.getRandomValues` answering `values` in order (each call must ask for
 * exactly the next value's length), then restores it. Throws when `fn` asks for more or other
 * randomness than given, or leaves some unused: the vector then does not describe the call.
 */
export async function withFixedRandom<T>(values: Uint8Array[], fn: () => Promise<T>): Promise<T> {
  const queue = [...values];
  const crypto = globalThis.crypto;
  const original = Object.getOwnPropertyDescriptor(crypto, 'getRandomValues');
  Object.defineProperty(crypto, 'getRandomValues', {
    configurable: true,
    writable: true,
    value: <A extends ArrayBufferView | null>(array: A): A => {
      const next = queue.shift();
      if (!array || !next || array.byteLength !== next.length) {
        throw new Error(`Unexpected randomness: ${array?.byteLength ?? 0} bytes asked for.`);
      }
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(next);
      return array;
    },
  });
  try {
    const result = await fn();
    if (queue.length > 0) throw new Error(`${queue.length} fixed random values left unused.`);
    return result;
  } finally {
    if (original) Object.defineProperty(crypto, 'getRandomValues', original);
    else delete (crypto as { getRandomValues?: unknown }).getRandomValues;
  }
}

/** What a member session answers in these vectors: handlers by `METHOD path`. */
export type StubRoutes = Record<string, (body: unknown) => unknown>;

/**
 * The two methods of a member session the card and access clients use, answering from
 * `routes`; enough to run their real code paths offline.
 */
export function stubSession(userId: string, routes: StubRoutes): MemberSessionManager {
  const stub = {
    current: async () => ({
      access_token: 'stub',
      refresh_token: '',
      expires_at: Number.MAX_SAFE_INTEGER,
      session_id: '00000000-0000-4000-8000-000000000000',
      user_id: userId,
    }),
    request: async (path: string, options: { method?: string; body?: unknown } = {}) => {
      const key = `${options.method ?? 'GET'} ${path}`;
      const route = routes[key];
      if (!route) throw new Error(`No stub for ${key}.`);
      return route(options.body);
    },
  };
  return stub as unknown as MemberSessionManager;
}

/** Bytes from a label: the first `length` bytes of SHA-512("cardcoop test vector: " + label). */
async function fixed(label: string, length: number): Promise<Uint8Array<ArrayBuffer>> {
  const digest = await globalThis.crypto.subtle.digest(
    'SHA-512',
    utf8Encode(`cardcoop test vector: ${label}`),
  );
  return new Uint8Array(digest).slice(0, length);
}

const k1FromBytes = (bytes: Uint8Array) => new PrivateKey(KeyType.K1, Bytes.from(bytes));

export const VECTOR_NAMES = [
  'base64url',
  'jcs',
  'kek',
  'user_key_wrap',
  'recovery_kit',
  'recovery_wrap',
  'card',
  'card_migration',
  'account_key',
  'account_proof',
  'signed_document',
  'data_key',
  'share',
  'pkce',
  'opaque_server_key',
] as const;
export type VectorName = (typeof VECTOR_NAMES)[number];

/** Every vector of docs/protocol.md, by name. */
export async function generateProtocolVectors(): Promise<Record<VectorName, unknown>> {
  const userId = '6f1c2a0e-93b4-4d7a-8e25-0b9d4c3f7a61';
  const coopname = 'voskhod';
  const username = 'annapetrovna';

  // --- Encodings -------------------------------------------------------------------------
  const base64url = {
    bytes_hex: 'fbff00',
    encoded: base64UrlEncode(fromHex('fbff00')),
    /** Padding, non-zero trailing bits, the standard alphabet, an impossible length. */
    refused: ['-_8A=', '-_9', '+/8A', '-_8AA'],
  };
  const jcsInput =
    '{"b":[1e30,4.50,-0,0.000001,1E-7],"a":"\\u00e9\\n","€":true,"A":null,"aa":{"z":1,"y":"\\u0000"}}';
  const jcs = { input: jcsInput, canonical: canonicalize(JSON.parse(jcsInput)) };

  // --- Keys from the OPAQUE export key ---------------------------------------------------
  const exportKey = await fixed('export key', 64);
  const kek = {
    export_key: base64UrlEncode(exportKey),
    info: HKDF_INFO.kek,
    kek_hex: hex(await hkdfSha256(exportKey, HKDF_INFO.kek)),
  };

  const userKeyBytes = await fixed('user key', 32);
  const userKey = await importUserKey(userKeyBytes, '1');
  const wrapIv = await fixed('user key wrap iv', 12);
  const wrapped = await withFixedRandom([wrapIv], async () =>
    wrapUserKey(await deriveKek(kek.export_key), userKey, userId),
  );
  const userKeyWrap = {
    user_id: userId,
    export_key: kek.export_key,
    user_key_hex: hex(userKeyBytes),
    iv_hex: hex(wrapIv),
    aad: utf8Decode(
      envelopeAad(
        { purpose: 'user_key', user_id: userId, record_id: 'user_key/kek' },
        { v: 1, alg: 'A256GCM', kid: '1' },
      ),
    ),
    envelope: wrapped,
  };

  // --- Recovery Kit ----------------------------------------------------------------------
  const recoverySecret = await fixed('recovery secret', 16);
  const { text } = await withFixedRandom([recoverySecret], generateRecoveryKey);
  const checksum = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', recoverySecret));
  const recoveryKit = {
    secret_hex: hex(recoverySecret),
    checksum_12_bits_hex: hex(checksum.slice(0, 2)).slice(0, 3),
    recovery_key: text,
    also_accepted: [
      text.toLowerCase().replaceAll('-', ' '),
      text.replaceAll('-', '').replaceAll('0', 'O').replaceAll('1', 'l'),
    ],
    refused_typo: `${text.slice(0, -1)}${text.endsWith('0') ? '2' : '0'}`,
    wrap_key_info: HKDF_INFO.recovery,
    wrap_key_hex: hex(await hkdfSha256(recoverySecret, HKDF_INFO.recovery)),
    auth_info: HKDF_INFO.recoveryAuth,
    recovery_proof: await recoveryProof(recoverySecret),
    auth_hash: await recoveryAuthHash(recoverySecret),
  };
  const recoveryIv = await fixed('recovery wrap iv', 12);
  const recoveryWrap = {
    user_id: userId,
    secret_hex: recoveryKit.secret_hex,
    user_key_hex: hex(userKeyBytes),
    iv_hex: hex(recoveryIv),
    aad: utf8Decode(
      envelopeAad(
        { purpose: 'user_key', user_id: userId, record_id: 'user_key/recovery' },
        { v: 1, alg: 'A256GCM', kid: '1' },
      ),
    ),
    envelope: await withFixedRandom([recoveryIv], () =>
      wrapUserKeyForRecovery(recoverySecret, userKey, userId),
    ),
  };

  // --- The card, through the card client's real write path --------------------------------
  const cardData = {
    kind: 'individual',
    first_name: 'Анна',
    last_name: 'Петрова',
    middle_name: 'Ивановна',
    birthdate: '1988-02-14',
    full_address: 'г. Тверь, ул. Советская, д. 5',
    phone: '+79001112233',
    email: 'anna@example.com',
  } as const;
  const cardIv = await fixed('card iv', 12);
  let issued: { card: unknown; meta: unknown } | undefined;
  const cardClient = createCardClient(
    stubSession(userId, {
      'GET /api/v1/card/schema': () => ({ $id: CARD_SCHEMA_ID }),
      'POST /api/v1/card/issue': (body) => {
        issued = body as typeof issued;
        return { card_id: '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a', revision: 1, status: 'issued' };
      },
    }),
    { userKey },
  );
  await withFixedRandom([cardIv], () => cardClient.issue(cardData));
  const cardMeta = { version: CARD_FORMAT_VERSION, schema: CARD_SCHEMA_ID, kind: 'individual' };
  const card = {
    user_id: userId,
    user_key_hex: hex(userKeyBytes),
    iv_hex: hex(cardIv),
    plaintext: JSON.stringify(cardData),
    meta: issued?.meta,
    aad: utf8Decode(
      envelopeAad(
        { purpose: 'card', user_id: userId, record_id: 'card', meta: cardMeta },
        { v: 1, alg: 'A256GCM', kid: '1' },
      ),
    ),
    envelope: issued?.card,
  };
  // Format 1 (the prototype's) named the date of birth `birth_date`.
  const { birthdate, ...rest } = cardData;
  const v1Card = { ...rest, birth_date: birthdate };
  const v1Meta = { version: 1, schema: CARD_SCHEMA_ID, kind: 'individual' };
  const v1Iv = await fixed('card v1 iv', 12);
  const cardMigration = {
    from_version: 1,
    to_version: CARD_FORMAT_VERSION,
    from: v1Card,
    to: migrateCard(v1Card, 1),
    user_id: userId,
    user_key_hex: hex(userKeyBytes),
    iv_hex: hex(v1Iv),
    meta: v1Meta,
    envelope: await withFixedRandom([v1Iv], () =>
      sealEnvelope({
        key: userKey.key,
        kid: userKey.version,
        plaintext: utf8Encode(JSON.stringify(v1Card)),
        context: { purpose: 'card', user_id: userId, record_id: 'card', meta: v1Meta },
      }),
    ),
  };

  // --- The member's account in a cooperative ---------------------------------------------
  const memberKey = k1FromBytes(await fixed('member account key', 32));
  const accountIv = await fixed('account key iv', 12);
  const accountContext = {
    purpose: 'coop_account_key',
    user_id: userId,
    record_id: `account/${coopname}/${username}`,
  };
  const accountEnvelope = await withFixedRandom([accountIv], () =>
    sealEnvelope({
      key: userKey.key,
      kid: userKey.version,
      plaintext: utf8Encode(memberKey.toWif()),
      context: accountContext,
    }),
  );
  const accountKey = {
    user_id: userId,
    user_key_hex: hex(userKeyBytes),
    coopname,
    username,
    private_key_wif: memberKey.toWif(),
    public_key: memberKey.toPublic().toString(),
    iv_hex: hex(accountIv),
    aad: utf8Decode(envelopeAad(accountContext, { v: 1, alg: 'A256GCM', kid: '1' })),
    envelope: accountEnvelope,
  };
  const challenge = base64UrlEncode(await fixed('account challenge', 32));
  const proofPayload = accountProofPayload({ challenge, coopname, username });
  const accountProof = {
    private_key_wif: accountKey.private_key_wif,
    payload: proofPayload,
    jcs: canonicalize(proofPayload),
    digest_hex: signedObjectDigest(proofPayload).hexString,
    signed: signObject(proofPayload, accountKey.private_key_wif),
  };
  const statement = 'Прошу принять меня в пайщики ПК «Восход».';
  const signedDocument = {
    private_key_wif: accountKey.private_key_wif,
    document: statement,
    signed: signDocument(
      statement,
      { title: 'Заявление о вступлении' },
      accountKey.private_key_wif,
    ),
  };

  // --- The cooperative's data key and its certificate --------------------------------------
  const suite = shareSuite();
  const dataPair = await suite.kem.deriveKeyPair(await fixed('data key ikm', 32));
  const dataPrivate = new Uint8Array(await suite.kem.serializePrivateKey(dataPair.privateKey));
  const dataPublic = new Uint8Array(await suite.kem.serializePublicKey(dataPair.publicKey));
  const coopKey = k1FromBytes(await fixed('cooperative account key', 32));
  const fingerprint = dataKeyFingerprint(base64UrlEncode(dataPublic));
  const kid = `${coopname}-20260101-${fingerprint.hex.slice(0, 8)}`;
  const certificate = certifyDataKey({
    coopname,
    kid,
    publicKey: base64UrlEncode(dataPublic),
    accountPrivateKeyWif: coopKey.toWif(),
    createdAt: new Date('2026-01-01T09:00:00.000Z'),
  });
  const dataKey = {
    coop_account_private_key_wif: coopKey.toWif(),
    coop_account_public_key: coopKey.toPublic().toString(),
    private_key: base64UrlEncode(dataPrivate),
    public_key: base64UrlEncode(dataPublic),
    kid,
    payload_jcs: canonicalize(certificate.payload),
    digest_hex: signedObjectDigest(certificate.payload).hexString,
    certificate,
    fingerprint,
  };

  // --- A share, made by the member's real share path, sealed again deterministically ---------
  const prepared: PreparedShare = {
    coopname,
    display_name: 'ПК ВОСХОД',
    legal_name: 'Потребительский кооператив «ВОСХОД»',
    consent_purpose: null,
    data_key: { certificate, fingerprint: fingerprint.hex },
    username,
    membership: 'confirmed',
    requested_fields: ['last_name', 'first_name', 'birthdate', 'phone'],
  };
  const account: CardAccount = {
    id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    coopname,
    display_name: 'ПК ВОСХОД',
    username,
    public_key: accountKey.public_key,
    encrypted_private_key: accountEnvelope,
    membership: 'confirmed',
    created_at: '2026-01-01T10:00:00.000Z',
    closed_at: null,
    entry_url: null,
  };
  const signedAt = '2026-01-02T03:04:05.678Z';
  let shared: ShareEnvelope | undefined;
  const memberSession = stubSession(userId, {
    'GET /api/v1/card/accounts': () => ({ accounts: [account] }),
    'GET /api/v1/card': () => ({
      card_id: '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a',
      revision: 1,
      meta: card.meta,
      card: card.envelope,
      updated_at: '2026-01-01T10:00:00.000Z',
    }),
    'POST /api/v1/access/share-data': (body) => {
      shared = (body as { envelope: ShareEnvelope }).envelope;
      return {
        ticket: 'stub',
        redirect_uri: 'https://voskhod.example/cb',
        state: 'x',
        expires_in: 120,
      };
    },
  });
  const access = createAccessClient(memberSession, createCardClient(memberSession, { userKey }));
  await access.share({
    prepared,
    fields: ['last_name', 'first_name', 'birthdate', 'phone'],
    redirectUri: 'https://voskhod.example/cb',
    state: 'state-1234567',
    codeChallenge: 'x'.repeat(43),
    signedAt: new Date(signedAt),
  });
  const plaintext = utf8Decode(
    await openShare(shared!, dataKey.private_key, { coopname, username }),
  );
  const ikmE = await fixed('share ephemeral ikm', 32);
  const ephemeral = await suite.kem.deriveKeyPair(ikmE);
  const context = { coopname, username, kid };
  const sealed = await suite.seal(
    { recipientPublicKey: dataPair.publicKey, info: utf8Encode(SHARE_INFO), ekm: ikmE },
    utf8Encode(plaintext),
    shareAad(context),
  );
  const share = {
    coopname,
    username,
    member_public_key: accountKey.public_key,
    signed: JSON.parse(plaintext) as unknown,
    plaintext,
    grant_id: shareGrantId(context),
    aad: utf8Decode(shareAad(context)),
    info: SHARE_INFO,
    recipient_private_key: dataKey.private_key,
    recipient_public_key: dataKey.public_key,
    ephemeral_ikm_hex: hex(ikmE),
    ephemeral_private_key_hex: hex(
      new Uint8Array(await suite.kem.serializePrivateKey(ephemeral.privateKey)),
    ),
    envelope: {
      v: 1,
      suite: SHARE_SUITE,
      kid,
      enc: base64UrlEncode(new Uint8Array(sealed.enc)),
      ct: base64UrlEncode(new Uint8Array(sealed.ct)),
    },
  };

  // --- PKCE and the connect URL -----------------------------------------------------------
  const verifierBytes = await fixed('pkce verifier', 32);
  const stateBytes = await fixed('pkce state', 32);
  const started = await withFixedRandom([verifierBytes, stateBytes], () =>
    startShare({ redirectUri: 'https://voskhod.example/cardcoop/callback' }),
  );
  const pkce = {
    random_verifier_hex: hex(verifierBytes),
    random_state_hex: hex(stateBytes),
    code_verifier: started.codeVerifier,
    code_challenge: started.codeChallenge,
    state: started.state,
    redirect_uri: started.redirectUri,
    connect_url: connectUrl({ baseUrl: 'https://id.card.coop', coopname, started }),
  };

  // --- The server's OPAQUE key --------------------------------------------------------------
  await opaque.ready;
  const seed = await fixed('opaque oprf seed', 64);
  const scalar = (bytes: Uint8Array) => {
    const copy = new Uint8Array(bytes);
    copy[31] = (copy[31] ?? 0) & 0x0f; // < 2^252 < ℓ: a canonical ristretto255 scalar
    return copy;
  };
  const serverSecret = scalar(await fixed('opaque server private key', 32));
  const fakeSecret = scalar(await fixed('opaque fake private key', 32));
  const basepoint = fromHex('e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76');
  const setupOf = (secret: Uint8Array, fakePublic: Uint8Array) =>
    base64UrlEncode(new Uint8Array([...seed, ...secret, ...fakePublic]));
  const fakePublic = opaque.server.getPublicKey(setupOf(fakeSecret, basepoint));
  const serverSetup = setupOf(serverSecret, base64UrlDecode(fakePublic));
  const opaqueServerKey = {
    server_setup: serverSetup,
    private_key_hex: hex(serverSecret),
    opaque_public_key: opaque.server.getPublicKey(serverSetup),
  };

  return {
    base64url,
    jcs,
    kek,
    user_key_wrap: userKeyWrap,
    recovery_kit: recoveryKit,
    recovery_wrap: recoveryWrap,
    card,
    card_migration: cardMigration,
    account_key: accountKey,
    account_proof: accountProof,
    signed_document: signedDocument,
    data_key: dataKey,
    share,
    pkce,
    opaque_server_key: opaqueServerKey,
  };
}
