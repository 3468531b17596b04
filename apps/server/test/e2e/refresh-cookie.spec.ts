import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenResponseSchema } from '@cardcoop/contracts';
import { REFRESH_COOKIE } from '../../src/modules/sessions/refresh-cookie.js';
import { loginRaw, post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

// The web app keeps its refresh token in an HttpOnly __Host- cookie (protocol.md, "Tokens").
let server: TestApp;
let origin: string;
const EMAIL = 'cookie.member@coop.example';
const PASSWORD = 'cookie member password';
const WEB = { 'x-cardcoop-client': 'web' };

/** The refresh cookie a response sets, e.g. `abc…; Path=/; HttpOnly; …`, or undefined. */
const setCookie = (response: Response) =>
  response.headers
    .getSetCookie()
    .find((line) => line.startsWith(`${REFRESH_COOKIE}=`))
    ?.slice(REFRESH_COOKIE.length + 1);
const tokenOf = (cookie: string | undefined) => cookie?.split(';')[0] ?? '';

const refresh = (headers: Record<string, string>, body: unknown = {}) =>
  post(server.url, '/api/v1/auth/refresh-token', body, undefined, headers);

async function webLogin(): Promise<{ access: string; cookie: string }> {
  const { response, json } = await loginRaw(server.url, EMAIL, PASSWORD, 'Chromium', WEB);
  expect(response.status).toBe(200);
  const cookie = setCookie(response);
  expect(cookie).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Strict; Max-Age=2592000$/);
  expect(json).not.toHaveProperty('refresh_token');
  // A readable hint without any secret, so the app knows whether a session may be resumed.
  expect(response.headers.getSetCookie()).toContain(
    '__Host-cardcoop_session=1; Path=/; Secure; SameSite=Strict; Max-Age=2592000',
  );
  return { access: json.access_token, cookie: tokenOf(cookie) };
}

beforeAll(async () => {
  server = await startTestApp();
  origin = server.url;
  await registerRaw(server.url, EMAIL, PASSWORD);
});
afterAll(() => server.close());

describe('refresh token in a __Host- cookie for the web app', () => {
  it('is set at login and rotated by a refresh from the own origin, never in the body', async () => {
    const { cookie } = await webLogin();
    const first = await refresh({ ...WEB, origin, cookie: `${REFRESH_COOKIE}=${cookie}` });
    expect(first.status).toBe(200);
    const tokens = tokenResponseSchema.parse(await first.json());
    expect(tokens.refresh_token).toBeUndefined();
    const next = tokenOf(setCookie(first));
    expect(next).toMatch(/^[\w-]{43}$/);
    expect(next).not.toBe(cookie);
    expect(server.logs()).not.toContain(next);
  });

  it('gives tabs refreshing with one cookie at once the same successor cookie, which works on', async () => {
    const { cookie } = await webLogin();
    const jar = `${REFRESH_COOKIE}=${cookie}`;
    const answers = await Promise.all(
      Array.from({ length: 3 }, () => refresh({ ...WEB, origin, cookie: jar })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const successors = new Set(answers.map((a) => tokenOf(setCookie(a))));
    expect(successors.size).toBe(1);
    const [successor] = [...successors];
    expect(successor).toMatch(/^[\w-]{43}$/);
    expect(successor).not.toBe(cookie);
    const next = await refresh({ ...WEB, origin, cookie: `${REFRESH_COOKIE}=${successor}` });
    expect(next.status).toBe(200);
  });

  it('ignores the cookie without the web header or without an Origin; refuses other origins', async () => {
    const { cookie } = await webLogin();
    const jar = `${REFRESH_COOKIE}=${cookie}`;
    for (const headers of [
      { origin, cookie: jar } as Record<string, string>,
      { ...WEB, cookie: jar },
      { ...WEB, origin },
    ]) {
      const response = await refresh(headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect((await response.json()).code).toBe('INVALID_TOKEN');
    }
    // From another site a cookie-carrying request is refused outright (CSRF, test/security/csrf).
    for (const from of ['https://evil.example', 'null']) {
      const response = await refresh({ ...WEB, origin: from, cookie: jar });
      expect(response.status, from).toBe(403);
      expect((await response.json()).code).toBe('FORBIDDEN');
    }
    // Untouched by those attempts: the cookie still works from the web app.
    expect((await refresh({ ...WEB, origin, cookie: jar })).status).toBe(200);
  });

  it('a reused cookie past the grace window ends the session and clears the cookie', async () => {
    const { cookie } = await webLogin();
    const jar = `${REFRESH_COOKIE}=${cookie}`;
    expect((await refresh({ ...WEB, origin, cookie: jar })).status).toBe(200);
    // Within the 30 s grace window a second tab may present the spent token once more.
    const original = Date.now;
    Date.now = () => original() + 31_000;
    try {
      const reused = await refresh({ ...WEB, origin, cookie: jar });
      expect(reused.status).toBe(401);
      expect((await reused.json()).code).toBe('SESSION_REVOKED');
      expect(reused.headers.getSetCookie()).toEqual([
        `${REFRESH_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0`,
        '__Host-cardcoop_session=; Path=/; Secure; SameSite=Strict; Max-Age=0',
      ]);
    } finally {
      Date.now = original;
    }
  });

  it('logout clears the cookie; SDK clients keep getting the token in the body', async () => {
    const { access } = await webLogin();
    const out = await post(server.url, '/api/v1/auth/logout', {}, access, WEB);
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()).toEqual([
      `${REFRESH_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0`,
      '__Host-cardcoop_session=; Path=/; Secure; SameSite=Strict; Max-Age=0',
    ]);
    const { response, json } = await loginRaw(server.url, EMAIL, PASSWORD);
    expect(setCookie(response)).toBeUndefined();
    expect(json.refresh_token).toMatch(/^[\w-]{43}$/);
  });
});
