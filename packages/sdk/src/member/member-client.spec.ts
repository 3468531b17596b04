import { afterEach, describe, expect, it } from 'vitest';
import { changePasswordCompleteSchema, DEFAULT_KSF } from '@cardcoop/contracts';
import { inThreadOpaque } from '../auth/opaque-runner.js';
import type { OpaqueRunner } from '../auth/opaque-runner.js';
import { createClient } from '../client.js';
import { generateUserKey, sameUserKey } from '../crypto/user-key.js';
import {
  Authenticator,
  CHEAP_KSF,
  countingRunner,
  enableTotp,
  errorCode,
  mailedCode,
  mailedToken,
  mailsTo,
  PASSWORD,
  registeredMember,
  restoreTime,
  serverPublicKey,
  sessionStatus,
  signIn,
  uniqueEmail,
} from '../testing/member-fixture.js';
import { createMemberClient } from './member-client.js';
import { memberEachTest } from '../testing/member-scene.js';

const NEW_PASSWORD = 'a new and better passphrase';

const scene = memberEachTest();

afterEach(restoreTime);

/** A client without a session on the member's device. */
const client = () => createClient({ baseUrl: scene.server.url, fetch: scene.fixture.wire.fetch });

/** A code that is not `code`. */
const other = (code: string) => (code === '000000' ? '000001' : '000000');

describe('sessions', () => {
  it('lists, revokes one, revokes the others; a foreign id is NOT_FOUND', async () => {
    const second = await signIn(scene.fixture, { deviceName: 'Phone' });
    const third = await signIn(scene.fixture);
    const listed = await scene.member.sessions.list();
    expect(listed).toHaveLength(3);
    expect(listed.filter((s) => s.current).map((s) => s.id)).toEqual([
      scene.fixture.registered.tokens.session_id,
    ]);
    expect(listed.find((s) => s.id === second.tokens.session_id)?.device_name).toBe('Phone');

    await scene.member.sessions.revoke(second.tokens.session_id);
    expect((await scene.member.sessions.list()).map((s) => s.id).sort()).toEqual(
      [scene.fixture.registered.tokens.session_id, third.tokens.session_id].sort(),
    );
    expect(await errorCode(scene.member.sessions.revoke(second.tokens.session_id))).toBe(
      'NOT_FOUND',
    );

    const bob = await registeredMember(scene.server);
    expect(await errorCode(scene.member.sessions.revoke(bob.registered.tokens.session_id))).toBe(
      'NOT_FOUND',
    );

    await scene.member.sessions.revokeOthers();
    expect((await scene.member.sessions.list()).map((s) => s.id)).toEqual([
      scene.fixture.registered.tokens.session_id,
    ]);
    expect(await sessionStatus(scene.server, third.tokens)).toBe('SESSION_REVOKED');
    expect(await sessionStatus(scene.server, bob.registered.tokens)).toBe('LIVE');
  });

  it('revoking the current session signs out here', async () => {
    await scene.member.sessions.revoke(scene.fixture.registered.tokens.session_id);
    expect(await scene.member.session.current()).toBeUndefined();
    expect(await errorCode(scene.member.sessions.list())).toBe('SESSION_REVOKED');
    expect(await sessionStatus(scene.server, scene.fixture.registered.tokens)).toBe(
      'SESSION_REVOKED',
    );
  });
});

describe('totp', () => {
  it('sets up after a password proof, confirms, regenerates backup codes and disables', async () => {
    expect(await scene.member.totp.status()).toEqual({ enabled: false, backup_codes_left: 0 });
    const setup = await scene.member.totp.setup({ password: PASSWORD });
    expect(scene.fixture.wire.calls).toEqual(['GET totp', 'reauth/initiate', 'totp/setup']);
    expect(setup.otpauth_url).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.otpauth_url).toContain(`secret=${setup.secret}`);
    const app = new Authenticator(setup.secret);
    expect(await errorCode(scene.member.totp.confirm(setup.setup_id, app.wrong()))).toBe(
      'INVALID_MFA_CODE',
    );
    expect(await errorCode(scene.member.totp.confirm('another-setup', app.wrong()))).toBe(
      'REAUTH_REQUIRED',
    );
    const { backup_codes } = await scene.member.totp.confirm(setup.setup_id, app.next());
    expect(backup_codes).toHaveLength(10);
    expect(await scene.member.totp.status()).toEqual({ enabled: true, backup_codes_left: 10 });

    const first = backup_codes[0] ?? '';
    expect(
      await errorCode(
        scene.member.totp.regenerateBackupCodes({ password: 'nope', backupCode: first }),
      ),
    ).toBe('INVALID_CREDENTIALS');
    const regenerated = await scene.member.totp.regenerateBackupCodes({
      password: PASSWORD,
      backupCode: first,
    });
    expect(regenerated.backup_codes).toHaveLength(10);
    expect(regenerated.backup_codes).not.toContain(first);
    const sent = scene.fixture.wire.requests
      .filter((r) => r.path === 'auth/totp/backup-codes')
      .at(-1)?.body;
    expect(sent).toMatchObject({ backup_code: first });
    expect(Object.keys(sent as object).sort()).toEqual([
      'backup_code',
      'finish_login_request',
      'reauth_id',
    ]);
    expect(await errorCode(scene.member.totp.disable({ backupCode: first }))).toBe(
      'INVALID_MFA_CODE',
    );
    expect(await errorCode(scene.member.totp.disable({ totpCode: app.wrong() }))).toBe(
      'INVALID_MFA_CODE',
    );
    await scene.member.totp.disable({ totpCode: app.next() });
    expect((await scene.member.totp.status()).enabled).toBe(false);
    expect(scene.fixture.wire.requests.find((r) => r.path === 'auth/totp/disable')?.body).toEqual({
      backup_code: first,
    });
  });

  it('refuses to set up with a wrong password, sending nothing after the proof fails', async () => {
    expect(await errorCode(scene.member.totp.setup({ password: 'nope' }))).toBe(
      'INVALID_CREDENTIALS',
    );
    expect(scene.fixture.wire.calls).toEqual(['reauth/initiate']);
    expect(await scene.member.totp.status()).toEqual({ enabled: false, backup_codes_left: 0 });
  });

  it('undoes an enrolment with the mailed link, once, without a session', async () => {
    await enableTotp(scene.fixture);
    const token = await mailedToken(scene.server, scene.fixture.email, '/id/revert-totp');
    await client().auth.revertTotp(token);
    expect(await errorCode(scene.member.sessions.list())).toBe('SESSION_REVOKED');
    // 2FA is off: the password alone signs in again.
    await signIn(scene.fixture);
    expect(await errorCode(client().auth.revertTotp(token))).toBe('INVALID_TOKEN');
    expect(scene.fixture.wire.requests.find((r) => r.path === 'auth/totp/revert')?.body).toEqual({
      token,
    });
  });
});

describe('changePassword', () => {
  it('re-wraps the same user key: the new password unlocks it, the old one fails', async () => {
    const { counts, runner } = countingRunner();
    const ended = await scene.member.changePassword({
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      userKey: scene.fixture.registered.userKey,
      ksf: CHEAP_KSF,
      opaque: runner,
      expectedServerPublicKey: await serverPublicKey(scene.server),
    });
    expect(ended).toEqual({ sessions_ended: 0 });
    expect(counts).toEqual({ finishLogin: 1, finishRegistration: 1 });
    expect(scene.fixture.wire.calls).toEqual([
      'change-password/initiate',
      'change-password/complete',
    ]);

    const session = await signIn(scene.fixture, { password: NEW_PASSWORD });
    expect(sameUserKey(session.userKey, scene.fixture.registered.userKey)).toBe(true);
    expect(await errorCode(signIn(scene.fixture))).toBe('INVALID_CREDENTIALS');
    // The Recovery Kit is untouched: it still recovers the account.
    await client().auth.requestRecovery(scene.fixture.email);
    const recovered = await client().auth.recover({
      email: scene.fixture.email,
      code: await mailedCode(scene.server, scene.fixture.email),
      recoveryKey: scene.fixture.registered.recoveryKit.recoveryKey,
      newPassword: PASSWORD,
      ksf: CHEAP_KSF,
    });
    expect(recovered.status).toBe('recovered');
  });

  it("re-wraps an unlocked client's own user key; a locked client is UNAUTHORIZED and sends nothing", async () => {
    const input = { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, ksf: CHEAP_KSF };
    const locked = createMemberClient({
      baseUrl: scene.server.url,
      fetch: scene.fixture.wire.fetch,
      tokens: scene.fixture.registered.tokens,
      now: () => scene.fixture.clock.now,
    });
    try {
      expect(await errorCode(locked.changePassword(input))).toBe('UNAUTHORIZED');
    } finally {
      locked.session.close();
    }
    expect(scene.fixture.wire.calls).toEqual([]);

    await scene.member.changePassword(input);
    const session = await signIn(scene.fixture, { password: NEW_PASSWORD });
    expect(sameUserKey(session.userKey, scene.fixture.registered.userKey)).toBe(true);
  });

  it('sends a contract-valid body with the chosen KSF, no secrets, and can end other sessions', async () => {
    const other = await signIn(scene.fixture);
    const ended = await scene.member.changePassword({
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      userKey: scene.fixture.registered.userKey,
      ksf: CHEAP_KSF,
      endOtherSessions: true,
    });
    expect(ended).toEqual({ sessions_ended: 1 });
    const sent = scene.fixture.wire.requests.find(
      (r) => r.path === 'auth/change-password/complete',
    );
    const body = changePasswordCompleteSchema.parse(sent?.body);
    expect(body.ksf).toEqual(CHEAP_KSF);
    expect(body.end_other_sessions).toBe(true);
    expect(await sessionStatus(scene.server, other.tokens)).toBe('SESSION_REVOKED');
    expect(await sessionStatus(scene.server, scene.fixture.registered.tokens)).toBe('LIVE');
    for (const request of scene.fixture.wire.requests) {
      const text = JSON.stringify(request.body ?? null);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(NEW_PASSWORD);
    }
  });

  it('a wrong current password is INVALID_CREDENTIALS and changes nothing', async () => {
    expect(
      await errorCode(
        scene.member.changePassword({
          currentPassword: 'not my password',
          newPassword: NEW_PASSWORD,
          userKey: scene.fixture.registered.userKey,
          ksf: CHEAP_KSF,
        }),
      ),
    ).toBe('INVALID_CREDENTIALS');
    expect(scene.fixture.wire.calls).toEqual(['change-password/initiate']);
    await signIn(scene.fixture);
  });

  it('wants the second factor when 2FA is on', async () => {
    const { app } = await enableTotp(scene.fixture);
    const input = {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      userKey: scene.fixture.registered.userKey,
      ksf: CHEAP_KSF,
    };
    expect(await errorCode(scene.member.changePassword(input))).toBe('MFA_REQUIRED');
    expect(await errorCode(scene.member.changePassword({ ...input, totpCode: app.wrong() }))).toBe(
      'INVALID_MFA_CODE',
    );
    await scene.member.changePassword({ ...input, totpCode: app.next() });
    await signIn(scene.fixture, { password: NEW_PASSWORD, totpCode: app.next() });
  });

  it('refuses a user key of another account, a weak KSF, and a different server key, committing nothing', async () => {
    const bob = await registeredMember(scene.server);
    const input = {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      userKey: bob.registered.userKey,
      ksf: CHEAP_KSF,
    };
    expect(await errorCode(scene.member.changePassword(input))).toBe('VALIDATION_FAILED');
    const weak = { 'argon2id-custom': { memory: 1024, iterations: 1, parallelism: 1 } };
    const userKey = scene.fixture.registered.userKey;
    expect(await errorCode(scene.member.changePassword({ ...input, userKey, ksf: weak }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(scene.fixture.wire.calls).toEqual([]);
    expect(
      await errorCode(
        scene.member.changePassword({ ...input, userKey, expectedServerPublicKey: 'AAAA' }),
      ),
    ).toBe('SERVER_KEY_MISMATCH');
    expect(scene.fixture.wire.calls).toEqual(['change-password/initiate']);
    // The member's own key goes through.
    await scene.member.changePassword({ ...input, userKey, ksf: CHEAP_KSF });
  });

  it('uses DEFAULT_KSF unless told otherwise', { timeout: 30_000 }, async () => {
    await scene.member.changePassword({
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      userKey: scene.fixture.registered.userKey,
    });
    const sent = scene.fixture.wire.requests.find(
      (r) => r.path === 'auth/change-password/complete',
    );
    expect(changePasswordCompleteSchema.parse(sent?.body).ksf).toEqual(DEFAULT_KSF);
    const session = await signIn(scene.fixture, { password: NEW_PASSWORD });
    expect(sameUserKey(session.userKey, scene.fixture.registered.userKey)).toBe(true);
  });

  it('refreshes an access token that expired during the slow part', async () => {
    const slow: OpaqueRunner = {
      ...inThreadOpaque,
      finishRegistration: async (input) => {
        scene.fixture.clock.now += 11 * 60_000;
        return inThreadOpaque.finishRegistration(input);
      },
    };
    await scene.member.changePassword({
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      userKey: scene.fixture.registered.userKey,
      ksf: CHEAP_KSF,
      opaque: slow,
    });
    expect(scene.fixture.wire.calls).toEqual([
      'change-password/initiate',
      'refresh-token',
      'change-password/complete',
    ]);
  });

  it('is UNAUTHORIZED when signed out', async () => {
    await scene.member.logout();
    expect(
      await errorCode(
        scene.member.changePassword({
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
    const newEmail = uniqueEmail('new');
    const sent = await scene.member.changeEmail({ password: PASSWORD, newEmail });
    expect(sent.status).toBe('code_sent');
    expect(scene.fixture.wire.calls).toEqual(['reauth/initiate', 'change-email/initiate']);
    const code = await mailedCode(scene.server, newEmail);
    expect(await errorCode(scene.member.confirmEmailChange(other(code)))).toBe('INVALID_CODE');
    await scene.member.confirmEmailChange(code);
    await signIn(scene.fixture, { email: newEmail });

    const token = await mailedToken(scene.server, scene.fixture.email, '/id/revert-email');
    await client().auth.revertEmailChange(token);
    await signIn(scene.fixture);
    expect(await errorCode(signIn(scene.fixture, { email: newEmail }))).toBe('INVALID_CREDENTIALS');
    expect(await errorCode(scene.member.sessions.list())).toBe('SESSION_REVOKED');
    expect(await errorCode(client().auth.revertEmailChange(token))).toBe('INVALID_TOKEN');
  });

  it('a wrong password is INVALID_CREDENTIALS; 2FA wants a code', async () => {
    const newEmail = uniqueEmail('new');
    expect(await errorCode(scene.member.changeEmail({ password: 'nope', newEmail }))).toBe(
      'INVALID_CREDENTIALS',
    );
    expect(scene.fixture.wire.calls).toEqual(['reauth/initiate']);
    const { backupCodes } = await enableTotp(scene.fixture);
    expect(await errorCode(scene.member.changeEmail({ password: PASSWORD, newEmail }))).toBe(
      'MFA_REQUIRED',
    );
    expect(await mailsTo(scene.server, newEmail)).toEqual([]);
    await scene.member.changeEmail({ password: PASSWORD, newEmail, backupCode: backupCodes[0]! });
    expect(await mailedCode(scene.server, newEmail)).toMatch(/^\d{6}$/);
  });
});

describe('deletion', () => {
  it('is requested and confirmed by e-mail, and cancelled from a signed-in device', async () => {
    const auth = client().auth;
    expect((await auth.requestDeletion(scene.fixture.email)).status).toBe('code_sent');
    const code = await mailedCode(scene.server, scene.fixture.email);
    expect(
      await errorCode(auth.confirmDeletion({ email: scene.fixture.email, code: other(code) })),
    ).toBe('INVALID_CODE');
    const before = Date.now();
    const { deletion_due_at } = await auth.confirmDeletion({ email: scene.fixture.email, code });
    const delay = 72 * 3600 * 1000;
    expect(Date.parse(deletion_due_at)).toBeGreaterThanOrEqual(before + delay);
    expect(Date.parse(deletion_due_at)).toBeLessThanOrEqual(Date.now() + delay);
    expect(await scene.member.deletionStatus()).toEqual({ deletion_due_at });
    await scene.member.cancelDeletion();
    expect(await scene.member.deletionStatus()).toEqual({ deletion_due_at: null });
    expect(await errorCode(scene.member.cancelDeletion())).toBe('NOT_FOUND');
  });
});

describe('createClient().member', () => {
  it('gives one member client per session, with tokens from login', async () => {
    const auth = client();
    const outcome = await auth.auth.login({ email: scene.fixture.email, password: PASSWORD });
    if (outcome.status !== 'authenticated') throw new Error('expected a session');
    const first = auth.member(outcome.session);
    expect(auth.member(outcome.session.tokens)).toBe(first);
    expect(auth.member(scene.fixture.registered)).not.toBe(first);
    const listed = await first.sessions.list();
    expect(listed.find((s) => s.current)?.id).toBe(outcome.session.tokens.session_id);
    await first.logout();
    expect(await sessionStatus(scene.server, outcome.session.tokens)).toBe('SESSION_REVOKED');
  });
});
