import { ReadNotices } from '../../src/modules/access/read-notices.js';
import { randomBytes } from 'node:crypto';
import * as opaque from '@serenity-kit/opaque';
import { Checksum256, PrivateKey } from '@wharfkit/antelope';
import { canonicalize } from '@cardcoop/sdk';
import { connectTargetSchema, coopTokenSchema, ticketIssuedSchema } from '@cardcoop/contracts';
import type { LoginResult } from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { cooperativeStaff } from '../../src/db/schema/index.js';
import type { CooperativeRole } from '../../src/db/schema/index.js';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { addAccount, basic } from './coop-fixture.js';
import { initiateLogin, post, registerRaw } from './raw-member.js';
import type { TestApp } from './test-app.js';
import { shareDataBody } from './raw-share.js';

/** Where the scene's cooperatives take their tickets. */
export const callbackOf = (coopname: string) => `https://${coopname}.example/callback`;
const b64 = (bytes: Buffer) => bytes.toString('base64url');

/** A cooperative that takes shares (redirect URI, certified data key); its Basic credentials. */
export async function sharingCooperative(
  server: TestApp,
  coopname: string,
  admission: 'members' | 'open' = 'members',
): Promise<string> {
  const { clientSecret } = await server.app.get(CooperativesService).create({
    coopname,
    admission,
    displayName: `ПК ${coopname}`,
    redirectUris: [callbackOf(coopname)],
    origins: [new URL(callbackOf(coopname)).origin],
  });
  const credentials = basic(coopname, clientSecret);
  const signer = PrivateKey.generate('K1');
  const payload = {
    coopname,
    kid: 'k1',
    public_key: b64(randomBytes(32)),
    created_at: '2026-11-22T00:00:00Z',
  };
  const digest = Checksum256.hash(new TextEncoder().encode(canonicalize(payload)));
  const response = await fetch(`${server.url}/api/v1/coop/data-key`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: credentials },
    body: JSON.stringify({
      payload,
      public_key: signer.toPublic().toString(),
      signature: signer.signDigest(digest).toString(),
    }),
  });
  if (response.status !== 204) throw new Error(`data key: ${response.status}`);
  return credentials;
}

/** Until support/staff-fixture.ts lands: the member's role in the cooperative, as a row. */
export async function grantRole(
  server: TestApp,
  coopname: string,
  userId: string,
  role: CooperativeRole,
): Promise<void> {
  await server.app
    .get<Database>(DATABASE)
    .primary.insert(cooperativeStaff)
    .values({ coopname, userId, role });
}

/** The connect page opens: its visit id. */
export async function openConnect(server: TestApp, coopname: string): Promise<string> {
  const query = new URLSearchParams({ redirect_uri: callbackOf(coopname) });
  const response = await fetch(`${server.url}/api/v1/access/connect/${coopname}?${query}`);
  if (response.status !== 200) throw new Error(`connect: ${response.status}`);
  const visit = connectTargetSchema.parse(await response.json()).visit_id;
  if (!visit) throw new Error('no visit id');
  return visit;
}

/** Signs in on the connect page of `coopname` (the visit `visitId`): the access token. */
export async function signInOnConnect(
  server: TestApp,
  email: string,
  password: string,
  connect: { coopname: string; visit_id: string },
): Promise<string> {
  const { body, clientLoginState } = await initiateLogin(server.url, email, password);
  const finish = opaque.client.finishLogin({
    clientLoginState,
    loginResponse: body.login_response,
    password,
    keyStretching: body.ksf,
  });
  if (!finish) throw new Error('wrong password');
  const response = await post(server.url, '/api/v1/auth/complete-login', {
    login_id: body.login_id,
    finish_login_request: finish.finishLoginRequest,
    connect,
  });
  if (response.status !== 200) throw new Error(`login: ${response.status}`);
  return ((await response.json()) as LoginResult).access_token;
}

/** A member with a confirmed account `username` in the cooperative: their id and token. */
export async function confirmedMember(
  server: TestApp,
  credentials: string,
  coopname: string,
  email: string,
  username: string,
): Promise<{ userId: string; token: string }> {
  const { tokens, userId } = await registerRaw(server.url, email, `${email} password`);
  await addAccount(server, tokens.access_token, { coopname, username });
  const confirmed = await fetch(`${server.url}/api/v1/coop/memberships/${username}`, {
    method: 'PUT',
    headers: { authorization: credentials },
  });
  if (confirmed.status !== 204) throw new Error(`membership: ${confirmed.status}`);
  return { userId, token: tokens.access_token };
}

/**
 * Runs the read notices as the periodic task would once the reads so far have settled (their
 * events 10 s old): `plusMs` later still, e.g. a day on. Returns how many members were told.
 */
export const sweepReadNotices = (server: TestApp, plusMs = 0): Promise<number> =>
  server.app.get(ReadNotices).sweep(new Date(Date.now() + 11_000 + plusMs));

/**
 * The member shares with the cooperative, whose server exchanges the ticket and reads the data
 * `reads` times; `read` reads it once more with the same token.
 */
export async function shareAndRead(
  server: TestApp,
  credentials: string,
  token: string,
  coopname: string,
  reads = 1,
): Promise<{ read: () => Promise<void> }> {
  const { body, verifier } = shareDataBody(coopname, callbackOf(coopname));
  const shared = await post(server.url, '/api/v1/access/share-data', body, token);
  if (shared.status !== 201) throw new Error(`share: ${shared.status}`);
  const { ticket } = ticketIssuedSchema.parse(await shared.json());
  const exchanged = await fetch(`${server.url}/api/v1/access/exchange-ticket`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: credentials },
    body: JSON.stringify({ ticket, code_verifier: verifier, redirect_uri: callbackOf(coopname) }),
  });
  if (exchanged.status !== 200) throw new Error(`exchange: ${exchanged.status}`);
  const coopToken = coopTokenSchema.parse(await exchanged.json());
  const read = async () => {
    const path = `/api/v1/access/get-encrypted-data/${coopToken.username}/${coopname}`;
    const response = await fetch(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${coopToken.access_token}` },
    });
    if (response.status !== 200) throw new Error(`read: ${response.status}`);
  };
  for (let count = 0; count < reads; count += 1) await read();
  return { read };
}
