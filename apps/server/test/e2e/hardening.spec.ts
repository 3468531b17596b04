import { randomBytes } from 'node:crypto';
import * as opaque from '@serenity-kit/opaque';
import { PrivateKey } from '@wharfkit/antelope';
import { CARD_SCHEMA_ID, errorBodySchema } from '@cardcoop/contracts';
import { signObject } from '@cardcoop/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import {
  fakeEnvelope,
  latestCode,
  loginRaw,
  newRecoveryProof,
  POLICY_VERSION,
  post,
  registerRaw,
  TEST_KSF,
} from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { shareDataBody } from '../support/raw-share.js';

// The low and informational findings of the attack run (issue 10), each replayed against the
// real server: malformed OPAQUE messages and unstorable strings were 500s, cooperative tokens
// outlived suspension and secret rotation, /metrics was open in production, responses carrying
// tokens and card data had no Cache-Control, and HSTS was sent over plain HTTP.

const b64 = (bytes: Buffer) => bytes.toString('base64url');
const basic = (coopname: string, secret: string) =>
  `Basic ${Buffer.from(`${coopname}:${secret}`).toString('base64')}`;
const HSTS = 'max-age=31536000; includeSubDomains';
const errorOf = async (response: Response) => errorBodySchema.parse(await response.json());

/** A 422 VALIDATION_FAILED that names the offending field. */
async function expectFieldRefused(response: Response, path: string): Promise<void> {
  expect(response.status).toBe(422);
  const body = await errorOf(response);
  expect(body.code).toBe('VALIDATION_FAILED');
  expect(body.details?.map((issue) => issue.path)).toContain(path);
}

let server: TestApp;
let adminKey: string;

beforeAll(async () => {
  // Behind a trusted TLS-terminating proxy on 127.0.0.1 (for HSTS by X-Forwarded-Proto).
  server = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
  adminKey = server.secrets.adminApiKey!;
});
afterAll(() => server.close());

const admin = (path: string, method: string, body?: unknown) =>
  fetch(`${server.url}/api/v1/admin/cooperatives${path}`, {
    method,
    headers: {
      authorization: `Bearer ${adminKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('malformed OPAQUE messages (were 500)', () => {
  const GARBAGE = ['AAAA', b64(Buffer.alloc(96)), b64(Buffer.alloc(192, 7))];
  let token: string;

  beforeAll(async () => {
    token = (await registerRaw(server.url, 'opaque.garbage@coop.example', 'opaque password')).tokens
      .access_token;
  });

  it.each(GARBAGE)('initiate-login refuses start_login_request %s with 422', async (garbage) => {
    for (const email of ['opaque.garbage@coop.example', 'nobody.here@coop.example']) {
      const response = await post(server.url, '/api/v1/auth/initiate-login', {
        email,
        start_login_request: garbage,
      });
      await expectFieldRefused(response, 'start_login_request');
    }
  });

  it('re-authentication and password change refuse garbage with 422 naming the field', async () => {
    await expectFieldRefused(
      await post(
        server.url,
        '/api/v1/auth/reauth/initiate',
        { start_login_request: 'AAAA' },
        token,
      ),
      'start_login_request',
    );
    await opaque.ready;
    const { startLoginRequest } = opaque.client.startLogin({ password: 'opaque password' });
    await expectFieldRefused(
      await post(
        server.url,
        '/api/v1/auth/change-password/initiate',
        { start_login_request: 'AAAA', registration_request: 'AAAA' },
        token,
      ),
      'start_login_request',
    );
    await expectFieldRefused(
      await post(
        server.url,
        '/api/v1/auth/change-password/initiate',
        { start_login_request: startLoginRequest, registration_request: b64(Buffer.alloc(32)) },
        token,
      ),
      'registration_request',
    );
  });

  it('registration refuses a garbage request and a garbage record; the token survives the latter', async () => {
    await opaque.ready;
    const register = async (email: string) => {
      await post(server.url, '/api/v1/auth/initiate-registration', {
        email,
        privacy_accepted: true,
        privacy_version: POLICY_VERSION,
      });
      return latestCode(server.url, email);
    };
    const garbageRequest = await post(server.url, '/api/v1/auth/verify-email', {
      email: 'opaque.request@coop.example',
      code: await register('opaque.request@coop.example'),
      registration_request: b64(Buffer.alloc(32)),
    });
    await expectFieldRefused(garbageRequest, 'registration_request');

    const { clientRegistrationState, registrationRequest } = opaque.client.startRegistration({
      password: 'record password',
    });
    const email = 'opaque.record@coop.example';
    const verified = (await (
      await post(server.url, '/api/v1/auth/verify-email', {
        email,
        code: await register(email),
        registration_request: registrationRequest,
      })
    ).json()) as { registration_token: string; registration_response: string };
    const { registrationRecord } = opaque.client.finishRegistration({
      password: 'record password',
      clientRegistrationState,
      registrationResponse: verified.registration_response,
      keyStretching: TEST_KSF,
    });
    const complete = (record: string) =>
      post(server.url, '/api/v1/auth/complete-registration', {
        registration_token: verified.registration_token,
        registration_record: record,
        ksf: TEST_KSF,
        wrapped_user_key: fakeEnvelope('uk'),
        recovery: { wrapped_user_key: fakeEnvelope('rk'), auth_hash: newRecoveryProof().authHash },
      });
    // Stored, this record would have made every later login of the account a 500.
    await expectFieldRefused(await complete(b64(Buffer.alloc(192))), 'registration_record');
    expect((await complete(registrationRecord)).status).toBe(201);
    expect((await loginRaw(server.url, email, 'record password')).response.status).toBe(200);
  });
});

describe('strings PostgreSQL cannot store (were 500)', () => {
  let token: string;
  let email: string;

  beforeAll(async () => {
    email = 'nul.member@coop.example';
    token = (await registerRaw(server.url, email, 'nul password')).tokens.access_token;
    expect(
      (
        await admin('', 'POST', {
          coopname: 'nulcoop',
          display_name: 'ПК Ноль',
          redirect_uris: ['https://nul.example/cb'],
        })
      ).status,
    ).toBe(201);
  });

  const card = (kid: string) => ({
    card: { ...fakeEnvelope('card'), kid },
    meta: { version: 2, schema: CARD_SCHEMA_ID, kind: 'individual' },
  });

  it('card/issue, PUT /card and card/add-account refuse NUL and lone surrogates with 422', async () => {
    await expectFieldRefused(
      await post(server.url, '/api/v1/card/issue', card('k\u0000'), token),
      'card.kid',
    );
    await expectFieldRefused(
      await post(server.url, '/api/v1/card/issue', card('k\ud800'), token),
      'card.kid',
    );
    expect((await post(server.url, '/api/v1/card/issue', card('k1'), token)).status).toBe(201);
    const put = (kid: string) =>
      fetch(`${server.url}/api/v1/card`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ ...card(kid), expected_revision: 1 }),
      });
    await expectFieldRefused(await put('\u0000'), 'card.kid');
    await expectFieldRefused(await put('\udc00x'), 'card.kid');
    expect((await put('k2')).status).toBe(200);

    const account = (kid: string) => ({
      coopname: 'nulcoop',
      username: 'nulmemberabc',
      public_key: PrivateKey.generate('K1').toPublic().toString(),
      encrypted_private_key: { ...fakeEnvelope('wif'), kid },
    });
    await expectFieldRefused(
      await post(server.url, '/api/v1/card/add-account', account('a\u0000'), token),
      'encrypted_private_key.kid',
    );
    expect((await post(server.url, '/api/v1/card/add-account', account('a'), token)).status).toBe(
      201,
    );
  });

  it('the admin API refuses NUL in display_name and redirect_uris with 422', async () => {
    await expectFieldRefused(
      await admin('', 'POST', { coopname: 'nulcooptwo', display_name: 'ПК\u0000' }),
      'display_name',
    );
    await expectFieldRefused(
      await admin('/nulcoop', 'PATCH', {
        expected_revision: 1,
        redirect_uris: ['https://nul.example/cb', 'https://nul.example/c\u0000b'],
      }),
      'redirect_uris.1',
    );
    // The text "\u0000" (an escaped backslash) is just text.
    const literal = await admin('/nulcoop', 'PATCH', {
      expected_revision: 1,
      display_name: 'ПК \\u0000',
    });
    expect(literal.status).toBe(200);
    expect(((await literal.json()) as { display_name: string }).display_name).toBe('ПК \\u0000');
  });

  it('device_name with NUL is refused at login, and a NUL deep in a nested body too', async () => {
    const login = await loginRaw(server.url, email, 'nul password', 'phone\u0000');
    expect(login.response.status).toBe(422);
    expect(login.json.code).toBe('VALIDATION_FAILED');
    const deep = `{"card":${'['.repeat(10_000)}"\\u0000"${']'.repeat(10_000)}}`;
    const response = await fetch(`${server.url}/api/v1/card/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: deep,
    });
    expect(response.status).toBe(422);
    const key = await fetch(`${server.url}/api/v1/card/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...card('k3'), meta: { 'kind\u0000': 'x' } }),
    });
    expect(key.status).toBe(422);
  });
});

describe('cooperative tokens after suspension and secret rotation', () => {
  /** A member shares with `coopname`; the cooperative exchanges the ticket for a token. */
  async function coopToken(on: TestApp, coopname: string, secret: string, email: string) {
    const username = `${coopname.slice(0, 6)}member`.padEnd(12, 'x').slice(0, 12);
    const { tokens } = await registerRaw(on.url, email, 'share password');
    const member = tokens.access_token;
    const signer = PrivateKey.generate('K1');
    const certificate = signObject(
      { coopname, kid: 'k1', public_key: b64(randomBytes(32)), created_at: '2026-11-22T00:00:00Z' },
      signer.toWif(),
    );
    const key = await fetch(`${on.url}/api/v1/coop/data-key`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: basic(coopname, secret) },
      body: JSON.stringify(certificate),
    });
    expect(key.status).toBe(204);
    const added = await post(
      on.url,
      '/api/v1/card/add-account',
      {
        coopname,
        username,
        public_key: PrivateKey.generate('K1').toPublic().toString(),
        encrypted_private_key: fakeEnvelope('wif'),
      },
      member,
    );
    expect(added.status).toBe(201);
    await fetch(`${on.url}/api/v1/coop/memberships/${username}`, {
      method: 'PUT',
      headers: { authorization: basic(coopname, secret) },
    });
    const { body, verifier } = shareDataBody(coopname, 'https://suspend.example/cb', 'state-12345');
    const shared = await post(on.url, '/api/v1/access/share-data', body, member);
    expect(shared.status).toBe(201);
    const { ticket } = (await shared.json()) as { ticket: string };
    const exchanged = await post(
      on.url,
      '/api/v1/access/exchange-ticket',
      { ticket, redirect_uri: 'https://suspend.example/cb', code_verifier: verifier },
      undefined,
      { authorization: basic(coopname, secret) },
    );
    expect(exchanged.status).toBe(200);
    const { access_token } = (await exchanged.json()) as { access_token: string };
    return {
      read: (node: TestApp) =>
        fetch(`${node.url}/api/v1/access/get-encrypted-data/${username}/${coopname}`, {
          headers: { authorization: `Bearer ${access_token}` },
        }),
    };
  }

  let nodeA: TestApp;
  let nodeB: TestApp;

  beforeAll(async () => {
    nodeA = server;
    // On PostgreSQL a second node shares the database: the refusal must not depend on which
    // node saw the admin's change (PGlite is one process: one node).
    nodeB = server.databaseUrl
      ? await startTestApp({ databaseUrl: server.databaseUrl, secrets: server.secrets })
      : server;
  });
  afterAll(async () => {
    if (nodeB !== server) await nodeB.close();
  });

  const create = async (coopname: string) =>
    (
      await nodeA.app.get(CooperativesService).create({
        coopname,
        displayName: `ПК ${coopname}`,
        redirectUris: ['https://suspend.example/cb'],
      })
    ).clientSecret;

  it('a suspended cooperative’s token is refused at its next request, on every node', async () => {
    const secret = await create('suspendcoop');
    const { read } = await coopToken(nodeA, 'suspendcoop', secret, 'suspend.member@coop.example');
    expect((await read(nodeA)).status).toBe(200);
    expect((await read(nodeB)).status).toBe(200);

    const suspended = await fetch(`${nodeB.url}/api/v1/admin/cooperatives/suspendcoop`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ expected_revision: 1, status: 'suspended' }),
    });
    expect(suspended.status).toBe(200);
    for (const node of [nodeA, nodeB]) {
      const refused = await read(node);
      expect(refused.status).toBe(401);
      expect((await errorOf(refused)).code).toBe('INVALID_TOKEN');
    }
  });

  it('a token issued under a rotated secret is refused at its next request, on every node', async () => {
    const secret = await create('rotatecoop');
    const { read } = await coopToken(nodeA, 'rotatecoop', secret, 'rotate.member@coop.example');
    expect((await read(nodeB)).status).toBe(200);
    const rotated = await fetch(`${nodeB.url}/api/v1/admin/cooperatives/rotatecoop/rotate-secret`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(rotated.status).toBe(200);
    for (const node of [nodeA, nodeB]) {
      const refused = await read(node);
      expect(refused.status).toBe(401);
      expect((await errorOf(refused)).code).toBe('INVALID_TOKEN');
    }
  });
});

describe('/metrics, Cache-Control and HSTS', () => {
  const METRICS_TOKEN = randomBytes(32).toString('base64url');
  let production: TestApp;
  let withToken: TestApp;

  beforeAll(async () => {
    // Production insists on these; the test app gets its key material directly.
    production = await startTestApp({
      env: {
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://card.example',
        SMTP_URL: 'smtp://127.0.0.1:2525',
        OPAQUE_SERVER_SETUP: 'x'.repeat(32),
        JWT_PRIVATE_KEYS: 'x'.repeat(32),
        MASTER_KEYS: 'x'.repeat(32),
      },
    });
    // Outside production, with a token and no proxy trusted.
    withToken = await startTestApp({ env: { METRICS_TOKEN } });
  });
  afterAll(async () => {
    await production?.close();
    await withToken?.close();
  });

  const scrape = (app: TestApp, token?: string) =>
    fetch(`${app.url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('/metrics does not exist in production without METRICS_TOKEN', async () => {
    const response = await scrape(production);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('http_request_duration_seconds');
    expect((await scrape(production, 'anything')).status).toBe(404);
  });

  it('/metrics asks for the bearer token when METRICS_TOKEN is set', async () => {
    const anonymous = await scrape(withToken);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    expect((await scrape(withToken, `${METRICS_TOKEN}x`)).status).toBe(401);
    const scraped = await scrape(withToken, METRICS_TOKEN);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('http_request_duration_seconds');
  });

  it('/metrics stays open outside production when no token is set', async () => {
    const response = await scrape(server);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('http_request_duration_seconds');
  });

  it('sends Cache-Control: no-store on everything that carries tokens, keys or card data', async () => {
    const email = 'cache.member@coop.example';
    const { tokens } = await registerRaw(server.url, email, 'cache password');
    const bearer = { authorization: `Bearer ${tokens.access_token}` };
    const login = await loginRaw(server.url, email, 'cache password');
    expect(login.response.status).toBe(200);
    const responses = [
      login.response,
      await post(server.url, '/api/v1/auth/initiate-login', {
        email,
        start_login_request: opaque.client.startLogin({ password: 'x' }).startLoginRequest,
      }),
      await fetch(`${server.url}/api/v1/sessions`, { headers: bearer }),
      await fetch(`${server.url}/api/v1/card/accounts`, { headers: bearer }),
      await fetch(`${server.url}/api/v1/card`, { headers: bearer }),
      await fetch(`${server.url}/api/v1/auth/totp`, { headers: bearer }),
      await post(server.url, '/api/v1/auth/totp/setup', {}, tokens.access_token),
      await post(server.url, '/api/v1/auth/refresh-token', {}),
      await fetch(`${server.url}/api/v1/access/get-encrypted-data/someoneabcde/nocoop`, {
        headers: { authorization: 'Bearer x' },
      }),
      await fetch(`${server.url}/api/v1/nothing-here`),
    ];
    for (const response of responses) {
      expect(response.status, response.url).toBeLessThan(500);
      expect(response.headers.get('cache-control'), response.url).toBe('no-store');
    }
  });

  it('leaves the public documents cacheable', async () => {
    for (const path of [
      '/api/v1/card/schema',
      '/.well-known/jwks.json',
      '/api/v1/privacy-policy',
    ]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    }
  });

  it('sends HSTS only over HTTPS', async () => {
    const hsts = async (app: TestApp, headers: Record<string, string> = {}) =>
      (await fetch(`${app.url}/api/v1/card/schema`, { headers })).headers.get(
        'strict-transport-security',
      );
    // Plain HTTP, and a forged X-Forwarded-Proto from a client no proxy setting trusts.
    expect(await hsts(withToken)).toBeNull();
    expect(await hsts(withToken, { 'x-forwarded-proto': 'https' })).toBeNull();
    // Behind the trusted TLS-terminating proxy: what it says the client used.
    expect(await hsts(server, { 'x-forwarded-proto': 'https' })).toBe(HSTS);
    expect(await hsts(server, { 'x-forwarded-proto': 'http' })).toBeNull();
    expect(await hsts(server)).toBeNull();
    // A public https:// URL: the deployment is HTTPS, every answer says so.
    expect(await hsts(production)).toBe(HSTS);
  });
});
