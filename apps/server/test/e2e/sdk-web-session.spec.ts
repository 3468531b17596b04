import {
  createClient,
  HttpClient,
  memberClient,
  MemberSessionManager,
  resumeSession,
  unlock,
} from '@cardcoop/sdk';
import type { CardCoopError } from '@cardcoop/sdk';
import type { IndividualCard } from '@cardcoop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestCode, POLICY_VERSION, TEST_KSF } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const card: IndividualCard = {
  kind: 'individual',
  first_name: 'Вера',
  last_name: 'Соколова',
  middle_name: '',
  birthdate: '1985-02-03',
  full_address: 'г. Тверь, ул. Советская, д. 5',
  phone: '+79990001122',
  email: 'vera@example.com',
};
const EMAIL = 'web.session@coop.example';
const PASSWORD = 'web session password';

/**
 * A browser tab as the web app runs it: same-origin requests carry an Origin header and the
 * cookie jar (here a small fetch wrapper), the refresh token lives only in the cookie.
 */
function browserFetch(origin: string) {
  const jar = new Map<string, string>();
  const fetchImpl: typeof fetch = async (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('origin', origin);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = [
        pair!.slice(0, pair!.indexOf('=')),
        pair!.slice(pair!.indexOf('=') + 1),
      ];
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    return response;
  };
  return { fetchImpl, jar };
}

describe('the web app session: refresh cookie, reload, unlock', () => {
  let server: TestApp;
  let browser: ReturnType<typeof browserFetch>;

  beforeAll(async () => {
    server = await startTestApp();
    browser = browserFetch(server.url);
    const client = createClient({
      baseUrl: server.url,
      refreshTokenCookie: true,
      fetch: browser.fetchImpl,
    });
    await client.auth.startRegistration({ email: EMAIL, privacyVersion: POLICY_VERSION });
    const session = await client.auth.completeRegistration({
      email: EMAIL,
      code: await latestCode(server.url, EMAIL),
      password: PASSWORD,
      ksf: TEST_KSF,
    });
    expect(session.tokens.refresh_token).toBeUndefined();
    expect([...browser.jar.keys()]).toEqual(['__Host-cardcoop_refresh', '__Host-cardcoop_session']);
    const member = client.member(session);
    await member.card.issue(card);
    member.session.close();
  });
  afterAll(() => server.close());

  it('after a reload the cookie resumes the session, and the password unlocks the card', async () => {
    // The reload: no tokens and no user key in memory, only the cookie.
    const http = new HttpClient({
      baseUrl: server.url,
      refreshTokenCookie: true,
      fetch: browser.fetchImpl,
    });
    const tokens = await resumeSession(http);
    expect(tokens).toBeDefined();
    const session = new MemberSessionManager(http, { tokens: tokens! });
    const locked = memberClient(session);
    await expect(locked.card.get()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    const wrong = await unlock(session, 'not the password').catch((error: CardCoopError) => error);
    expect((wrong as CardCoopError).code).toBe('INVALID_CREDENTIALS');

    const userKey = await unlock(session, PASSWORD);
    const unlocked = memberClient(session, { userKey });
    expect((await unlocked.card.get()).data).toEqual(card);
    // The same session: unlocking made no new one.
    expect((await unlocked.sessions.list()).filter((s) => s.current)).toHaveLength(1);
    expect((await unlocked.sessions.list()).map((s) => s.id)).toContain(tokens!.session_id);

    await unlocked.logout();
    expect(browser.jar.size).toBe(0);
    expect(await resumeSession(http)).toBeUndefined();
    session.close();
  });

  it('counts wrong passwords on the unlock screen, though the client never sends their proof', async () => {
    const http = new HttpClient({
      baseUrl: server.url,
      refreshTokenCookie: true,
      fetch: browser.fetchImpl,
    });
    const outcome = await createClient({
      baseUrl: server.url,
      refreshTokenCookie: true,
      fetch: browser.fetchImpl,
    }).auth.login({ email: EMAIL, password: PASSWORD });
    if (outcome.status !== 'authenticated') throw new Error('expected a session');
    const session = new MemberSessionManager(http, { tokens: outcome.session.tokens });
    const code = (password: string) =>
      unlock(session, password).then(
        () => 'UNLOCKED',
        (error: CardCoopError) => error.code,
      );
    for (let i = 0; i < 5; i += 1) expect(await code(`guess ${i}`)).toBe('INVALID_CREDENTIALS');
    // Five rounds started without a proof: the address is locked, the right password included.
    expect(await code(PASSWORD)).toBe('TOO_MANY_ATTEMPTS');
    session.close();
  });
});
