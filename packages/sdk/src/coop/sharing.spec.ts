import type { IndividualCard, ShareEnvelope } from '@cardcoop/contracts';
import { PrivateKey } from '@wharfkit/antelope';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { base64UrlDecode, base64UrlEncode, utf8Encode } from '../crypto/encoding.js';
import { canonicalize } from '../crypto/jcs.js';
import { signObject } from '../crypto/k1-signature.js';
import { sealShare } from '../crypto/share-envelope.js';
import { createMemberClient } from '../member/member-client.js';
import type { MemberClient } from '../member/member-client.js';
import {
  errorCode,
  registerCooperative,
  registeredMember,
  startServer,
  Wire,
} from '../testing/member-fixture.js';
import type { Fixture, TestApp } from '../testing/member-fixture.js';
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

const COOPNAME = 'voskhod';
const REDIRECT_URI = 'https://voskhod.example/cardcoop/callback';
const ORIGIN = new URL(REDIRECT_URI).origin;

const card: IndividualCard = {
  kind: 'individual',
  first_name: 'Иван',
  last_name: 'Петров',
  birthdate: '1990-04-12',
  full_address: 'г. Москва, ул. Тверская, д. 1, кв. 1',
  phone: '+79991234567',
  email: 'ivan@example.com',
};

let server: TestApp;
/** The cooperative's own network (it is not the member's device). */
const coopWire = new Wire();
let clientSecret: string;
let dataKey: DataKeyPair;
let fixture: Fixture;
let member: MemberClient;
let username: string;
let memberKey: string;

/** The cooperative API, with the cooperative's client credentials. */
function coopApi(method: 'PUT' | 'DELETE', path: string, body?: unknown): Promise<Response> {
  return coopWire.fetch(`${server.url}/api/v1/coop/${path}`, {
    method,
    headers: {
      authorization: `Basic ${btoa(`${COOPNAME}:${clientSecret}`)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

beforeAll(async () => {
  server = await startServer();
  clientSecret = await registerCooperative(server, {
    coopname: COOPNAME,
    display_name: 'ПК ВОСХОД',
    redirect_uris: [REDIRECT_URI],
    origins: [ORIGIN],
    requested_fields: ['first_name', 'last_name', 'phone'],
  });
  dataKey = await generateDataKey({ coopname: COOPNAME });
  const certificate = certifyDataKey({
    coopname: COOPNAME,
    kid: dataKey.kid,
    publicKey: dataKey.publicKey,
    accountPrivateKeyWif: PrivateKey.generate('K1').toWif(),
  });
  expect((await coopApi('PUT', 'data-key', certificate)).status).toBe(204);
});
afterAll(() => server.close());

beforeEach(async () => {
  fixture = await registeredMember(server);
  member = createMemberClient({
    baseUrl: server.url,
    fetch: fixture.wire.fetch,
    tokens: fixture.registered.tokens,
    now: () => fixture.clock.now,
    userKey: fixture.registered.userKey,
  });
  await member.card.issue(card);
  const account = await member.card.createAccount(COOPNAME);
  username = account.username;
  memberKey = account.publicKey;
  // The cooperative admits the member.
  expect((await coopApi('PUT', `memberships/${username}`)).status).toBe(204);
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
    baseUrl: server.url,
    coopname: 'voskhod',
    clientSecret,
    ticket: issued.ticket,
    redirectUri: REDIRECT_URI,
    codeVerifier: started.codeVerifier,
    fetch: coopWire.fetch,
  });
  const data = await fetchSharedData({
    baseUrl: server.url,
    token: token.access_token,
    username: token.username,
    coopname: 'voskhod',
    fetch: coopWire.fetch,
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
    const started = await startShare({ redirectUri: ORIGIN });
    const { prepared } = await member.access.prepare('voskhod');
    const share = (redirectUri: string, responseMode: 'query' | 'web_message' = 'web_message') =>
      member.access.share({
        prepared,
        fields: ['first_name'],
        redirectUri,
        responseMode,
        state: started.state,
        codeChallenge: started.codeChallenge,
      });
    // A registered redirect URI is not a registered origin, nor the other way round.
    expect(await errorCode(share(REDIRECT_URI))).toBe('UNREGISTERED_CALLBACK');
    expect(await errorCode(share(ORIGIN, 'query'))).toBe('UNREGISTERED_CALLBACK');
    const issued = await share(ORIGIN);
    expect(issued.redirect_uri).toBe(ORIGIN);
    const token = await exchangeTicket({
      baseUrl: server.url,
      coopname: 'voskhod',
      clientSecret,
      ticket: issued.ticket,
      redirectUri: ORIGIN,
      codeVerifier: started.codeVerifier,
      fetch: coopWire.fetch,
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
        baseUrl: server.url,
        coopname: 'voskhod',
        clientSecret,
        ticket: issued.ticket,
        redirectUri: REDIRECT_URI,
        codeVerifier,
        fetch: coopWire.fetch,
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
          baseUrl: server.url,
          coopname: 'voskhod',
          clientSecret,
          ticket: next.ticket,
          redirectUri: REDIRECT_URI,
          codeVerifier: wrong.codeVerifier,
          fetch: coopWire.fetch,
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
    // The revoked grant stays in the list, with the date it ended.
    expect(await member.access.list()).toEqual([
      expect.objectContaining({ coopname: 'voskhod', username, revoked_at: expect.any(String) }),
    ]);
    const code = await errorCode(
      fetchSharedData({
        baseUrl: server.url,
        token: token.access_token,
        username,
        coopname: 'voskhod',
        fetch: coopWire.fetch,
      }),
    );
    expect(code).toBe('FORBIDDEN');
  });
});

describe('refusals', () => {
  it('shares only while the cooperative confirms the membership (NOT_A_MEMBER)', async () => {
    const { prepared } = await member.access.prepare('voskhod');
    expect(prepared).toMatchObject({
      membership: 'confirmed',
      username,
      display_name: 'ПК ВОСХОД',
      requested_fields: ['first_name', 'last_name', 'phone'],
    });
    expect((await coopApi('DELETE', `memberships/${username}`)).status).toBe(204);
    expect(await errorCode(member.access.prepare('voskhod'))).toBe('NOT_A_MEMBER');
    const started = await startShare({ redirectUri: REDIRECT_URI });
    expect(
      await errorCode(
        member.access.share({
          prepared,
          fields: ['first_name'],
          redirectUri: REDIRECT_URI,
          state: started.state,
          codeChallenge: started.codeChallenge,
        }),
      ),
    ).toBe('NOT_A_MEMBER');
  });

  it('refuses an unconsented field locally, sending nothing', async () => {
    const { prepared } = await member.access.prepare('voskhod');
    const started = await startShare({ redirectUri: REDIRECT_URI });
    fixture.wire.reset();
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
    expect(fixture.wire.calls).toEqual([]);
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
