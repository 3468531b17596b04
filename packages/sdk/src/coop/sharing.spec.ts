import type { IndividualCard, ShareEnvelope } from '@cardcoop/contracts';
import { PrivateKey } from '@wharfkit/antelope';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { base64UrlDecode, base64UrlEncode, utf8Encode } from '../crypto/encoding.js';
import { canonicalize } from '../crypto/jcs.js';
import { signObject } from '../crypto/k1-signature.js';
import { sealShare } from '../crypto/share-envelope.js';
import { createMemberClient } from '../member/member-client.js';
import type { MemberClient } from '../member/member-client.js';
import type { FakeAuthServer } from '../testing/fake-auth-server.js';
import { BASE_URL, errorCode, registeredMember } from '../testing/member-fixture.js';
import type { Fixture } from '../testing/member-fixture.js';
import {
  certifyDataKey,
  dataKeyFingerprint,
  exchangeTicket,
  fetchSharedData,
  generateDataKey,
  openSharedData,
  startShare,
} from './index.js';
import type { DataKeyPair } from './index.js';

const REDIRECT_URI = 'https://voskhod.example/cardcoop/callback';
const CLIENT_SECRET = 'voskhod-secret';

const card: IndividualCard = {
  kind: 'individual',
  first_name: 'Иван',
  last_name: 'Петров',
  birthdate: '1990-04-12',
  full_address: 'г. Москва, ул. Тверская, д. 1, кв. 1',
  phone: '+79991234567',
  email: 'ivan@example.com',
};

let fixture: Fixture;
let server: FakeAuthServer;
let member: MemberClient;
let dataKey: DataKeyPair;
let username: string;
let memberKey: string;

beforeEach(async () => {
  fixture = await registeredMember();
  server = fixture.server;
  member = createMemberClient({
    baseUrl: BASE_URL,
    fetch: server.fetch,
    tokens: fixture.registered.tokens,
    now: () => fixture.clock.now,
    userKey: fixture.registered.userKey,
  });
  await member.card.issue(card);
  const account = await member.card.createAccount('voskhod');
  username = account.username;
  memberKey = account.publicKey;
  dataKey = await generateDataKey({ coopname: 'voskhod' });
  server.coopClients.set('voskhod', {
    clientSecret: CLIENT_SECRET,
    redirectUris: [REDIRECT_URI],
    origins: [new URL(REDIRECT_URI).origin],
    certificate: certifyDataKey({
      coopname: 'voskhod',
      kid: dataKey.kid,
      publicKey: dataKey.publicKey,
      accountPrivateKeyWif: PrivateKey.generate('K1').toWif(),
    }),
    fingerprint: dataKeyFingerprint(dataKey.publicKey).hex,
    requestedFields: ['first_name', 'last_name', 'phone'],
  });
});

afterEach(() => member.session.close());

/** Member shares, cooperative exchanges the ticket and fetches the envelope. */
async function shareAndFetch(fields = ['first_name', 'phone']) {
  const started = await startShare({ redirectUri: REDIRECT_URI });
  const { prepared, key } = await member.access.prepare('voskhod');
  expect(key.fingerprint).toEqual(dataKeyFingerprint(dataKey.publicKey));
  const issued = await member.access.share({
    prepared,
    fields,
    redirectUri: REDIRECT_URI,
    state: started.state,
    codeChallenge: started.codeChallenge,
  });
  expect(issued.state).toBe(started.state);
  const token = await exchangeTicket({
    baseUrl: BASE_URL,
    coopname: 'voskhod',
    clientSecret: CLIENT_SECRET,
    ticket: issued.ticket,
    redirectUri: REDIRECT_URI,
    codeVerifier: started.codeVerifier,
    fetch: server.fetch,
  });
  const data = await fetchSharedData({
    baseUrl: BASE_URL,
    token: token.access_token,
    username: token.username,
    coopname: 'voskhod',
    fetch: server.fetch,
  });
  return { started, issued, token, data };
}

const open = (envelope: ShareEnvelope, overrides: { coopname?: string; key?: string } = {}) =>
  openSharedData({
    envelope,
    dataPrivateKey: dataKey.privateKey,
    coopname: overrides.coopname ?? 'voskhod',
    username,
    ...(overrides.key === undefined ? {} : { expectedMemberKey: overrides.key }),
  });

/** Flips one bit of a base64url field. */
function flip(text: string, at = 5): string {
  const bytes = base64UrlDecode(text);
  bytes[at] = (bytes[at] ?? 0) ^ 1;
  return base64UrlEncode(bytes);
}

describe('sharing round trip', () => {
  it('in web_message mode (iframe, popup) the ticket is bound to a registered origin', async () => {
    const origin = new URL(REDIRECT_URI).origin;
    const started = await startShare({ redirectUri: origin });
    const { prepared } = await member.access.prepare('voskhod');
    const share = (redirectUri: string) =>
      member.access.share({
        prepared,
        fields: ['first_name'],
        redirectUri,
        responseMode: 'web_message',
        state: started.state,
        codeChallenge: started.codeChallenge,
      });
    await expect(share(REDIRECT_URI)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const issued = await share(origin);
    expect(issued.redirect_uri).toBe(origin);
    const token = await exchangeTicket({
      baseUrl: BASE_URL,
      coopname: 'voskhod',
      clientSecret: CLIENT_SECRET,
      ticket: issued.ticket,
      redirectUri: origin,
      codeVerifier: started.codeVerifier,
      fetch: server.fetch,
    });
    expect(token.username).toBe(username);
  });

  it('the cooperative opens exactly the consented fields, signed by the member', async () => {
    const { data, token } = await shareAndFetch();
    expect(token).toMatchObject({ username, coopname: 'voskhod', token_type: 'Bearer' });
    expect(data.envelope).toMatchObject({ v: 1, suite: 'X25519-HKDF-SHA256-AES256GCM' });
    expect(data.envelope.kid).toBe(dataKey.kid);
    const shared = await open(data.envelope, { key: memberKey });
    expect(shared.fields).toEqual({ first_name: 'Иван', phone: '+79991234567' });
    expect(shared.memberPublicKey).toBe(memberKey);
    expect(Number.isNaN(Date.parse(shared.signedAt))).toBe(false);
    // With the public half too, and without an expected key.
    await expect(
      openSharedData({
        envelope: data.envelope,
        dataPrivateKey: dataKey.privateKey,
        dataPublicKey: dataKey.publicKey,
        coopname: 'voskhod',
        username,
      }),
    ).resolves.toEqual(shared);
  });

  it('tickets are single-use and need the PKCE verifier', async () => {
    const { started, issued } = await shareAndFetch();
    const redeem = (codeVerifier: string) =>
      exchangeTicket({
        baseUrl: BASE_URL,
        coopname: 'voskhod',
        clientSecret: CLIENT_SECRET,
        ticket: issued.ticket,
        redirectUri: REDIRECT_URI,
        codeVerifier,
        fetch: server.fetch,
      });
    expect(await errorCode(redeem(started.codeVerifier))).toBe('INVALID_GRANT');
    const second = await startShare({ redirectUri: REDIRECT_URI });
    const { prepared } = await member.access.prepare('voskhod');
    const next = await member.access.share({
      prepared,
      fields: ['first_name'],
      redirectUri: REDIRECT_URI,
      state: second.state,
      codeChallenge: second.codeChallenge,
    });
    const wrong = await startShare({ redirectUri: REDIRECT_URI });
    expect(
      await errorCode(
        exchangeTicket({
          baseUrl: BASE_URL,
          coopname: 'voskhod',
          clientSecret: CLIENT_SECRET,
          ticket: next.ticket,
          redirectUri: REDIRECT_URI,
          codeVerifier: wrong.codeVerifier,
          fetch: server.fetch,
        }),
      ),
    ).toBe('INVALID_GRANT');
  });

  it('lists and revokes grants; a revoked grant is no longer readable', async () => {
    const { token } = await shareAndFetch();
    expect(await member.access.list()).toEqual([
      expect.objectContaining({ coopname: 'voskhod', username }),
    ]);
    await member.access.revoke('voskhod');
    expect(await member.access.list()).toEqual([]);
    const code = await errorCode(
      fetchSharedData({
        baseUrl: BASE_URL,
        token: token.access_token,
        username,
        coopname: 'voskhod',
        fetch: server.fetch,
      }),
    );
    expect(code).toBe('FORBIDDEN');
  });
});

describe('refusals', () => {
  it('refuses an unconsented field locally, sending nothing', async () => {
    const { prepared } = await member.access.prepare('voskhod');
    const started = await startShare({ redirectUri: REDIRECT_URI });
    server.calls.length = 0;
    const share = (fields: string[]) =>
      member.access.share({
        prepared,
        fields,
        redirectUri: REDIRECT_URI,
        state: started.state,
        codeChallenge: started.codeChallenge,
      });
    expect(await errorCode(share(['first_name', 'passport']))).toBe('VALIDATION_FAILED');
    expect(await errorCode(share([]))).toBe('VALIDATION_FAILED');
    expect(server.calls).toEqual([]);
  });

  it('a changed ct or enc is DECRYPTION_FAILED', async () => {
    const { data } = await shareAndFetch();
    expect(await errorCode(open({ ...data.envelope, ct: flip(data.envelope.ct) }))).toBe(
      'DECRYPTION_FAILED',
    );
    expect(await errorCode(open({ ...data.envelope, enc: flip(data.envelope.enc) }))).toBe(
      'DECRYPTION_FAILED',
    );
    expect(await errorCode(open({ ...data.envelope, kid: 'other-kid' }))).toBe('DECRYPTION_FAILED');
  });

  it('another coopname (AAD) is DECRYPTION_FAILED', async () => {
    const { data } = await shareAndFetch();
    expect(await errorCode(open(data.envelope, { coopname: 'zaria' }))).toBe('DECRYPTION_FAILED');
  });

  it('a signature by another key is UNTRUSTED_MEMBER_SIGNATURE', async () => {
    const { data } = await shareAndFetch();
    // Self-consistent, but not by the member's account key.
    expect(
      await errorCode(
        open(data.envelope, { key: PrivateKey.generate('K1').toPublic().toString() }),
      ),
    ).toBe('UNTRUSTED_MEMBER_SIGNATURE');
    // A share forged by someone else (base mode: anyone can seal to the data key).
    const payload = {
      coopname: 'voskhod',
      username,
      fields: { first_name: 'X' },
      signed_at: '2026-01-01T00:00:00.000Z',
    };
    const forged = signObject(payload, PrivateKey.generate('K1').toWif());
    const seal = (plaintext: unknown) =>
      sealShare(utf8Encode(canonicalize(plaintext)), dataKey.publicKey, {
        coopname: 'voskhod',
        username,
        kid: dataKey.kid,
      });
    expect(await errorCode(open(await seal(forged), { key: memberKey }))).toBe(
      'UNTRUSTED_MEMBER_SIGNATURE',
    );
    // A signature that does not cover the payload.
    const altered = { ...forged, payload: { ...payload, fields: { first_name: 'Y' } } };
    expect(await errorCode(open(await seal(altered)))).toBe('UNTRUSTED_MEMBER_SIGNATURE');
    // A valid signature over a payload naming another member.
    const elsewhere = signObject(
      { ...payload, username: 'zzzzzzzzzzzz' },
      PrivateKey.generate('K1').toWif(),
    );
    expect(await errorCode(open(await seal(elsewhere)))).toBe('UNTRUSTED_MEMBER_SIGNATURE');
  });
});
