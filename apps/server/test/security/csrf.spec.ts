import * as opaque from '@serenity-kit/opaque';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import {
  DEVICE_COOKIE,
  REFRESH_COOKIE,
  SESSION_HINT_COOKIE,
} from '../../src/modules/sessions/refresh-cookie.js';
import { initiateLogin, loginRaw, post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

// CSRF: the web app's refresh and device tokens are the only credentials a browser sends on
// its own (cookies). Every state-changing request carrying them from another site is refused.
let server: TestApp;
let origin: string;
const EMAIL = 'csrf.member@coop.example';
const PASSWORD = 'csrf member password';
const WEB = { 'x-cardcoop-client': 'web' };
const EVIL = 'https://evil.example';

/** The ways a browser tells that a page of another site made the request. */
const crossSite = (): Record<string, Record<string, string>> => ({
  'a foreign Origin': { origin: EVIL },
  'Origin: null (sandboxed frame, data: page)': { origin: 'null' },
  'Sec-Fetch-Site: cross-site with our own Origin': { origin, 'sec-fetch-site': 'cross-site' },
  'Sec-Fetch-Site: same-site (a sibling subdomain)': { origin, 'sec-fetch-site': 'same-site' },
  'no Origin, a foreign Referer': { referer: `${EVIL}/page?x=1` },
});

const cookieOf = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .find((line) => line.startsWith(`${name}=`))
    ?.split(';')[0];

/** A web login: the refresh and device cookies as the browser would send them back. */
async function webCookies(): Promise<string> {
  const { response } = await loginRaw(server.url, EMAIL, PASSWORD, 'Chromium', WEB);
  expect(response.status).toBe(200);
  return [REFRESH_COOKIE, SESSION_HINT_COOKIE, DEVICE_COOKIE]
    .map((name) => cookieOf(response, name))
    .join('; ');
}

const rows = async (query: ReturnType<typeof sql>) =>
  (
    (await server.app.get<Database>(DATABASE).primary.execute(query)) as unknown as {
      rows: { n: number }[];
    }
  ).rows[0]!.n;
/** What a refresh or a login round would change: refresh tokens and counted login rounds. */
const state = async () => ({
  refreshTokens: await rows(sql`select count(*)::int as n from refresh_tokens`),
  spent: await rows(sql`select count(*)::int as n from refresh_tokens where spent_at is not null`),
  sessions: await rows(sql`select count(*)::int as n from sessions where revoked_at is null`),
});

beforeAll(async () => {
  server = await startTestApp();
  origin = server.url;
  await registerRaw(server.url, EMAIL, PASSWORD);
});
afterAll(() => server.close());

describe('CSRF: cookie-carrying requests from other sites', () => {
  it('sets every cookie SameSite=Strict, HttpOnly where it is a credential, __Host- (Secure, Path=/)', async () => {
    const { response } = await loginRaw(server.url, EMAIL, PASSWORD, 'Chromium', WEB);
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(3);
    for (const line of cookies) {
      expect(line).toMatch(/^__Host-cardcoop_\w+=/);
      expect(line).toContain('; Path=/; ');
      expect(line).toContain('; Secure; SameSite=Strict;');
      expect(line).not.toMatch(/Domain=/i);
    }
    for (const name of [REFRESH_COOKIE, DEVICE_COOKIE])
      expect(cookies.find((line) => line.startsWith(`${name}=`))).toContain('; HttpOnly;');
  });

  it('refuses a refresh with a valid cookie from another site with 403 FORBIDDEN and changes nothing', async () => {
    const jar = await webCookies();
    const before = await state();
    for (const [how, headers] of Object.entries(crossSite())) {
      const response = await post(server.url, '/api/v1/auth/refresh-token', {}, undefined, {
        ...WEB,
        ...headers,
        cookie: jar,
      });
      expect(response.status, how).toBe(403);
      expect((await response.json()).code, how).toBe('FORBIDDEN');
      // Not even the cookie is touched: no Set-Cookie clears it.
      expect(response.headers.getSetCookie(), how).toEqual([]);
    }
    expect(await state()).toEqual(before);
    // The same cookie from the web app's own page still refreshes, once: it was never spent.
    const own = await post(server.url, '/api/v1/auth/refresh-token', {}, undefined, {
      ...WEB,
      origin,
      'sec-fetch-site': 'same-origin',
      referer: `${origin}/card`,
      cookie: jar,
    });
    expect(own.status).toBe(200);
    expect(cookieOf(own, REFRESH_COOKIE)).toMatch(/^__Host-cardcoop_refresh=[\w-]{43}$/);
    const after = await state();
    expect(after.refreshTokens).toBe(before.refreshTokens + 1);
    expect(after.spent).toBe(before.spent + 1);
  });

  it('refuses a login round presenting the device cookie from another site; counts no round', async () => {
    const jar = await webCookies();
    const rounds = () => rows(sql`select coalesce(sum(failures), 0)::int as n from login_failures`);
    // A round from the web app's own page counts (the measure moves)…
    const before = await rounds();
    await initiateLogin(server.url, EMAIL, PASSWORD);
    const counted = await rounds();
    expect(counted).toBeGreaterThan(before);
    await opaque.ready;
    for (const [how, headers] of Object.entries(crossSite())) {
      const response = await post(
        server.url,
        '/api/v1/auth/initiate-login',
        {
          email: EMAIL,
          start_login_request: opaque.client.startLogin({ password: PASSWORD }).startLoginRequest,
        },
        undefined,
        { ...WEB, ...headers, cookie: jar },
      );
      expect(response.status, how).toBe(403);
      expect((await response.json()).code, how).toBe('FORBIDDEN');
    }
    // …the refused ones do not.
    expect(await rounds()).toBe(counted);
  });

  it('refuses a bearer call that carries the cookies from another site, and lets the same call through from our origin', async () => {
    const { response, json } = await loginRaw(server.url, EMAIL, PASSWORD, 'Chromium', WEB);
    const jar = [REFRESH_COOKIE, DEVICE_COOKIE].map((n) => cookieOf(response, n)).join('; ');
    const logout = (headers: Record<string, string>) =>
      post(server.url, '/api/v1/auth/logout', {}, json.access_token, { ...WEB, ...headers });
    const before = await state();
    const refused = await logout({ origin: EVIL, cookie: jar });
    expect(refused.status).toBe(403);
    expect(await state()).toEqual(before);
    expect((await logout({ origin, cookie: jar })).status).toBe(204);
    expect((await state()).sessions).toBe(before.sessions - 1);
  });

  it('leaves requests without cookies alone: the SDK on another origin, servers, curl', async () => {
    // CORS lets a cooperative's page call the API with a bearer token; no cookie, no CSRF.
    const { response, json } = await loginRaw(server.url, EMAIL, PASSWORD, undefined, {
      origin: EVIL,
      'sec-fetch-site': 'cross-site',
    });
    expect(response.status).toBe(200);
    const refreshed = await post(
      server.url,
      '/api/v1/auth/refresh-token',
      { refresh_token: json.refresh_token },
      undefined,
      { origin: EVIL, 'sec-fetch-site': 'cross-site' },
    );
    expect(refreshed.status).toBe(200);
  });

  it('does not refuse reads (GET) that carry the cookies from another site', async () => {
    const jar = await webCookies();
    const response = await fetch(`${server.url}/.well-known/jwks.json`, {
      headers: { origin: EVIL, 'sec-fetch-site': 'cross-site', cookie: jar },
    });
    expect(response.status).toBe(200);
  });
});
