import { randomBytes } from 'node:crypto';
import { PrivateKey } from '@wharfkit/antelope';
import { CARD_SCHEMA_ID } from '@cardcoop/contracts';
import { signObject } from '@cardcoop/sdk';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { grantPlatformRole } from '../support/platform-fixture.js';
import { fakeEnvelope, loginRaw } from '../support/raw-member.js';
import {
  putOnStaff,
  setSteppedUp,
  staffMember,
  STAFF_FIXTURE_ENV,
} from '../support/staff-fixture.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { sandboxFor } from '../support/virtual-cards-scene.js';
import { shareDataBody } from '../support/raw-share.js';

/**
 * What the fuzz spec sends its requests into: a server with the Aifory sandbox (no dependency is
 * away), a cooperative at the extended level with a data key, and one member who is its owner,
 * a platform admin, stepped up, with an account in it, a card and a live grant, so that every
 * operation has a credential that gets past its guard.
 */
export interface FuzzScene {
  server: TestApp;
  coopname: string;
  username: string;
  callback: string;
  /** Authorization header values by credential kind. */
  credentials: { member: () => string; coop: () => string; coopToken: string; admin: string };
  /** The member's session is live, on the staff as owner, platform admin and stepped up. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

const b64 = (bytes: Buffer) => bytes.toString('base64url');
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function inject(
  server: TestApp,
  method: 'POST' | 'PUT' | 'GET',
  url: string,
  authorization: string,
  body?: unknown,
): Promise<{ status: number; json: () => unknown }> {
  const response = await server.app.inject({
    method,
    url,
    headers: {
      authorization,
      'x-forwarded-for': '10.255.0.1',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  if (response.statusCode >= 300)
    throw new Error(`fuzz scene: ${method} ${url} ${response.statusCode} ${response.body}`);
  return { status: response.statusCode, json: () => response.json() };
}

export async function startFuzzScene(): Promise<FuzzScene> {
  const server = await startTestApp({ env: { ...STAFF_FIXTURE_ENV, LOG_LEVEL: 'error' } });
  const sandbox = await sandboxFor(server);
  const coopname = 'fuzzcoopaaaa';
  const username = 'fuzzmemberaa';
  const callback = 'https://fuzz.example/cb';
  const coopKey = PrivateKey.generate('K1');
  const { clientSecret } = await server.app.get(CooperativesService).create({
    coopname,
    displayName: 'ПК Фаззинг',
    level: 'extended',
    redirectUris: [callback],
    origins: ['https://fuzz.example'],
  });
  const coop = basic(coopname, clientSecret);
  await inject(
    server,
    'PUT',
    '/api/v1/coop/data-key',
    coop,
    signObject(
      { coopname, kid: 'k1', public_key: b64(randomBytes(32)), created_at: '2026-11-22T00:00:00Z' },
      coopKey.toWif(),
    ),
  );

  const member = await staffMember(server, `fuzz.${coopname}`);
  let token = member.token;
  let sessionId = member.sessionId;
  const bearer = () => `Bearer ${token}`;
  await inject(server, 'POST', '/api/v1/card/add-account', bearer(), {
    coopname,
    username,
    public_key: PrivateKey.generate('K1').toPublic().toString(),
    encrypted_private_key: fakeEnvelope('fuzz'),
  });
  await inject(server, 'PUT', `/api/v1/coop/memberships/${username}`, coop);
  await inject(server, 'POST', '/api/v1/card/issue', bearer(), {
    card: fakeEnvelope('card'),
    meta: { version: 2, schema: CARD_SCHEMA_ID, kind: 'individual' },
  });
  const { body, verifier } = shareDataBody(coopname, callback, 'fuzz-state-1');
  const shared = await inject(server, 'POST', '/api/v1/access/share-data', bearer(), body);
  const { ticket } = shared.json() as { ticket: string };
  const exchanged = await inject(server, 'POST', '/api/v1/access/exchange-ticket', coop, {
    ticket,
    redirect_uri: callback,
    code_verifier: verifier,
  });
  const coopToken = `Bearer ${(exchanged.json() as { access_token: string }).access_token}`;

  const restore = async () => {
    const alive = await server.app.inject({
      method: 'GET',
      url: '/api/v1/auth/totp',
      headers: { authorization: bearer() },
    });
    if (alive.statusCode === 401) {
      const login = await loginRaw(server.url, member.email, member.password, 'fuzz', {
        'x-forwarded-for': '10.255.0.2',
      });
      if (login.response.status !== 200)
        throw new Error(`fuzz scene: the member cannot sign in again (${login.response.status})`);
      const tokens = login.json as { access_token: string; session_id: string };
      token = tokens.access_token;
      sessionId = tokens.session_id;
    }
    await putOnStaff(server, coopname, member.userId, 'owner');
    await grantPlatformRole(server, member.userId, 'platform_admin');
    await setSteppedUp(server, sessionId, 0);
  };
  await restore();

  return {
    server,
    coopname,
    username,
    callback,
    credentials: {
      member: bearer,
      coop: () => coop,
      coopToken,
      admin: `Bearer ${server.secrets.adminApiKey!}`,
    },
    restore,
    close: async () => {
      await server.close();
      await sandbox.close();
    },
  };
}
