import { createHash, randomUUID } from 'node:crypto';
import { sql as raw } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import type { PendingEvent } from '../../src/modules/audit/audit.repository.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { AccountsRepository } from '../../src/modules/auth/accounts.repository.js';
import { SessionsRepository } from '../../src/modules/sessions/sessions.repository.js';
import { errorBodySchema, tokenResponseSchema } from '@cardcoop/contracts';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import {
  initiateLogin,
  latestCode,
  loginRaw,
  mailsTo,
  post,
  registerRaw,
  POLICY_VERSION,
} from '../support/raw-member.js';

let server: TestApp;
let n = 0;

/** Moves stored timestamps for a test: no waiting out real minutes. */
async function sql(app: TestApp, statement: string): Promise<void> {
  await app.app.get<Database>(DATABASE).primary.execute(raw.raw(statement));
}
/** Rows of a query. */
async function select<T>(app: TestApp, query: SQL): Promise<T[]> {
  const result = (await app.app.get<Database>(DATABASE).primary.execute(query)) as unknown as {
    rows: T[];
  };
  return result.rows;
}
/** The data of a subject's events of one type, oldest first. */
const eventsOf = (userId: string, type: string) =>
  select<{ data: Record<string, unknown> }>(
    server,
    raw`select data from audit_events where subject_id = ${userId} and type = ${type} order by seq`,
  ).then((rows) => rows.map((row) => row.data));
/** How each of the sessions ended (null while live), in the order given. */
const revokedReasons = async (ids: string[]) => {
  const rows = await select<{ id: string; reason: string | null }>(
    server,
    raw`select id, revoked_reason as reason from sessions where id in ${ids}`,
  );
  return ids.map((id) => rows.find((row) => row.id === id)?.reason);
};
/** An event the database refuses (its time is no time): the statement appending it fails. */
const refused = (event: PendingEvent): PendingEvent => ({
  ...event,
  draft: { ...event.draft, auditAt: 'not a time' },
});
const newEmail = () => `member${(n += 1)}.${Date.now()}@coop.example`;

beforeAll(async () => {
  server = await startTestApp();
});
afterAll(() => server.close());

describe('registration', () => {
  it('registers with an e-mailed code and answers with a token pair', async () => {
    const email = newEmail();
    const { tokens, userId } = await registerRaw(server.url, email, 'correct horse battery staple');
    expect(tokenResponseSchema.parse(tokens).user_id).toBe(userId);
  });

  it('answers identically for a taken address and mails its owner a warning instead of a code', async () => {
    const taken = newEmail();
    await registerRaw(server.url, taken, 'pw-one-1234');
    await sql(server, `update email_challenges set created_at = created_at - interval '2 minutes'`);
    const body = (email: string) => ({
      email,
      privacy_accepted: true,
      privacy_version: POLICY_VERSION,
    });
    const forTaken = await post(server.url, '/api/v1/auth/initiate-registration', body(taken));
    const forFresh = await post(server.url, '/api/v1/auth/initiate-registration', body(newEmail()));
    expect(forTaken.status).toBe(200);
    expect(await forTaken.json()).toEqual(await forFresh.json());
    const mails = await mailsTo(server.url, taken);
    expect(mails).toHaveLength(2);
    expect(mails[0]!.subject).not.toMatch(/\d{6}/);
    expect(mails[0]!.text).toContain('уже есть учётная запись');
  });

  it('inserts the account, its consent and its audit event in one transaction: a failure leaves none', async () => {
    const registered = await registerRaw(server.url, newEmail(), 'registered in one go');
    expect(await eventsOf(registered.userId, 'account.registered')).toEqual([
      { policy_version: POLICY_VERSION },
    ]);
    const accounts = server.app.get(AccountsRepository);
    const {
      id: _id,
      createdAt: _c,
      updatedAt: _u,
      ...like
    } = (await accounts.findById(registered.userId))!;
    const userId = randomUUID();
    const event = server.app
      .get(AuditService)
      .eventFor(userId, 'account.registered', { policy_version: POLICY_VERSION });
    await expect(
      accounts.transaction((tx) =>
        accounts.insert(
          tx,
          { ...like, id: userId, emailLookup: `never-${userId}` },
          { userId, policyVersion: POLICY_VERSION },
          refused(event),
        ),
      ),
    ).rejects.toThrow();
    expect(await accounts.findById(userId)).toBeUndefined();
    expect(
      await select(server, raw`select 1 from privacy_consents where user_id = ${userId}`),
    ).toEqual([]);
    expect(await eventsOf(userId, 'account.registered')).toEqual([]);
  });

  it('refuses an outdated privacy policy version and a missing consent', async () => {
    const outdated = await post(server.url, '/api/v1/auth/initiate-registration', {
      email: newEmail(),
      privacy_accepted: true,
      privacy_version: '1999-01-01',
    });
    expect(outdated.status).toBe(422);
    expect((await outdated.json()).code).toBe('PRIVACY_VERSION_OUTDATED');
    const noConsent = await post(server.url, '/api/v1/auth/initiate-registration', {
      email: newEmail(),
      privacy_accepted: false,
      privacy_version: POLICY_VERSION,
    });
    expect(noConsent.status).toBe(422);
  });

  it('refuses a resend within 60 s with Retry-After', async () => {
    const email = newEmail();
    const body = { email, privacy_accepted: true, privacy_version: POLICY_VERSION };
    expect((await post(server.url, '/api/v1/auth/initiate-registration', body)).status).toBe(200);
    const resend = await post(server.url, '/api/v1/auth/initiate-registration', body);
    expect(resend.status).toBe(429);
    expect(Number(resend.headers.get('retry-after'))).toBeGreaterThan(50);
  });

  it('stops a code brute force after 5 wrong tries, even for the right code afterwards', async () => {
    const email = newEmail();
    await post(server.url, '/api/v1/auth/initiate-registration', {
      email,
      privacy_accepted: true,
      privacy_version: POLICY_VERSION,
    });
    const code = await latestCode(server.url, email);
    const wrong = code === '000000' ? '111111' : '000000';
    const statuses: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await post(server.url, '/api/v1/auth/verify-email', {
        email,
        code: wrong,
        registration_request: 'AAAA',
      });
      statuses.push((await response.json()).code);
    }
    expect(statuses).toEqual([
      'INVALID_CODE',
      'INVALID_CODE',
      'INVALID_CODE',
      'INVALID_CODE',
      'TOO_MANY_ATTEMPTS',
    ]);
    const right = await post(server.url, '/api/v1/auth/verify-email', {
      email,
      code,
      registration_request: 'AAAA',
    });
    expect(right.status).toBe(429);
    expect((await right.json()).code).toBe('TOO_MANY_ATTEMPTS');
  });
});

describe('login', () => {
  const password = 'Сложный пароль 2026!';
  let email: string;
  let registered: Awaited<ReturnType<typeof registerRaw>>;

  beforeAll(async () => {
    email = newEmail();
    registered = await registerRaw(server.url, email, password);
  });

  it('logs in and returns the stored wrapped user key and the same export key', async () => {
    const { response, json, finish } = await loginRaw(server.url, email, password);
    expect(response.status).toBe(200);
    expect(json.wrapped_user_key).toEqual(registered.wrapped);
    expect(finish?.exportKey).toBe(registered.exportKey);
  });

  it('refuses a wrong password and an unknown address with the same status and body shape', async () => {
    const wrong = await loginRaw(server.url, email, 'not the password');
    const unknown = await loginRaw(server.url, newEmail(), 'whatever');
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    const a = errorBodySchema.parse(wrong.json);
    const b = errorBodySchema.parse(unknown.json);
    expect([a.code, a.message]).toEqual([b.code, b.message]);
    expect(a.code).toBe('INVALID_CREDENTIALS');
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  });

  it('answers round one for an unknown address in the same shape, consistently across probes', async () => {
    const ghost = newEmail();
    const first = await initiateLogin(server.url, ghost, 'x');
    const second = await initiateLogin(server.url, ghost, 'y');
    const real = await initiateLogin(server.url, email, 'z');
    for (const probe of [first, second]) {
      expect(probe.response.status).toBe(real.response.status);
      expect(Object.keys(probe.body).sort()).toEqual(Object.keys(real.body).sort());
      expect(probe.body.login_response.length).toBe(real.body.login_response.length);
    }
    expect(first.body.ksf).toEqual(second.body.ksf);
  });

  it('mails the member about a sign-in from a new device, once per device', async () => {
    const before = (await mailsTo(server.url, email)).length;
    await loginRaw(server.url, email, password, 'Firefox on Linux');
    await loginRaw(server.url, email, password, 'Firefox on Linux');
    const mails = await mailsTo(server.url, email);
    expect(mails.length - before).toBe(1);
    expect(mails[0]!.subject).toBe('Вход в CARD.COOP с нового устройства');
    expect(mails[0]!.text).toContain('«Firefox on Linux»');
  });

  it('opens the session of a login with its audit event in one transaction: a failure leaves neither', async () => {
    const email = newEmail();
    const { userId } = await registerRaw(server.url, email, 'login in one go');
    const sessionsOf = async () =>
      (await select<{ id: string }>(server, raw`select id from sessions where user_id = ${userId}`))
        .map((row) => row.id)
        .sort();
    const before = await sessionsOf();
    await expect(
      server.app.get(SessionsRepository).create(
        {
          userId,
          amr: ['pwd'],
          deviceName: null,
          ipSealed: null,
          expiresAt: new Date(Date.now() + 3_600_000),
        },
        `never-${userId}`,
        {
          eventFor: () => {
            throw new Error('forced failure');
          },
        },
      ),
    ).rejects.toThrow('forced failure');
    expect(await sessionsOf()).toEqual(before);
    expect(
      await select(server, raw`select 1 from refresh_tokens where hash = ${`never-${userId}`}`),
    ).toEqual([]);
    expect(await eventsOf(userId, 'login.succeeded')).toEqual([]);
    const { json } = await loginRaw(server.url, email, 'login in one go');
    expect(await sessionsOf()).toEqual([...before, json.session_id].sort());
    expect(await eventsOf(userId, 'login.succeeded')).toEqual([
      { session_id: json.session_id, mfa: false },
    ]);
  });

  it('refuses a replayed login state', async () => {
    const { response, loginId, finishLoginRequest } = await loginRaw(server.url, email, password);
    expect(response.status).toBe(200);
    const replay = await post(server.url, '/api/v1/auth/complete-login', {
      login_id: loginId,
      finish_login_request: finishLoginRequest,
    });
    expect(replay.status).toBe(401);
    expect((await replay.json()).code).toBe('LOGIN_EXPIRED');
  });
});

describe('tokens and sessions', () => {
  let email: string;
  const password = 'p4ssw0rd for sessions';
  beforeAll(async () => {
    email = newEmail();
    await registerRaw(server.url, email, password);
  });

  async function login() {
    const { json } = await loginRaw(server.url, email, password);
    return json;
  }

  it('rotates refresh tokens and revokes the session when a spent token is replayed after the grace window', async () => {
    const tokens = await login();
    const first = await post(server.url, '/api/v1/auth/refresh-token', {
      refresh_token: tokens.refresh_token,
    });
    expect(first.status).toBe(200);
    const rotated = tokenResponseSchema.parse(await first.json());
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect(rotated.session_id).toBe(tokens.session_id);

    // Make the spent token look older than the grace window.
    const hash = createHash('sha256').update(tokens.refresh_token!).digest('base64url');
    await sql(
      server,
      `update refresh_tokens set spent_at = now() - interval '1 minute' where hash = '${hash}'`,
    );

    const replay = await post(server.url, '/api/v1/auth/refresh-token', {
      refresh_token: tokens.refresh_token,
    });
    expect(replay.status).toBe(401);
    expect((await replay.json()).code).toBe('SESSION_REVOKED');
    // The whole session is gone: the legitimate latest token and the access token stop working.
    const after = await post(server.url, '/api/v1/auth/refresh-token', {
      refresh_token: rotated.refresh_token,
    });
    expect((await after.json()).code).toBe('SESSION_REVOKED');
    const sessions = await fetch(`${server.url}/api/v1/sessions`, {
      headers: { authorization: `Bearer ${rotated.access_token}` },
    });
    expect(sessions.status).toBe(401);
  });

  it('lists sessions, ends another one, ends all others, and logs out', async () => {
    const one = await login();
    const two = await login();
    const three = await login();
    const auth = (t: { access_token: string }) => ({ authorization: `Bearer ${t.access_token}` });
    const listed = (await (
      await fetch(`${server.url}/api/v1/sessions`, { headers: auth(one) })
    ).json()) as {
      sessions: { id: string; current: boolean }[];
    };
    expect(listed.sessions.map((s) => s.id)).toEqual(
      expect.arrayContaining([one.session_id, two.session_id, three.session_id]),
    );
    expect(listed.sessions.find((s) => s.current)?.id).toBe(one.session_id);

    const ended = await fetch(`${server.url}/api/v1/sessions/${two.session_id}`, {
      method: 'DELETE',
      headers: auth(one),
    });
    expect(ended.status).toBe(204);
    expect((await fetch(`${server.url}/api/v1/sessions`, { headers: auth(two) })).status).toBe(401);

    const others = await fetch(`${server.url}/api/v1/sessions`, {
      method: 'DELETE',
      headers: auth(one),
    });
    expect(others.status).toBe(204);
    expect((await fetch(`${server.url}/api/v1/sessions`, { headers: auth(three) })).status).toBe(
      401,
    );
    expect((await fetch(`${server.url}/api/v1/sessions`, { headers: auth(one) })).status).toBe(200);

    expect((await post(server.url, '/api/v1/auth/logout', {}, one.access_token)).status).toBe(204);
    expect((await fetch(`${server.url}/api/v1/sessions`, { headers: auth(one) })).status).toBe(401);
  });

  it('revokes a replayed session with its audit event in one statement, once', async () => {
    const tokens = await login();
    const first = await post(server.url, '/api/v1/auth/refresh-token', {
      refresh_token: tokens.refresh_token,
    });
    expect(first.status).toBe(200);
    const hash = createHash('sha256').update(tokens.refresh_token!).digest('base64url');
    await sql(
      server,
      `update refresh_tokens set spent_at = now() - interval '1 minute' where hash = '${hash}'`,
    );
    const replay = () =>
      post(server.url, '/api/v1/auth/refresh-token', { refresh_token: tokens.refresh_token });
    expect((await (await replay()).json()).code).toBe('SESSION_REVOKED');
    expect(await revokedReasons([tokens.session_id])).toEqual(['refresh_token_reuse']);
    const recorded = (await eventsOf(tokens.user_id, 'session.refresh_reuse')).filter(
      (data) => data.session_id === tokens.session_id,
    );
    expect(recorded).toHaveLength(1);
    // Replayed again: the session was already revoked; nothing more is written.
    expect((await (await replay()).json()).code).toBe('SESSION_REVOKED');
    expect(
      (await eventsOf(tokens.user_id, 'session.refresh_reuse')).filter(
        (data) => data.session_id === tokens.session_id,
      ),
    ).toHaveLength(1);
  });

  it('ends a session and writes its audit event in one statement: a failure leaves neither', async () => {
    const one = await login();
    const two = await login();
    const sessions = server.app.get(SessionsRepository);
    const audit = server.app.get(AuditService);
    const event = audit.eventFor(one.user_id, 'session.revoked', { session_id: two.session_id });
    const ended = () =>
      eventsOf(one.user_id, 'session.revoked').then((all) =>
        all.filter((data) => data.session_id === two.session_id),
      );
    await expect(
      sessions.revoke(two.session_id, one.user_id, 'revoked_by_member', refused(event)),
    ).rejects.toThrow();
    expect(await revokedReasons([two.session_id])).toEqual([null]);
    expect(await ended()).toEqual([]);
    // Through the API: the session ends and its event is there, exactly once.
    const end = () =>
      fetch(`${server.url}/api/v1/sessions/${two.session_id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${one.access_token}` },
      });
    expect((await end()).status).toBe(204);
    expect(await revokedReasons([two.session_id])).toEqual(['revoked_by_member']);
    expect(await ended()).toEqual([{ session_id: two.session_id }]);
    // Ending it again changes nothing and records nothing.
    expect((await end()).status).toBe(404);
    expect(await ended()).toHaveLength(1);
  });

  it('ends the other sessions and writes their audit event in one transaction: a failure leaves neither', async () => {
    const email = newEmail();
    const one = (await registerRaw(server.url, email, 'others password')).tokens;
    const two = (await loginRaw(server.url, email, 'others password')).json;
    const three = (await loginRaw(server.url, email, 'others password')).json;
    const sessions = server.app.get(SessionsRepository);
    await expect(
      sessions.revokeAllOf(one.user_id, 'revoked_by_member', {
        except: one.session_id,
        eventFor: () => {
          throw new Error('forced failure');
        },
      }),
    ).rejects.toThrow('forced failure');
    const all = [one.session_id, two.session_id, three.session_id];
    expect(await revokedReasons(all)).toEqual([null, null, null]);
    expect(await eventsOf(one.user_id, 'session.revoked_others')).toEqual([]);
    const others = await fetch(`${server.url}/api/v1/sessions`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${one.access_token}` },
    });
    expect(others.status).toBe(204);
    expect(await revokedReasons(all)).toEqual([null, 'revoked_by_member', 'revoked_by_member']);
    expect(await eventsOf(one.user_id, 'session.revoked_others')).toEqual([{ count: 2 }]);
  });

  it("refuses to end another member's session as not found", async () => {
    const mine = await login();
    const other = await registerRaw(server.url, newEmail(), 'other member password');
    const response = await fetch(`${server.url}/api/v1/sessions/${other.tokens.session_id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${mine.access_token}` },
    });
    expect(response.status).toBe(404);
    const stillThere = await fetch(`${server.url}/api/v1/sessions`, {
      headers: { authorization: `Bearer ${other.tokens.access_token}` },
    });
    expect(stillThere.status).toBe(200);
  });

  it('publishes the JWKS and refuses tampered or missing tokens', async () => {
    const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string; d?: string }[];
    };
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(jwks.keys.every((key) => key.d === undefined)).toBe(true);
    const tokens = await login();
    const tampered = tokens.access_token.slice(0, -4) + 'AAAA';
    for (const header of [
      {} as Record<string, string>,
      { authorization: `Bearer ${tampered}` },
      { authorization: 'Basic abc' },
    ]) {
      expect((await fetch(`${server.url}/api/v1/sessions`, { headers: header })).status).toBe(401);
    }
  });
});
