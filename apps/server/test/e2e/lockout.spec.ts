import * as opaque from '@serenity-kit/opaque';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ksf, LoginResult } from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { LoginFailuresRepository } from '../../src/modules/auth/login-failures.repository.js';
import { mailsTo, post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

// "Anyone can lock anyone out": five initiate-login calls with just an e-mail used to lock the
// account for everybody (escalating, a mail each time). The lockout is now per (address,
// client): a stranger locks out only the stranger.

let server: TestApp;
let n = 0;
const newEmail = () => `lockout${(n += 1)}.${Date.now()}@coop.example`;
const PASSWORD = 'the owner knows this one';
const from = (ip: string) => ({ 'x-forwarded-for': ip });

beforeAll(async () => {
  await opaque.ready;
  server = await startTestApp({ env: { TRUST_PROXY: 'true' } });
});
afterAll(() => server.close());

/** Round one only, as a guessing client does once it sees the guess was wrong. */
async function start(email: string, ip: string, deviceToken?: string) {
  const { startLoginRequest, clientLoginState } = opaque.client.startLogin({ password: PASSWORD });
  const response = await post(
    server.url,
    '/api/v1/auth/initiate-login',
    {
      email,
      start_login_request: startLoginRequest,
      ...(deviceToken ? { device_token: deviceToken } : {}),
    },
    undefined,
    from(ip),
  );
  return { response, clientLoginState };
}

/** A whole login with the right password. */
async function login(email: string, ip: string, deviceToken?: string) {
  const { response, clientLoginState } = await start(email, ip, deviceToken);
  if (response.status !== 200) return { status: response.status, response };
  const started = (await response.json()) as { login_id: string; login_response: string; ksf: Ksf };
  const finish = opaque.client.finishLogin({
    clientLoginState,
    loginResponse: started.login_response,
    password: PASSWORD,
    keyStretching: started.ksf,
  })!;
  const completed = await post(
    server.url,
    '/api/v1/auth/complete-login',
    { login_id: started.login_id, finish_login_request: finish.finishLoginRequest },
    undefined,
    from(ip),
  );
  return {
    status: completed.status,
    response: completed,
    result: completed.status === 200 ? ((await completed.json()) as LoginResult) : undefined,
  };
}

const database = () => server.app.get<Database>(DATABASE).primary;

/** The `login.locked` events of an account. */
const lockEventsOf = async (userId: string) =>
  (
    (await database().execute(
      sql`select data from audit_events where subject_id = ${userId} and type = 'login.locked'`,
    )) as unknown as { rows: { data: { minutes: number } }[] }
  ).rows;

describe('login lockout per (address, client)', () => {
  it('locks a stranger out after five unproven rounds, but not the owner from another IP', async () => {
    const email = newEmail();
    await registerRaw(server.url, email, PASSWORD);
    for (let i = 0; i < 5; i += 1)
      expect((await start(email, '203.0.113.7')).response.status).toBe(200);
    const locked = (await start(email, '203.0.113.7')).response;
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The owner, elsewhere, is not affected.
    expect((await login(email, '198.51.100.20')).status).toBe(200);
  });

  it('locks with its audit event in one transaction: a failure leaves neither', async () => {
    const { userId } = await registerRaw(server.url, newEmail(), PASSWORD);
    const lookup = `forced-${userId}`;
    const failures = server.app.get(LoginFailuresRepository);
    const rows = [{ client: 'ip:x', steps: [[1, 60]] as [number, number][] }];
    await failures.count(lookup, rows, 900);
    // The second round locks; its event fails: the count and the lock roll back.
    await expect(
      failures.count(lookup, rows, 900, {
        subjectId: userId,
        eventFor: () => {
          throw new Error('forced failure');
        },
      }),
    ).rejects.toThrow('forced failure');
    const stored = async () =>
      (
        (await database().execute(
          sql`select failures, locked_until is not null as locked from login_failures where email_lookup = ${lookup}`,
        )) as unknown as { rows: unknown[] }
      ).rows;
    expect(await stored()).toEqual([{ failures: 1, locked: false }]);
    const lockEvents = () => lockEventsOf(userId);
    expect(await lockEvents()).toEqual([]);
    // The same round with an event that commits: locked, and recorded once.
    await failures.count(lookup, rows, 900, {
      subjectId: userId,
      eventFor: (subject) =>
        server.app.get(AuditService).eventFor(subject, 'login.locked', { minutes: 1 }),
    });
    expect(await stored()).toEqual([{ failures: 2, locked: true }]);
    expect(await lockEvents()).toEqual([{ data: { minutes: 1 } }]);
  });

  it('audits a lock of an account once, with the lock', async () => {
    const email = newEmail();
    const { userId } = await registerRaw(server.url, email, PASSWORD);
    const lockEvents = () => lockEventsOf(userId);
    for (let i = 0; i < 5; i += 1)
      expect((await start(email, '203.0.113.61')).response.status).toBe(200);
    expect(await lockEvents()).toEqual([]);
    expect((await start(email, '203.0.113.61')).response.status).toBe(429);
    const events = await lockEvents();
    expect(events).toHaveLength(1);
    expect(events[0]!.data.minutes).toBeGreaterThan(0);
    // Already locked: refused again, nothing more written.
    expect((await start(email, '203.0.113.61')).response.status).toBe(429);
    expect(await lockEvents()).toHaveLength(1);
  });

  it('keeps a device the owner signed in from usable while strangers on the same network are locked out', async () => {
    const email = newEmail();
    await registerRaw(server.url, email, PASSWORD);
    const first = await login(email, '192.0.2.50');
    const deviceToken = first.result!.device_token!;
    expect(deviceToken).toMatch(/^[\w-]+\.[\w-]+$/);
    for (let i = 0; i < 6; i += 1) await start(email, '192.0.2.50');
    expect((await start(email, '192.0.2.50')).response.status).toBe(429);
    const owner = await login(email, '192.0.2.50', deviceToken);
    expect(owner.status).toBe(200);
    // The same device keeps its token.
    expect(owner.result!.device_token).toBe(deviceToken);
    // A token of another account, or a forged one, is no pass: it counts as the IP.
    const other = newEmail();
    await registerRaw(server.url, other, PASSWORD);
    expect(
      (await start(email, '192.0.2.50', (await login(other, '192.0.2.51')).result!.device_token))
        .response.status,
    ).toBe(429);
    expect(
      (await start(email, '192.0.2.50', `${deviceToken.split('.')[0]}.forged`)).response.status,
    ).toBe(429);
  });

  it('counts parallel rounds exactly: 40 at once let 5 through', async () => {
    const email = newEmail();
    await registerRaw(server.url, email, PASSWORD);
    const statuses = await Promise.all(
      Array.from({ length: 40 }, async () => (await start(email, '203.0.113.40')).response.status),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(35);
  });

  it('caps rounds from unknown clients together: past 100 an hour only known devices may try', async () => {
    const email = newEmail();
    await registerRaw(server.url, email, PASSWORD);
    const { result } = await login(email, '198.51.100.1');
    for (let i = 0; i < 100; i += 1) {
      const status = (await start(email, `10.${Math.floor(i / 250)}.${i % 250}.9`)).response.status;
      expect(status).toBe(200);
    }
    expect((await start(email, '10.9.9.9')).response.status).toBe(429);
    expect((await login(email, '198.51.100.2')).status).toBe(429);
    expect((await login(email, '198.51.100.2', result!.device_token)).status).toBe(200);
  });

  it('mails the owner once, not each time a stranger is locked out', async () => {
    const email = newEmail();
    await registerRaw(server.url, email, PASSWORD);
    for (const ip of ['203.0.113.81', '203.0.113.82', '203.0.113.83'])
      for (let i = 0; i < 6; i += 1) await start(email, ip);
    const notices = (await mailsTo(server.url, email)).filter((mail) =>
      /заблокирован|locked/i.test(mail.subject),
    );
    expect(notices).toHaveLength(1);
  });

  it('keeps locks in PostgreSQL: a node with an empty cache still refuses', async () => {
    const email = newEmail();
    await registerRaw(server.url, email, PASSWORD);
    for (let i = 0; i < 6; i += 1) await start(email, '203.0.113.90');
    const locks = (await database().execute(
      sql`select count(*)::int as n from login_failures where locked_until > now()
          and client like 'ip:%' and failures = 6`,
    )) as unknown as { rows: { n: number }[] };
    expect(locks.rows[0]!.n).toBeGreaterThanOrEqual(1);
    // A second node on the same database, with a cache namespace of its own (on PGlite, the
    // same database cannot be opened twice: the row above is what it would read).
    if (!server.databaseUrl) return;
    const second = await startTestApp({
      env: { TRUST_PROXY: 'true' },
      databaseUrl: server.databaseUrl,
      secrets: server.secrets,
    });
    const { startLoginRequest } = opaque.client.startLogin({ password: PASSWORD });
    const response = await post(
      second.url,
      '/api/v1/auth/initiate-login',
      { email, start_login_request: startLoginRequest },
      undefined,
      from('203.0.113.90'),
    );
    await second.close();
    expect(response.status).toBe(429);
  });

  it('counts unknown addresses exactly like real ones', async () => {
    const ghost = newEmail();
    for (let i = 0; i < 5; i += 1)
      expect((await start(ghost, '203.0.113.99')).response.status).toBe(200);
    expect((await start(ghost, '203.0.113.99')).response.status).toBe(429);
    const rows = (await database().execute(
      sql`select count(*)::int as n from login_failures where client like 'ip:%'`,
    )) as unknown as { rows: { n: number }[] };
    expect(rows.rows[0]!.n).toBeGreaterThan(0);
    // No IP in clear: the client is an HMAC.
    const clients = (await database().execute(
      sql`select client from login_failures`,
    )) as unknown as {
      rows: { client: string }[];
    };
    expect(JSON.stringify(clients.rows)).not.toContain('203.0.113');
  });
});
