import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changePasswordCompleteSchema, DEFAULT_KSF } from '@cardcoop/contracts';
import { inThreadOpaque } from '../auth/opaque-runner.js';
import type { OpaqueRunner } from '../auth/opaque-runner.js';
import { createClient } from '../client.js';
import { generateUserKey, sameUserKey } from '../crypto/user-key.js';
import { EMAIL_CODE, TOTP_CODE } from '../testing/fake-auth-server.js';
import type { FakeAuthServer } from '../testing/fake-auth-server.js';
import {
  BASE_URL,
  CHEAP_KSF,
  countingRunner,
  EMAIL,
  errorCode,
  PASSWORD,
  registeredMember,
  signIn,
} from '../testing/member-fixture.js';
import type { Fixture } from '../testing/member-fixture.js';
import { createMemberClient } from './member-client.js';
import type { MemberClient } from './member-client.js';

const NEW_PASSWORD = 'a new and better passphrase';

let fixture: Fixture;
let server: FakeAuthServer;
let member: MemberClient;

beforeEach(async () => {
  fixture = await registeredMember();
  server = fixture.server;
  member = createMemberClient({
    baseUrl: BASE_URL,
    fetch: server.fetch,
    tokens: fixture.registered.tokens,
    now: () => fixture.clock.now,
  });
  server.calls.length = 0;
});

afterEach(() => member.session.close());

describe('sessions', () => {
  it('lists, revokes one, revokes the others; a foreign id is NOT_FOUND', async () => {
    const second = await signIn(fixture.http, { deviceName: 'Phone' });
    const third = await signIn(fixture.http);
    const listed = await member.sessions.list();
    expect(listed).toHaveLength(3);
    expect(listed.filter((s) => s.current).map((s) => s.id)).toEqual([
      fixture.registered.tokens.session_id,
    ]);
    expect(listed.find((s) => s.id === second.tokens.session_id)?.device_name).toBe('Phone');

    await member.sessions.revoke(second.tokens.session_id);
    expect((await member.sessions.list()).map((s) => s.id).sort()).toEqual(
      [fixture.registered.tokens.session_id, third.tokens.session_id].sort(),
    );
    expect(await errorCode(member.sessions.revoke(second.tokens.session_id))).toBe('NOT_FOUND');

    const bob = await registeredMemberOnSameServer('bob@example.org');
    expect(await errorCode(member.sessions.revoke(bob.session_id))).toBe('NOT_FOUND');

    await member.sessions.revokeOthers();
    expect((await member.sessions.list()).map((s) => s.id)).toEqual([
      fixture.registered.tokens.session_id,
    ]);
    expect(server.sessions.get(bob.session_id)?.revoked).toBe(false);
  });

  it('revoking the current session signs out here', async () => {
    await member.sessions.revoke(fixture.registered.tokens.session_id);
    expect(await member.session.current()).toBeUndefined();
    expect(await errorCode(member.sessions.list())).toBe('SESSION_REVOKED');
  });
});

describe('totp', () => {
  it('sets up after a password proof, confirms, regenerates backup codes and disables', async () => {
    expect(await member.totp.status()).toEqual({ enabled: false, backup_codes_left: 0 });
    const setup = await member.totp.setup({ password: PASSWORD });
    expect(server.calls).toEqual(['GET totp', 'reauth/initiate', 'totp/setup']);
    expect(setup.otpauth_url).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.setup_id).not.toBe('');
    expect(await errorCode(member.totp.confirm(setup.setup_id, '000000'))).toBe('INVALID_MFA_CODE');
    expect(await errorCode(member.totp.confirm('another-setup', TOTP_CODE))).toBe(
      'REAUTH_REQUIRED',
    );
    const { backup_codes } = await member.totp.confirm(setup.setup_id, TOTP_CODE);
    expect(backup_codes).toHaveLength(10);
    expect(await member.totp.status()).toEqual({ enabled: true, backup_codes_left: 10 });

    const first = backup_codes[0] ?? '';
    expect(
      await errorCode(member.totp.regenerateBackupCodes({ password: 'nope', backupCode: first })),
    ).toBe('INVALID_CREDENTIALS');
    const regenerated = await member.totp.regenerateBackupCodes({
      password: PASSWORD,
      backupCode: first,
    });
    expect(regenerated.backup_codes).toHaveLength(10);
    expect(regenerated.backup_codes).not.toContain(first);
    const sent = server.requests.filter((r) => r.path === 'auth/totp/backup-codes').at(-1)?.body;
    expect(sent).toMatchObject({ backup_code: first });
    expect(Object.keys(sent as object).sort()).toEqual([
      'backup_code',
      'finish_login_request',
      'reauth_id',
    ]);
    expect(await errorCode(member.totp.disable({ backupCode: first }))).toBe('INVALID_MFA_CODE');
    expect(await errorCode(member.totp.disable({ totpCode: '000000' }))).toBe('INVALID_MFA_CODE');
    await member.totp.disable({ totpCode: TOTP_CODE });
    expect((await member.totp.status()).enabled).toBe(false);
    expect(server.requests.find((r) => r.path === 'auth/totp/disable')?.body).toEqual({
      backup_code: first,
    });
  });

  it('refuses to set up with a wrong password, sending nothing after the proof fails', async () => {
    expect(await errorCode(member.totp.setup({ password: 'nope' }))).toBe('INVALID_CREDENTIALS');
    expect(server.calls).toEqual(['reauth/initiate']);
    expect(server.accounts.get(EMAIL)?.pendingTotp).toBeUndefined();
  });

  it('undoes an enrolment with the mailed link, once, without a session', async () => {
    const setup = await member.totp.setup({ password: PASSWORD });
    await member.totp.confirm(setup.setup_id, TOTP_CODE);
    const [token] = [...server.totpRevertTokens.keys()];
    const client = createClient({ baseUrl: BASE_URL, fetch: server.fetch });
    await client.auth.revertTotp(token ?? '');
    expect(server.accounts.get(EMAIL)?.totpCode).toBeUndefined();
    expect(await errorCode(member.sessions.list())).toBe('SESSION_REVOKED');
    expect(await errorCode(client.auth.revertTotp(token ?? ''))).toBe('INVALID_TOKEN');
    expect(server.requests.find((r) => r.path === 'auth/totp/revert')?.body).toEqual({ token });
  });
});

describe('changePassword', () => {
  it('re-wraps the same user key: the new password unlocks it, the old one fails', async () => {
    const { counts, runner } = countingRunner();
    const ended = await member.changePassword({
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      userKey: fixture.registered.userKey,
      ksf: CHEAP_KSF,
      opaque: runner,
      expectedServerPublicKey: server.publicKey,
    });
    expect(ended).toEqual({ sessions_ended: 0 });
    expect(counts).toEqual({ finishLogin: 1, finishRegistration: 1 });
    expect(server.calls).toEqual(['change-password/initiate', 'change-password/complete']);

    const session = await signIn(fixture.http, { password: NEW_PASSWORD });
    expect(sameUserKey(session.userKey, fixture.registered.userKey)).toBe(true);
    expect(await errorCode(signIn(fixture.http))).toBe('INVALID_CREDENTIALS');
    // The Recovery Kit is untouched.
    expect(server.accounts.get(EMAIL)?.recovery.auth_hash).toBeDefined();
  });

  it("re-wraps an unlocked client's own user key; a locked client is UNAUTHORIZED and sends nothing", async () => {
    const input = { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, ksf: CHEAP_KSF };
    expect(await errorCode(member.changePassword(input))).toBe('UNAUTHORIZED');
    expect(server.calls).toEqual([]);

    const unlocked = createMemberClient({
      baseUrl: BASE_URL,
      fetch: server.fetch,
      tokens: fixture.registered.tokens,
      userKey: fixture.registered.userKey,
      now: () => fixture.clock.now,
    });
    try {
      await unlocked.changePassword(input);
    } finally {
      unlocked.session.close();
    }
    const session = await signIn(fixture.http, { password: NEW_PASSWORD });
    expect(sameUserKey(session.userKey, fixture.registered.userKey)).toBe(true);
  });

  it('sends a contract-valid body with the chosen KSF, no secrets, and can end other sessions', async () => {
    const other = await signIn(fixture.http);
    await member.changePassword({
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      userKey: fixture.registered.userKey,
      ksf: CHEAP_KSF,
      endOtherSessions: true,
    });
    const sent = server.requests.find((r) => r.path === 'auth/change-password/complete');
    const body = changePasswordCompleteSchema.parse(sent?.body);
    expect(body.ksf).toEqual(CHEAP_KSF);
    expect(body.end_other_sessions).toBe(true);
    expect(server.accounts.get(EMAIL)?.ksf).toEqual(CHEAP_KSF);
    expect(server.sessions.get(other.tokens.session_id)?.revoked).toBe(true);
    expect(server.sessions.get(fixture.registered.tokens.session_id)?.revoked).toBe(false);
    for (const request of server.requests) {
      const text = JSON.stringify(request.body ?? null);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(NEW_PASSWORD);
    }
  });

  it('a wrong current password is INVALID_CREDENTIALS and changes nothing', async () => {
    const before = server.accounts.get(EMAIL)?.registrationRecord;
    expect(
      await errorCode(
        member.changePassword({
          currentPassword: 'not my password',
          newPassword: NEW_PASSWORD,
          userKey: fixture.registered.userKey,
          ksf: CHEAP_KSF,
        }),
      ),
    ).toBe('INVALID_CREDENTIALS');
    expect(server.calls).toEqual(['change-password/initiate']);
    expect(server.accounts.get(EMAIL)?.registrationRecord).toBe(before);
  });

  it('wants the second factor when 2FA is on', async () => {
    server.enableTotp(EMAIL);
    const input = {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      userKey: fixture.registered.userKey,
      ksf: CHEAP_KSF,
    };
    expect(await errorCode(member.changePassword(input))).toBe('MFA_REQUIRED');
    expect(await errorCode(member.changePassword({ ...input, totpCode: '000000' }))).toBe(
      'INVALID_MFA_CODE',
    );
    await member.changePassword({ ...input, totpCode: TOTP_CODE });
    await signIn(fixture.http, { password: NEW_PASSWORD, totpCode: TOTP_CODE });
  });

  it('refuses a user key of another account, a weak KSF, and a different server key, committing nothing', async () => {
    const bob = await registeredMemberOnSameServer('bob@example.org');
    const bobsKey = (await signIn(fixture.http, { email: 'bob@example.org' })).userKey;
    expect(bob.user_id).not.toBe(fixture.registered.tokens.user_id);
    const input = {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      userKey: bobsKey,
      ksf: CHEAP_KSF,
    };
    server.calls.length = 0;
    expect(await errorCode(member.changePassword(input))).toBe('VALIDATION_FAILED');
    const weak = { 'argon2id-custom': { memory: 1024, iterations: 1, parallelism: 1 } };
    const userKey = fixture.registered.userKey;
    expect(await errorCode(member.changePassword({ ...input, userKey, ksf: weak }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(server.calls).toEqual([]);
    expect(
      await errorCode(
        member.changePassword({ ...input, userKey, expectedServerPublicKey: 'AAAA' }),
      ),
    ).toBe('SERVER_KEY_MISMATCH');
    expect(server.calls).toEqual(['change-password/initiate']);
    // The member's own key goes through.
    await member.changePassword({ ...input, userKey, ksf: CHEAP_KSF });
  });

  it('uses DEFAULT_KSF unless told otherwise', { timeout: 30_000 }, async () => {
    await member.changePassword({
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      userKey: fixture.registered.userKey,
    });
    expect(server.accounts.get(EMAIL)?.ksf).toEqual(DEFAULT_KSF);
    const session = await signIn(fixture.http, { password: NEW_PASSWORD });
    expect(sameUserKey(session.userKey, fixture.registered.userKey)).toBe(true);
  });

  it('refreshes an access token that expired during the slow part', async () => {
    const slow: OpaqueRunner = {
      ...inThreadOpaque,
      finishRegistration: async (input) => {
        fixture.clock.now += 11 * 60_000;
        return inThreadOpaque.finishRegistration(input);
      },
    };
    await member.changePassword({
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      userKey: fixture.registered.userKey,
      ksf: CHEAP_KSF,
      opaque: slow,
    });
    expect(server.calls).toEqual([
      'change-password/initiate',
      'refresh-token',
      'change-password/complete',
    ]);
  });

  it('is UNAUTHORIZED when signed out', async () => {
    await member.logout();
    expect(
      await errorCode(
        member.changePassword({
          currentPassword: PASSWORD,
          newPassword: NEW_PASSWORD,
          userKey: await generateUserKey(),
        }),
      ),
    ).toBe('UNAUTHORIZED');
  });
});

describe('changeEmail', () => {
  it('re-auths, confirms with the code from the new address, and can be reverted', async () => {
    const sent = await member.changeEmail({ password: PASSWORD, newEmail: 'ann@new.example' });
    expect(sent.status).toBe('code_sent');
    expect(server.calls).toEqual(['reauth/initiate', 'change-email/initiate']);
    expect(await errorCode(member.confirmEmailChange('000000'))).toBe('INVALID_CODE');
    await member.confirmEmailChange(EMAIL_CODE);
    expect(server.accounts.has('ann@new.example')).toBe(true);
    await signIn(fixture.http, { email: 'ann@new.example' });

    const [token] = [...server.revertTokens.keys()];
    const client = createClient({ baseUrl: BASE_URL, fetch: server.fetch });
    await client.auth.revertEmailChange(token ?? '');
    expect(server.accounts.has(EMAIL)).toBe(true);
    expect(await errorCode(member.sessions.list())).toBe('SESSION_REVOKED');
    expect(await errorCode(client.auth.revertEmailChange(token ?? ''))).toBe('INVALID_TOKEN');
  });

  it('a wrong password is INVALID_CREDENTIALS; 2FA wants a code', async () => {
    expect(
      await errorCode(member.changeEmail({ password: 'nope', newEmail: 'ann@new.example' })),
    ).toBe('INVALID_CREDENTIALS');
    expect(server.calls).toEqual(['reauth/initiate']);
    server.enableTotp(EMAIL, ['abcd-efgh']);
    expect(
      await errorCode(member.changeEmail({ password: PASSWORD, newEmail: 'ann@new.example' })),
    ).toBe('MFA_REQUIRED');
    await member.changeEmail({
      password: PASSWORD,
      newEmail: 'ann@new.example',
      backupCode: 'abcd-efgh',
    });
    expect(server.accounts.get(EMAIL)?.pendingEmail).toBe('ann@new.example');
  });
});

describe('deletion', () => {
  it('is requested and confirmed by e-mail, and cancelled from a signed-in device', async () => {
    const client = createClient({ baseUrl: BASE_URL, fetch: server.fetch });
    expect((await client.auth.requestDeletion(EMAIL)).status).toBe('code_sent');
    expect(await errorCode(client.auth.confirmDeletion({ email: EMAIL, code: '000000' }))).toBe(
      'INVALID_CODE',
    );
    const { deletion_due_at } = await client.auth.confirmDeletion({
      email: EMAIL,
      code: EMAIL_CODE,
    });
    expect(Date.parse(deletion_due_at) - fixture.clock.now).toBe(72 * 3600 * 1000);
    await member.cancelDeletion();
    expect(server.accounts.get(EMAIL)?.deletionDueAt).toBeUndefined();
    expect(await errorCode(member.cancelDeletion())).toBe('NOT_FOUND');
  });
});

describe('createClient().member', () => {
  it('gives one member client per session, with tokens from login', async () => {
    const client = createClient({ baseUrl: BASE_URL, fetch: server.fetch });
    const outcome = await client.auth.login({ email: EMAIL, password: PASSWORD });
    if (outcome.status !== 'authenticated') throw new Error('expected a session');
    const first = client.member(outcome.session);
    expect(client.member(outcome.session.tokens)).toBe(first);
    expect(client.member(fixture.registered)).not.toBe(first);
    const listed = await first.sessions.list();
    expect(listed.find((s) => s.current)?.id).toBe(outcome.session.tokens.session_id);
    await first.logout();
    expect(server.sessions.get(outcome.session.tokens.session_id)?.revoked).toBe(true);
  });
});

/** Registers another member on the same fake server; returns its tokens. */
async function registeredMemberOnSameServer(email: string) {
  const client = createClient({ baseUrl: BASE_URL, fetch: server.fetch });
  const registered = await client.auth.completeRegistration({
    email,
    code: EMAIL_CODE,
    password: PASSWORD,
    ksf: CHEAP_KSF,
  });
  return registered.tokens;
}
