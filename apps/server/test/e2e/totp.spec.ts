import { sql } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupCodesSchema } from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { TotpRepository } from '../../src/modules/totp/totp.repository.js';
import { loginRaw, mailsTo, post, registerRaw } from '../support/raw-member.js';
import {
  enableTotpRaw,
  provePasswordRaw,
  startTotpSetupRaw,
  totpCodeFor as codeFor,
} from '../support/raw-totp.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
beforeAll(async () => {
  // X-Forwarded-For is trusted here, so each guess of a burst can come from an address of its
  // own, as a botnet's would, past the per-IP limits: the factor's own lock must hold.
  server = await startTestApp({ env: { TRUST_PROXY: 'true' } });
});

afterAll(() => server.close());

let ips = 0;
/** A new client address for every request of a burst. */
const botIp = () => {
  ips += 1;
  return { 'x-forwarded-for': `10.${(ips >> 16) & 255}.${(ips >> 8) & 255}.${ips & 255}` };
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const totpStatus = async (token: string) =>
  (await fetch(`${server.url}/api/v1/auth/totp`, { headers: bearer(token) })).json();

const query = async <T>(statement: ReturnType<typeof sql>) =>
  (
    (await server.app.get<Database>(DATABASE).primary.execute(statement)) as unknown as {
      rows: T[];
    }
  ).rows;

async function withTotp(email: string, password: string) {
  const { tokens } = await registerRaw(server.url, email, password);
  return { tokens, ...(await enableTotpRaw(server.url, tokens.access_token, password)) };
}

/** Completes a parked login with a second factor, without redoing OPAQUE. */
const continueLogin = (
  loginId: string,
  finishLoginRequest: string,
  factor: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  post(
    server.url,
    '/api/v1/auth/complete-login',
    { login_id: loginId, finish_login_request: finishLoginRequest, ...factor },
    undefined,
    headers,
  );

describe('TOTP two-factor login', () => {
  it('sets up with an otpauth URL and an SVG QR code, then shows ten backup codes once', async () => {
    const email = 'totp.setup@coop.example';
    const { tokens } = await registerRaw(server.url, email, 'pw totp setup');
    const setup = await startTotpSetupRaw(server.url, tokens.access_token, 'pw totp setup');
    expect(setup.otpauth_url).toContain(`secret=${setup.secret}`);
    expect(setup.otpauth_url).toContain(encodeURIComponent(email));
    expect(setup.qr_svg).toMatch(/^<svg/);
    expect(setup.expires_in_seconds).toBe(600);
    const wrong = await post(
      server.url,
      '/api/v1/auth/totp/confirm',
      { setup_id: setup.setup_id, code: '000000' },
      tokens.access_token,
    );
    expect((await wrong.json()).code).toBe('INVALID_MFA_CODE');
    const confirmed = await post(
      server.url,
      '/api/v1/auth/totp/confirm',
      { setup_id: setup.setup_id, code: codeFor(setup.secret) },
      tokens.access_token,
    );
    expect(backupCodesSchema.parse(await confirmed.json()).backup_codes).toHaveLength(10);
    expect(await totpStatus(tokens.access_token)).toEqual({ enabled: true, backup_codes_left: 10 });
    expect(
      (await mailsTo(server.url, email)).some((m) =>
        /Двухфакторная аутентификация включена/.test(m.subject),
      ),
    ).toBe(true);
  });

  it('asks for the code after the password, accepts it without a new OPAQUE run, and refuses its reuse', async () => {
    const email = 'totp.login@coop.example';
    const { secret, backupCodes } = await withTotp(email, 'pw totp login');
    const first = await loginRaw(server.url, email, 'pw totp login');
    expect(first.response.status).toBe(401);
    expect(first.json.code).toBe('MFA_REQUIRED');

    const code = codeFor(secret, 1);
    const done = await continueLogin(first.loginId, first.finishLoginRequest, { totp_code: code });
    expect(done.status).toBe(200);
    const body = (await done.json()) as { access_token: string };
    expect(decodeJwt(body.access_token).amr).toEqual(['pwd', 'otp']);

    const second = await loginRaw(server.url, email, 'pw totp login');
    const reused = await continueLogin(second.loginId, second.finishLoginRequest, {
      totp_code: code,
    });
    expect(reused.status).toBe(401);
    expect((await reused.json()).code).toBe('INVALID_MFA_CODE');
    // The parked login survives a wrong code and completes with a valid factor.
    const retried = await continueLogin(second.loginId, second.finishLoginRequest, {
      backup_code: backupCodes[0]!,
    });
    expect(retried.status).toBe(200);
  });

  it('refuses a parked login presented with another finish request', async () => {
    const email = 'totp.bound@coop.example';
    const { secret } = await withTotp(email, 'pw totp bound');
    const first = await loginRaw(server.url, email, 'pw totp bound');
    const forged = await continueLogin(first.loginId, 'AAAA' + first.finishLoginRequest.slice(4), {
      totp_code: codeFor(secret, 1),
    });
    expect((await forged.json()).code).toBe('LOGIN_EXPIRED');
  });

  it('spends a backup code and writes its audit event in one statement: a failure leaves neither', async () => {
    const email = 'totp.backup.atomic@coop.example';
    const { tokens, backupCodes } = await withTotp(email, 'pw totp atomic');
    const userId = tokens.user_id;
    const used = async () =>
      (
        await query<{ used: number }>(
          sql`select count(*)::int as used from totp_backup_codes where user_id = ${userId} and used_at is not null`,
        )
      )[0]!.used;
    const events = () =>
      query(
        sql`select data from audit_events where subject_id = ${userId} and type = 'totp.backup_code_used'`,
      );
    const [row] = await server.app.get(TotpRepository).unusedBackupCodes(userId);
    const event = server.app.get(AuditService).eventFor(userId, 'totp.backup_code_used');
    // An event the database refuses (its time is no time) fails the statement that spends.
    const refused = { ...event, draft: { ...event.draft, auditAt: 'not a time' } };
    await expect(server.app.get(TotpRepository).useBackupCode(row!.id, refused)).rejects.toThrow();
    expect(await used()).toBe(0);
    expect(await events()).toEqual([]);
    const login = await loginRaw(server.url, email, 'pw totp atomic');
    const done = await continueLogin(login.loginId, login.finishLoginRequest, {
      backup_code: backupCodes[0]!,
    });
    expect(done.status).toBe(200);
    expect(await used()).toBe(1);
    expect(await events()).toEqual([{ data: {} }]);
  });

  it('accepts each backup code once', async () => {
    const email = 'totp.backup@coop.example';
    const { backupCodes } = await withTotp(email, 'pw totp backup');
    const first = await loginRaw(server.url, email, 'pw totp backup');
    expect(
      (
        await continueLogin(first.loginId, first.finishLoginRequest, {
          backup_code: backupCodes[0]!.toUpperCase(),
        })
      ).status,
    ).toBe(200);
    const second = await loginRaw(server.url, email, 'pw totp backup');
    const again = await continueLogin(second.loginId, second.finishLoginRequest, {
      backup_code: backupCodes[0]!,
    });
    expect((await again.json()).code).toBe('INVALID_MFA_CODE');
    expect(
      (
        await continueLogin(second.loginId, second.finishLoginRequest, {
          backup_code: backupCodes[1]!,
        })
      ).status,
    ).toBe(200);
    // As typed from paper: any case, spaces instead of the dash, or none.
    const [head, tail] = backupCodes[2]!.split('-') as [string, string];
    const third = await loginRaw(server.url, email, 'pw totp backup');
    expect(
      (
        await continueLogin(third.loginId, third.finishLoginRequest, {
          backup_code: ` ${head.toUpperCase()} ${tail} `,
        })
      ).status,
    ).toBe(200);
    const fourth = await loginRaw(server.url, email, 'pw totp backup');
    expect(
      (
        await continueLogin(fourth.loginId, fourth.finishLoginRequest, {
          backup_code: backupCodes[3]!.replace('-', ''),
        })
      ).status,
    ).toBe(200);
  });

  it('locks the second factor after 5 wrong codes', async () => {
    const email = 'totp.lock@coop.example';
    const { secret } = await withTotp(email, 'pw totp lock');
    const login = await loginRaw(server.url, email, 'pw totp lock');
    const codes: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await continueLogin(login.loginId, login.finishLoginRequest, {
        totp_code: '000000',
      });
      codes.push((await response.json()).code);
    }
    expect(codes).toEqual([
      'INVALID_MFA_CODE',
      'INVALID_MFA_CODE',
      'INVALID_MFA_CODE',
      'INVALID_MFA_CODE',
      'TOO_MANY_ATTEMPTS',
    ]);
    const next = await loginRaw(server.url, email, 'pw totp lock');
    const locked = await continueLogin(next.loginId, next.finishLoginRequest, {
      totp_code: codeFor(secret, 1),
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  const totpEvents = (userId: string) =>
    query<{ type: string; data: Record<string, unknown> }>(
      sql`select type, data from audit_events where subject_id = ${userId} and type like 'totp.%' order by seq`,
    );
  const lockState = (userId: string) =>
    query<{ failures: number; locked: boolean }>(
      sql`select totp_failures as failures, totp_locked_until is not null as locked from users where id = ${userId}`,
    );
  const wrongCodes = async (login: { loginId: string; finishLoginRequest: string }, n: number) => {
    for (let i = 0; i < n; i += 1) {
      const wrong = await continueLogin(login.loginId, login.finishLoginRequest, {
        totp_code: '000000',
      });
      expect((await wrong.json()).code).toBe('INVALID_MFA_CODE');
    }
  };

  it('lifts the lock the fifth attempt set when its code is right, and the log says both', async () => {
    const email = 'totp.fifth@coop.example';
    const { tokens, secret } = await withTotp(email, 'pw totp fifth');
    const login = await loginRaw(server.url, email, 'pw totp fifth');
    await wrongCodes(login, 4);
    const right = await continueLogin(login.loginId, login.finishLoginRequest, {
      totp_code: codeFor(secret, 1),
    });
    expect(right.status).toBe(200);
    expect(await lockState(tokens.user_id)).toEqual([{ failures: 0, locked: false }]);
    expect((await totpEvents(tokens.user_id)).map((e) => e.type)).toEqual([
      'totp.enabled',
      'totp.locked',
      'totp.unlocked',
    ]);
  });

  it('writes the lock and its event together: no lock without the event', async () => {
    const email = 'totp.atomic@coop.example';
    const { tokens, secret } = await withTotp(email, 'pw totp atomic');
    const login = await loginRaw(server.url, email, 'pw totp atomic');
    await wrongCodes(login, 4);
    await query(sql`
      create function test_refuse_lock() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$`);
    await query(sql`
      create trigger test_refuse_lock before insert on audit_events for each row
      when (new.type = 'totp.locked') execute function test_refuse_lock()`);
    try {
      const refused = await continueLogin(login.loginId, login.finishLoginRequest, {
        totp_code: '000000',
      });
      expect(refused.status).toBe(500);
      // Neither the fifth attempt nor its lock were written.
      expect(await lockState(tokens.user_id)).toEqual([{ failures: 4, locked: false }]);
    } finally {
      await query(sql`drop trigger test_refuse_lock on audit_events`);
      await query(sql`drop function test_refuse_lock()`);
    }
    const fifth = await continueLogin(login.loginId, login.finishLoginRequest, {
      totp_code: '000000',
    });
    expect((await fifth.json()).code).toBe('TOO_MANY_ATTEMPTS');
    expect(await lockState(tokens.user_id)).toEqual([{ failures: 5, locked: true }]);
    const events = await totpEvents(tokens.user_id);
    expect(events.map((e) => e.type)).toEqual(['totp.enabled', 'totp.locked']);
    expect(events[1]!.data).toEqual({ attempts: 5 });
    const later = await continueLogin(login.loginId, login.finishLoginRequest, {
      totp_code: codeFor(secret, 1),
    });
    expect(later.status).toBe(429);
  });

  it('turns 2FA off only with a second factor (step-up)', async () => {
    const email = 'totp.off@coop.example';
    const { tokens, secret } = await withTotp(email, 'pw totp off');
    const without = await post(server.url, '/api/v1/auth/totp/disable', {}, tokens.access_token);
    expect(without.status).toBe(422);
    const wrong = await post(
      server.url,
      '/api/v1/auth/totp/disable',
      { totp_code: '000000' },
      tokens.access_token,
    );
    expect((await wrong.json()).code).toBe('INVALID_MFA_CODE');
    const off = await post(
      server.url,
      '/api/v1/auth/totp/disable',
      { totp_code: codeFor(secret, 1) },
      tokens.access_token,
    );
    expect(off.status).toBe(204);
    expect((await loginRaw(server.url, email, 'pw totp off')).response.status).toBe(200);
  });
});

describe('TOTP attacks', () => {
  it('checks at most 5 codes of a parallel burst on one parked login, and refuses the right one once locked', async () => {
    const email = 'totp.burst@coop.example';
    const { secret, tokens } = await withTotp(email, 'pw totp burst');
    const login = await loginRaw(server.url, email, 'pw totp burst');
    expect(login.json.code).toBe('MFA_REQUIRED');
    const right = codeFor(secret, 1);
    const wrong = (i: number) => {
      const code = String(i).padStart(6, '0');
      return code === right || code === codeFor(secret) || code === codeFor(secret, -1)
        ? '999999'
        : code;
    };
    const codes = Array.from({ length: 301 }, (_, i) => (i === 150 ? right : wrong(i)));
    const responses = await Promise.all(
      codes.map((code) =>
        continueLogin(login.loginId, login.finishLoginRequest, { totp_code: code }, botIp()),
      ),
    );
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { code?: string }[];
    const statuses = responses.map((r) => r.status);
    // Nothing got through: the right code came after the lock.
    expect(statuses.filter((s) => s === 200)).toHaveLength(0);
    expect(statuses[150]).toBe(429);
    expect(bodies[150]!.code).toBe('TOO_MANY_ATTEMPTS');
    // Four wrong codes were told so; the fifth locked; the rest were refused unchecked.
    expect(bodies.filter((b) => b.code === 'INVALID_MFA_CODE')).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(297);
    for (const response of responses.filter((r) => r.status === 429)) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(800);
    }
    // The database counted exactly five attempts and locked once.
    const [state] = await query<{ totp_failures: number; locked: boolean }>(
      sql`select totp_failures, totp_locked_until > now() + interval '14 minutes' as locked from users where id = ${tokens.user_id}`,
    );
    expect(state).toEqual({ totp_failures: 5, locked: true });
    const locks = await query<{ n: number }>(
      sql`select count(*)::int as n from audit_events where subject_id = ${tokens.user_id} and type = 'totp.locked'`,
    );
    expect(locks[0]!.n).toBe(1);
    // Still locked for the right code later, on the same parked login.
    const later = await continueLogin(login.loginId, login.finishLoginRequest, {
      totp_code: codeFor(secret, 1),
    });
    expect(later.status).toBe(429);
    expect(Number(later.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('checks at most 5 backup codes of a parallel burst, and refuses a valid one once locked', async () => {
    const email = 'totp.burst.backup@coop.example';
    const { tokens, backupCodes } = await withTotp(email, 'pw totp burst backup');
    const login = await loginRaw(server.url, email, 'pw totp burst backup');
    const guesses = Array.from({ length: 61 }, (_, i) =>
      i === 30 ? backupCodes[0]! : `zz${String(i).padStart(2, '0')}-zzzz`,
    );
    const responses = await Promise.all(
      guesses.map((code) =>
        continueLogin(login.loginId, login.finishLoginRequest, { backup_code: code }, botIp()),
      ),
    );
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { code?: string }[];
    expect(responses.filter((r) => r.status === 200)).toHaveLength(0);
    expect(bodies[30]!.code).toBe('TOO_MANY_ATTEMPTS');
    expect(bodies.filter((b) => b.code === 'INVALID_MFA_CODE')).toHaveLength(4);
    for (const response of responses.filter((r) => r.status === 429))
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(800);
    const [state] = await query<{ totp_failures: number; unused: number }>(
      sql`select totp_failures, (select count(*)::int from totp_backup_codes where user_id = ${tokens.user_id} and used_at is null) as unused from users where id = ${tokens.user_id}`,
    );
    expect(state).toEqual({ totp_failures: 5, unused: 10 });
  });

  it('checks at most 5 codes of a parallel burst while confirming a setup', async () => {
    const { tokens } = await registerRaw(server.url, 'totp.burst.setup@coop.example', 'pw burst s');
    const setup = await startTotpSetupRaw(server.url, tokens.access_token, 'pw burst s');
    const right = codeFor(setup.secret);
    const valid = new Set([right, codeFor(setup.secret, -1), codeFor(setup.secret, 1)]);
    const codes = Array.from({ length: 101 }, (_, i) => {
      const code = String(i).padStart(6, '0');
      return i === 50 ? right : valid.has(code) ? '999999' : code;
    });
    const responses = await Promise.all(
      codes.map((code) =>
        post(
          server.url,
          '/api/v1/auth/totp/confirm',
          { setup_id: setup.setup_id, code },
          tokens.access_token,
          botIp(),
        ),
      ),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(0);
    expect(responses[50]!.status).toBe(429);
    expect(responses.filter((r) => r.status === 401)).toHaveLength(4);
    for (const response of responses.filter((r) => r.status === 429))
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await totpStatus(tokens.access_token)).toEqual({ enabled: false, backup_codes_left: 0 });
  });
});

describe('TOTP enrolment needs the password (a stolen access token is not enough)', () => {
  const attempt = (path: string, body: unknown, token: string) =>
    post(server.url, `/api/v1/auth/totp/${path}`, body, token);
  const pendingOf = async (userId: string) =>
    (
      await query<{ pending: boolean }>(
        sql`select totp_pending_sealed is not null as pending from users where id = ${userId}`,
      )
    )[0]!.pending;

  it('refuses setup with only a bearer token, a stale proof or a wrong password', async () => {
    const { tokens } = await registerRaw(server.url, 'totp.stolen.setup@coop.example', 'pw owner');
    const bare = await attempt('setup', {}, tokens.access_token);
    expect(bare.status).toBe(422);
    expect((await bare.json()).code).toBe('VALIDATION_FAILED');
    const forged = await attempt(
      'setup',
      { reauth_id: 'made-up', finish_login_request: 'A'.repeat(171) },
      tokens.access_token,
    );
    expect((await forged.json()).code).toBe('LOGIN_EXPIRED');
    const guessed = await attempt(
      'setup',
      await provePasswordRaw(server.url, tokens.access_token, 'a guess'),
      tokens.access_token,
    );
    expect(guessed.status).toBe(401);
    expect((await guessed.json()).code).toBe('INVALID_CREDENTIALS');
    // A proof is good once: replaying the owner's spent proof does not start another setup.
    const proof = await provePasswordRaw(server.url, tokens.access_token, 'pw owner');
    expect((await attempt('setup', proof, tokens.access_token)).status).toBe(200);
    expect((await (await attempt('setup', proof, tokens.access_token)).json()).code).toBe(
      'LOGIN_EXPIRED',
    );
    expect(await totpStatus(tokens.access_token)).toEqual({ enabled: false, backup_codes_left: 0 });
  });

  it('refuses to confirm a setup without the id its password proof gave', async () => {
    const { tokens, userId } = await registerRaw(
      server.url,
      'totp.stolen.confirm@coop.example',
      'pw owner c',
    );
    // The owner has started a setup; the thief holds the same access token, not the setup id.
    const setup = await startTotpSetupRaw(server.url, tokens.access_token, 'pw owner c');
    const bare = await attempt('confirm', { code: codeFor(setup.secret) }, tokens.access_token);
    expect(bare.status).toBe(422);
    for (const setupId of ['made-up', setup.setup_id.slice(0, -2) + 'AA']) {
      const refused = await attempt(
        'confirm',
        { setup_id: setupId, code: codeFor(setup.secret) },
        tokens.access_token,
      );
      expect(refused.status).toBe(401);
      expect((await refused.json()).code).toBe('REAUTH_REQUIRED');
    }
    expect(await pendingOf(userId)).toBe(true);
    // A restarted setup voids the earlier id.
    const again = await startTotpSetupRaw(server.url, tokens.access_token, 'pw owner c');
    const stale = await attempt(
      'confirm',
      { setup_id: setup.setup_id, code: codeFor(again.secret) },
      tokens.access_token,
    );
    expect((await stale.json()).code).toBe('REAUTH_REQUIRED');
    const confirmed = await attempt(
      'confirm',
      { setup_id: again.setup_id, code: codeFor(again.secret) },
      tokens.access_token,
    );
    expect(confirmed.status).toBe(200);
    // Used up with the enrolment.
    expect(
      (
        await attempt(
          'confirm',
          { setup_id: again.setup_id, code: codeFor(again.secret, 1) },
          tokens.access_token,
        )
      ).status,
    ).toBe(409);
  });

  it('makes new backup codes only with the password and the current factor', async () => {
    const password = 'pw owner b';
    const { tokens, secret, backupCodes } = await withTotp(
      'totp.stolen.codes@coop.example',
      password,
    );
    const bare = await attempt(
      'backup-codes',
      { totp_code: codeFor(secret, 1) },
      tokens.access_token,
    );
    expect(bare.status).toBe(422);
    const wrongPassword = await attempt(
      'backup-codes',
      {
        ...(await provePasswordRaw(server.url, tokens.access_token, 'a guess')),
        totp_code: codeFor(secret, 1),
      },
      tokens.access_token,
    );
    expect((await wrongPassword.json()).code).toBe('INVALID_CREDENTIALS');
    const noFactor = await attempt(
      'backup-codes',
      await provePasswordRaw(server.url, tokens.access_token, password),
      tokens.access_token,
    );
    expect(noFactor.status).toBe(422);
    const wrongFactor = await attempt(
      'backup-codes',
      {
        ...(await provePasswordRaw(server.url, tokens.access_token, password)),
        totp_code: '000000',
      },
      tokens.access_token,
    );
    expect((await wrongFactor.json()).code).toBe('INVALID_MFA_CODE');
    expect(await totpStatus(tokens.access_token)).toEqual({ enabled: true, backup_codes_left: 10 });

    const renewed = await attempt(
      'backup-codes',
      {
        ...(await provePasswordRaw(server.url, tokens.access_token, password)),
        backup_code: backupCodes[0]!,
      },
      tokens.access_token,
    );
    expect(renewed.status).toBe(200);
    const fresh = backupCodesSchema.parse(await renewed.json()).backup_codes;
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(backupCodes[1]);
    const login = await loginRaw(server.url, 'totp.stolen.codes@coop.example', password);
    const old = await post(server.url, '/api/v1/auth/complete-login', {
      login_id: login.loginId,
      finish_login_request: login.finishLoginRequest,
      backup_code: backupCodes[1]!,
    });
    expect((await old.json()).code).toBe('INVALID_MFA_CODE');
  });

  it('mails the owner a link that undoes the enrolment once: 2FA off, codes gone, every session ended', async () => {
    const email = 'totp.undo@coop.example';
    const password = 'pw owner undo';
    const { tokens, userId } = await registerRaw(server.url, email, password);
    // The thief's session (they know the password) and the owner's: both end.
    const other = await loginRaw(server.url, email, password);
    const { secret } = await enableTotpRaw(server.url, tokens.access_token, password);

    const mail = (await mailsTo(server.url, email)).find((m) => /revert-totp\?token=/.test(m.text));
    expect(mail?.subject).toBe('Двухфакторная аутентификация включена');
    expect(mail!.text).toContain(`${server.config.publicUrl}/id/revert-totp?token=`);
    const token = mail!.text.match(/revert-totp\?token=([\w.-]+)/)![1]!;
    // Only a hash of the link is kept.
    const [stored] = await query<{ totp_revert_hash: string; days: number }>(
      sql`select totp_revert_hash, round(extract(epoch from totp_revert_until - now()) / 86400)::int as days from users where id = ${userId}`,
    );
    expect(stored!.totp_revert_hash).not.toContain(token.split('.')[1]!);
    expect(stored!.days).toBe(7);

    const undone = await post(server.url, '/api/v1/auth/totp/revert', { token });
    expect(undone.status).toBe(204);
    for (const session of [tokens.access_token, other.json.access_token]) {
      expect(
        (await fetch(`${server.url}/api/v1/sessions`, { headers: bearer(session) })).status,
      ).toBe(401);
    }
    const [after] = await query<{ on: boolean; codes: number; link: boolean }>(
      sql`select totp_enabled_at is not null or totp_secret_sealed is not null as on,
                 (select count(*)::int from totp_backup_codes where user_id = ${userId}) as codes,
                 totp_revert_hash is not null as link
          from users where id = ${userId}`,
    );
    expect(after).toEqual({ on: false, codes: 0, link: false });
    const events = await query<{ type: string; data: { sessions_ended?: number } }>(
      sql`select type, data from audit_events where subject_id = ${userId} and type = 'totp.reverted'`,
    );
    expect(events).toEqual([{ type: 'totp.reverted', data: { sessions_ended: 2 } }]);
    // The password alone signs in again; the thief's app no longer counts.
    const login = await loginRaw(server.url, email, password);
    expect(login.response.status).toBe(200);
    expect(secret).toBeTruthy();

    const twice = await post(server.url, '/api/v1/auth/totp/revert', { token });
    expect(twice.status).toBe(401);
    expect((await twice.json()).code).toBe('INVALID_TOKEN');
  });

  it('refuses an expired link, a forged one, and one from an earlier enrolment', async () => {
    const email = 'totp.undo.late@coop.example';
    const password = 'pw owner late';
    const { tokens, userId } = await registerRaw(server.url, email, password);
    const { backupCodes } = await enableTotpRaw(server.url, tokens.access_token, password);
    const links = async () =>
      (await mailsTo(server.url, email))
        .map((m) => m.text.match(/revert-totp\?token=([\w.-]+)/)?.[1])
        .filter((token): token is string => token !== undefined);
    const [first] = await links();
    const revert = (token: string) => post(server.url, '/api/v1/auth/totp/revert', { token });
    for (const token of [`${userId}.${'A'.repeat(43)}`, 'not-a-link', `${first!}x`]) {
      expect((await (await revert(token)).json()).code).toBe('INVALID_TOKEN');
    }

    await query(
      sql`update users set totp_revert_until = now() - interval '1 second' where id = ${userId}`,
    );
    const late = await revert(first!);
    expect(late.status).toBe(401);
    expect((await late.json()).code).toBe('INVALID_TOKEN');
    expect(await totpStatus(tokens.access_token)).toEqual({ enabled: true, backup_codes_left: 10 });

    // Turned off and on again: the first enrolment's link is dead even within its 7 days.
    await query(
      sql`update users set totp_revert_until = now() + interval '1 day' where id = ${userId}`,
    );
    const off = await post(
      server.url,
      '/api/v1/auth/totp/disable',
      { backup_code: backupCodes[0]! },
      tokens.access_token,
    );
    expect(off.status).toBe(204);
    expect((await (await revert(first!)).json()).code).toBe('INVALID_TOKEN');
    await enableTotpRaw(server.url, tokens.access_token, password);
    const second = (await links()).find((token) => token !== first);
    expect(second).toBeDefined();
    expect((await (await revert(first!)).json()).code).toBe('INVALID_TOKEN');
    expect((await revert(second!)).status).toBe(204);
  });
});
