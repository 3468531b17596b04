import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import * as opaque from '@serenity-kit/opaque';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenResponseSchema } from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import type { PendingEvent } from '../../src/modules/audit/audit.repository.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { AccountsRepository } from '../../src/modules/auth/accounts.repository.js';
import { DeletionService } from '../../src/modules/auth/deletion.service.js';
import { SessionsService } from '../../src/modules/sessions/sessions.service.js';
import { base32Decode, codeAt, stepAt } from '../../src/modules/totp/totp.js';
import {
  fakeEnvelope,
  latestCode,
  loginRaw,
  mailsTo,
  newRecoveryProof,
  post,
  registerRaw,
  TEST_KSF,
} from '../support/raw-member.js';
import { enableTotpRaw } from '../support/raw-totp.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
beforeAll(async () => {
  server = await startTestApp();
  await opaque.ready;
});
afterAll(() => server.close());

const run = (statement: string) =>
  server.app.get<Database>(DATABASE).primary.execute(sql.raw(statement));
/** Rows of a query. */
async function select<T>(query: SQL): Promise<T[]> {
  const result = (await server.app.get<Database>(DATABASE).primary.execute(query)) as unknown as {
    rows: T[];
  };
  return result.rows;
}
/** The data of a subject's events of one type, oldest first. */
const eventsOf = (userId: string, type: string) =>
  select<{ data: Record<string, unknown> }>(
    sql`select data from audit_events where subject_id = ${userId} and type = ${type} order by seq`,
  ).then((rows) => rows.map((row) => row.data));
/** How each of the sessions ended (null while live), in the order given. */
const revokedReasons = async (ids: string[]) => {
  const rows = await select<{ id: string; reason: string | null }>(
    sql`select id, revoked_reason as reason from sessions where id in ${ids}`,
  );
  return ids.map((id) => rows.find((row) => row.id === id)?.reason);
};
/** An event the database refuses (its time is no time): the statement appending it fails. */
const refused = (event: PendingEvent): PendingEvent => ({
  ...event,
  draft: { ...event.draft, auditAt: 'not a time' },
});
const forcedFailure = () => {
  throw new Error('forced failure');
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function enableTotp(accessToken: string, password: string): Promise<string> {
  return (await enableTotpRaw(server.url, accessToken, password)).secret;
}
const nextCode = (secret: string, offset = 1) =>
  codeAt(base32Decode(secret), stepAt(Date.now() / 1000) + offset);

/** Both OPAQUE starts of a password change, and the client's finishes. */
async function startPasswordChange(accessToken: string, current: string, next: string) {
  const login = opaque.client.startLogin({ password: current });
  const registration = opaque.client.startRegistration({ password: next });
  const started = (await (
    await post(
      server.url,
      '/api/v1/auth/change-password/initiate',
      {
        start_login_request: login.startLoginRequest,
        registration_request: registration.registrationRequest,
      },
      accessToken,
    )
  ).json()) as {
    change_id: string;
    login_response: string;
    registration_response: string;
    ksf: typeof TEST_KSF;
  };
  const finish = opaque.client.finishLogin({
    clientLoginState: login.clientLoginState,
    loginResponse: started.login_response,
    password: current,
    keyStretching: started.ksf,
  });
  const record = opaque.client.finishRegistration({
    password: next,
    clientRegistrationState: registration.clientRegistrationState,
    registrationResponse: started.registration_response,
    keyStretching: TEST_KSF,
  });
  return { started, finish, record };
}

describe('password change', () => {
  it('needs the current password, swaps record and wrap, ends other sessions when asked', async () => {
    const email = 'change.pw@coop.example';
    const { tokens } = await registerRaw(server.url, email, 'old password');
    const other = await loginRaw(server.url, email, 'old password');
    const { started, finish, record } = await startPasswordChange(
      tokens.access_token,
      'old password',
      'new password',
    );
    const newWrap = fakeEnvelope('rewrapped');
    const done = await post(
      server.url,
      '/api/v1/auth/change-password/complete',
      {
        change_id: started.change_id,
        finish_login_request: finish!.finishLoginRequest,
        registration_record: record.registrationRecord,
        ksf: TEST_KSF,
        wrapped_user_key: newWrap,
        end_other_sessions: true,
      },
      tokens.access_token,
    );
    expect(done.status).toBe(200);
    expect((await done.json()).sessions_ended).toBe(1);
    // The swap, the other session's end and both events committed together.
    expect(await revokedReasons([tokens.session_id, other.json.session_id])).toEqual([
      null,
      'revoked_by_member',
    ]);
    expect(await eventsOf(tokens.user_id, 'session.revoked_others')).toEqual([{ count: 1 }]);
    expect(await eventsOf(tokens.user_id, 'password.changed')).toEqual([{ sessions_ended: 1 }]);
    expect(
      (await fetch(`${server.url}/api/v1/sessions`, { headers: bearer(other.json.access_token) }))
        .status,
    ).toBe(401);
    expect((await loginRaw(server.url, email, 'old password')).response.status).toBe(401);
    const fresh = await loginRaw(server.url, email, 'new password');
    expect(fresh.response.status).toBe(200);
    expect(fresh.json.wrapped_user_key).toEqual(newWrap);
    expect(
      (await mailsTo(server.url, email)).some((m) => /Пароль CARD.COOP изменён/.test(m.subject)),
    ).toBe(true);
  });

  it('swaps credentials, ends the other sessions and writes the events in one transaction: a failure leaves none', async () => {
    const email = 'change.pw.atomic@coop.example';
    const { tokens } = await registerRaw(server.url, email, 'atomic password');
    const other = (await loginRaw(server.url, email, 'atomic password')).json;
    const accounts = server.app.get(AccountsRepository);
    const sessions = server.app.get(SessionsService);
    const before = (await accounts.findById(tokens.user_id))!;
    const member = { userId: tokens.user_id, sessionId: tokens.session_id };
    await expect(
      accounts.replaceCredentials(
        tokens.user_id,
        before.credentialsVersion,
        {
          opaqueRecord: before.opaqueRecord,
          opaqueSetupVersion: before.opaqueSetupVersion,
          ksf: before.ksf,
          wrappedUserKey: fakeEnvelope('never stored'),
        },
        (tx) => sessions.revokeOthers(member, '203.0.113.9', tx),
        forcedFailure,
      ),
    ).rejects.toThrow('forced failure');
    const after = (await accounts.findById(tokens.user_id))!;
    expect(after.credentialsVersion).toBe(before.credentialsVersion);
    expect(after.wrappedUserKey).toEqual(before.wrappedUserKey);
    expect(await revokedReasons([other.session_id])).toEqual([null]);
    expect(await eventsOf(tokens.user_id, 'session.revoked_others')).toEqual([]);
    expect(await eventsOf(tokens.user_id, 'password.changed')).toEqual([]);
    expect((await loginRaw(server.url, email, 'atomic password')).response.status).toBe(200);
  });

  it('refuses a stolen access token without the password proof and changes nothing', async () => {
    const email = 'stolen.token@coop.example';
    const { tokens } = await registerRaw(server.url, email, 'victim password');
    // The thief can start a change but cannot finish the OPAQUE login without the password.
    const { started, record } = await startPasswordChange(
      tokens.access_token,
      'a guess',
      'thief password',
    );
    const forged = await post(
      server.url,
      '/api/v1/auth/change-password/complete',
      {
        change_id: started.change_id,
        finish_login_request: 'A'.repeat(171),
        registration_record: record.registrationRecord,
        ksf: TEST_KSF,
        wrapped_user_key: fakeEnvelope('thief'),
      },
      tokens.access_token,
    );
    expect(forged.status).toBe(401);
    expect((await forged.json()).code).toBe('INVALID_CREDENTIALS');
    const made = await post(
      server.url,
      '/api/v1/auth/change-password/complete',
      {
        change_id: 'made-up',
        finish_login_request: 'AAAA',
        registration_record: record.registrationRecord,
        ksf: TEST_KSF,
        wrapped_user_key: fakeEnvelope('thief'),
      },
      tokens.access_token,
    );
    expect((await made.json()).code).toBe('LOGIN_EXPIRED');
    expect((await loginRaw(server.url, email, 'victim password')).response.status).toBe(200);
    expect((await loginRaw(server.url, email, 'thief password')).response.status).toBe(401);
  });

  it('requires the second factor when 2FA is on', async () => {
    const email = 'change.pw.totp@coop.example';
    const { tokens } = await registerRaw(server.url, email, 'old totp password');
    const secret = await enableTotp(tokens.access_token, 'old totp password');
    const attempt = async (factor: Record<string, string>) => {
      const { started, finish, record } = await startPasswordChange(
        tokens.access_token,
        'old totp password',
        'new totp password',
      );
      return post(
        server.url,
        '/api/v1/auth/change-password/complete',
        {
          change_id: started.change_id,
          finish_login_request: finish!.finishLoginRequest,
          registration_record: record.registrationRecord,
          ksf: TEST_KSF,
          wrapped_user_key: fakeEnvelope('x'),
          ...factor,
        },
        tokens.access_token,
      );
    };
    expect((await (await attempt({})).json()).code).toBe('MFA_REQUIRED');
    expect((await attempt({ totp_code: nextCode(secret) })).status).toBe(200);
  });
});

describe('recovery with the Recovery Kit', () => {
  async function verify(email: string, proof: string, factor: Record<string, string> = {}) {
    const registration = opaque.client.startRegistration({ password: 'recovered password' });
    const response = await post(server.url, '/api/v1/auth/recovery/verify', {
      email,
      code: await latestCode(server.url, email),
      recovery_proof: proof,
      registration_request: registration.registrationRequest,
      ...factor,
    });
    return { response, registration };
  }

  it('replaces password and kit with the user key intact, ending every session', async () => {
    const email = 'recover.me@coop.example';
    const registered = await registerRaw(server.url, email, 'forgotten password');
    expect((await post(server.url, '/api/v1/auth/recovery/initiate', { email })).status).toBe(200);

    const wrongKey = await verify(email, newRecoveryProof().proof);
    expect((await wrongKey.response.json()).code).toBe('INVALID_RECOVERY_KEY');

    const { response, registration } = await verify(email, registered.recoveryProof);
    expect(response.status).toBe(200);
    const verified = (await response.json()) as {
      recovery_id: string;
      recovery_wrapped_user_key: unknown;
      registration_response: string;
    };
    expect(verified.recovery_wrapped_user_key).toEqual(fakeEnvelope(`recovery-of-${email}`));
    const { registrationRecord } = opaque.client.finishRegistration({
      password: 'recovered password',
      clientRegistrationState: registration.clientRegistrationState,
      registrationResponse: verified.registration_response,
      keyStretching: TEST_KSF,
    });
    const kit = newRecoveryProof();
    const done = await post(server.url, '/api/v1/auth/recovery/complete', {
      recovery_id: verified.recovery_id,
      registration_record: registrationRecord,
      ksf: TEST_KSF,
      wrapped_user_key: fakeEnvelope('after-recovery'),
      recovery: { wrapped_user_key: fakeEnvelope('new-kit'), auth_hash: kit.authHash },
    });
    expect(done.status).toBe(201);
    tokenResponseSchema.parse(await done.json());
    expect(await revokedReasons([registered.tokens.session_id])).toEqual(['recovery']);
    expect(await eventsOf(registered.userId, 'recovery.completed')).toEqual([
      { sessions_ended: 1 },
    ]);
    expect(
      (
        await fetch(`${server.url}/api/v1/sessions`, {
          headers: bearer(registered.tokens.access_token),
        })
      ).status,
    ).toBe(401);
    expect((await loginRaw(server.url, email, 'forgotten password')).response.status).toBe(401);
    expect((await loginRaw(server.url, email, 'recovered password')).json.wrapped_user_key).toEqual(
      fakeEnvelope('after-recovery'),
    );
  });

  it('never bypasses 2FA: without the code the recovery stops at MFA_REQUIRED', async () => {
    const email = 'recover.totp@coop.example';
    const registered = await registerRaw(server.url, email, 'lost totp password');
    const secret = await enableTotp(registered.tokens.access_token, 'lost totp password');
    await post(server.url, '/api/v1/auth/recovery/initiate', { email });
    const without = await verify(email, registered.recoveryProof);
    expect(without.response.status).toBe(401);
    expect((await without.response.json()).code).toBe('MFA_REQUIRED');
    const withCode = await verify(email, registered.recoveryProof, { totp_code: nextCode(secret) });
    expect(withCode.response.status).toBe(200);
  });

  it('answers an unknown address like a known one and then refuses its codes', async () => {
    const ghost = 'ghost.recovery@coop.example';
    const known = 'known.recovery@coop.example';
    await registerRaw(server.url, known, 'known password');
    const forKnown = await post(server.url, '/api/v1/auth/recovery/initiate', { email: known });
    const forGhost = await post(server.url, '/api/v1/auth/recovery/initiate', { email: ghost });
    expect([forKnown.status, forGhost.status]).toEqual([200, 200]);
    expect(await forGhost.json()).toEqual(await forKnown.json());
    expect(await mailsTo(server.url, ghost)).toEqual([]);
    const guess = await post(server.url, '/api/v1/auth/recovery/verify', {
      email: ghost,
      code: '123456',
      recovery_proof: newRecoveryProof().proof,
      registration_request: 'AAAA',
    });
    expect((await guess.json()).code).toBe('INVALID_CODE');
  });
});

describe('account deletion when everything is lost', () => {
  it('waits 72 hours, can be cancelled from a signed-in device, then removes the account for good', async () => {
    const email = 'delete.me@coop.example';
    const { tokens } = await registerRaw(server.url, email, 'soon gone');
    await post(server.url, '/api/v1/auth/deletion/initiate', { email });
    const confirmed = await post(server.url, '/api/v1/auth/deletion/confirm', {
      email,
      code: await latestCode(server.url, email),
    });
    const { deletion_due_at } = (await confirmed.json()) as { deletion_due_at: string };
    expect(new Date(deletion_due_at).getTime() - Date.now()).toBeGreaterThan(71 * 3_600_000);
    // Every signed-in device can see that the deletion is pending, and when it is due.
    const status = async () =>
      (await fetch(`${server.url}/api/v1/auth/deletion`, { headers: bearer(tokens.access_token) }))
        .json()
        .then((body) => body as unknown);
    expect(await status()).toEqual({ deletion_due_at });

    expect(
      (
        await fetch(`${server.url}/api/v1/auth/deletion`, {
          method: 'DELETE',
          headers: bearer(tokens.access_token),
        })
      ).status,
    ).toBe(204);
    expect(await status()).toEqual({ deletion_due_at: null });
    await run(`update email_challenges set created_at = created_at - interval '2 minutes'`);
    await post(server.url, '/api/v1/auth/deletion/initiate', { email });
    await post(server.url, '/api/v1/auth/deletion/confirm', {
      email,
      code: await latestCode(server.url, email),
    });
    // Nothing happens before the due time; after it, the sweep deletes.
    const deletion = server.app.get(DeletionService);
    expect(await deletion.sweep()).toEqual([]);
    await run(
      `update users set deletion_due_at = now() - interval '1 minute' where deletion_due_at is not null`,
    );
    expect(await deletion.sweep()).toHaveLength(1);
    expect((await loginRaw(server.url, email, 'soon gone')).response.status).toBe(401);
    expect(
      (await fetch(`${server.url}/api/v1/sessions`, { headers: bearer(tokens.access_token) }))
        .status,
    ).toBe(401);

    // The address may register anew, inheriting nothing.
    await run(`update email_challenges set created_at = created_at - interval '2 minutes'`);
    const again = await registerRaw(server.url, email, 'a new beginning');
    expect(again.userId).not.toBe(tokens.user_id);
  });

  it('schedules, cancels and carries out a deletion each with its audit event in one transaction: a failure leaves neither', async () => {
    const email = 'delete.atomic@coop.example';
    const { tokens } = await registerRaw(server.url, email, 'atomic deletion');
    const userId = tokens.user_id;
    const accounts = server.app.get(AccountsRepository);
    const audit = server.app.get(AuditService);
    /** When the account is due for deletion (null: not pending; undefined: no account). */
    const dueAt = async () => {
      const [row] = await select<{ due: string | null }>(
        sql`select deletion_due_at as due from users where id = ${userId}`,
      );
      return row && (row.due === null ? null : new Date(row.due).toISOString());
    };

    const due = new Date(Date.now() + 3_600_000);
    const scheduled = audit.eventFor(userId, 'deletion.scheduled', { due: due.toISOString() });
    await expect(accounts.scheduleDeletion(userId, due, refused(scheduled))).rejects.toThrow();
    expect(await dueAt()).toBeNull();
    expect(await eventsOf(userId, 'deletion.scheduled')).toEqual([]);
    await post(server.url, '/api/v1/auth/deletion/initiate', { email });
    const confirmed = await post(server.url, '/api/v1/auth/deletion/confirm', {
      email,
      code: await latestCode(server.url, email),
    });
    const { deletion_due_at } = (await confirmed.json()) as { deletion_due_at: string };
    expect(await dueAt()).toBe(deletion_due_at);
    expect(await eventsOf(userId, 'deletion.scheduled')).toEqual([{ due: deletion_due_at }]);

    const cancelled = audit.eventFor(userId, 'deletion.cancelled');
    await expect(accounts.cancelDeletion(userId, refused(cancelled))).rejects.toThrow();
    expect(await dueAt()).toBe(deletion_due_at);
    expect(await eventsOf(userId, 'deletion.cancelled')).toEqual([]);
    const cancel = () =>
      fetch(`${server.url}/api/v1/auth/deletion`, {
        method: 'DELETE',
        headers: bearer(tokens.access_token),
      });
    expect((await cancel()).status).toBe(204);
    expect(await dueAt()).toBeNull();
    expect(await eventsOf(userId, 'deletion.cancelled')).toEqual([{}]);
    // Nothing pending any more: nothing changes, nothing is recorded.
    expect((await cancel()).status).toBe(404);
    expect(await eventsOf(userId, 'deletion.cancelled')).toHaveLength(1);

    await accounts.scheduleDeletion(userId, new Date(Date.now() - 60_000), scheduled);
    await expect(accounts.deleteDue(new Date(), forcedFailure)).rejects.toThrow('forced failure');
    expect(await dueAt()).not.toBeNull();
    expect(await eventsOf(userId, 'account.deleted')).toEqual([]);
    expect(await server.app.get(DeletionService).sweep()).toEqual([userId]);
    expect(await dueAt()).toBeUndefined();
    expect(await eventsOf(userId, 'account.deleted')).toEqual([{}]);
  });
});

describe('e-mail change', () => {
  it('moves the account to a confirmed new address and lets the old one revert it within 7 days', async () => {
    const oldEmail = 'old.address@coop.example';
    const newEmail = 'new.address@coop.example';
    const { tokens } = await registerRaw(server.url, oldEmail, 'email change password');
    const login = opaque.client.startLogin({ password: 'email change password' });
    const reauth = (await (
      await post(
        server.url,
        '/api/v1/auth/reauth/initiate',
        { start_login_request: login.startLoginRequest },
        tokens.access_token,
      )
    ).json()) as {
      reauth_id: string;
      login_response: string;
      ksf: typeof TEST_KSF;
    };
    const finish = opaque.client.finishLogin({
      clientLoginState: login.clientLoginState,
      loginResponse: reauth.login_response,
      password: 'email change password',
      keyStretching: reauth.ksf,
    });
    // A failure in the event step leaves the address as it was and no way back stored.
    const accounts = server.app.get(AccountsRepository);
    const user = (await accounts.findById(tokens.user_id))!;
    const changed = server.app.get(AuditService).eventFor(user.id, 'email.changed');
    await expect(
      accounts.changeEmail(
        user.id,
        { lookup: 'never-stored', sealed: 'never-stored' },
        {
          tokenHash: 'never-stored',
          oldLookup: user.emailLookup,
          oldSealed: user.emailSealed,
          expiresAt: new Date(Date.now() + 60_000),
        },
        refused(changed),
      ),
    ).rejects.toThrow();
    expect((await accounts.findById(user.id))!.emailLookup).toBe(user.emailLookup);
    expect(await select(sql`select 1 from email_reverts where user_id = ${user.id}`)).toEqual([]);
    expect(await eventsOf(user.id, 'email.changed')).toEqual([]);
    const initiated = await post(
      server.url,
      '/api/v1/auth/change-email/initiate',
      {
        new_email: newEmail,
        reauth_id: reauth.reauth_id,
        finish_login_request: finish!.finishLoginRequest,
      },
      tokens.access_token,
    );
    expect(initiated.status).toBe(200);
    const confirmed = await post(
      server.url,
      '/api/v1/auth/change-email/confirm',
      { code: await latestCode(server.url, newEmail) },
      tokens.access_token,
    );
    expect(confirmed.status).toBe(204);
    expect(await eventsOf(tokens.user_id, 'email.changed')).toEqual([{}]);
    expect((await loginRaw(server.url, newEmail, 'email change password')).response.status).toBe(
      200,
    );
    expect((await loginRaw(server.url, oldEmail, 'email change password')).response.status).toBe(
      401,
    );

    // Recovery and deletion wait out the revert window.
    await post(server.url, '/api/v1/auth/recovery/initiate', { email: newEmail });
    const held = await post(server.url, '/api/v1/auth/recovery/verify', {
      email: newEmail,
      code: await latestCode(server.url, newEmail),
      recovery_proof: newRecoveryProof().proof,
      registration_request: 'AAAA',
    });
    expect((await held.json()).code).toBe('ACCOUNT_CHANGE_PENDING');

    const notice = (await mailsTo(server.url, oldEmail)).find((m) =>
      m.text.includes('revert-email?token='),
    );
    const token = notice!.text.match(/token=([\w-]+)/)![1]!;
    // A failure in the event step leaves the link unused, the address and the sessions as they were.
    const sessions = server.app.get(SessionsService);
    const tokenHash = createHash('sha256').update(token).digest('base64url');
    await expect(
      accounts.revertEmail(
        tokenHash,
        (tx, userId) => sessions.revokeAll(tx, userId, 'email_reverted'),
        forcedFailure,
      ),
    ).rejects.toThrow('forced failure');
    const unused = sql`select used_at from email_reverts where token_hash = ${tokenHash}`;
    expect(await select(unused)).toEqual([{ used_at: null }]);
    expect(await revokedReasons([tokens.session_id])).toEqual([null]);
    expect(await eventsOf(tokens.user_id, 'email.reverted')).toEqual([]);
    expect((await loginRaw(server.url, newEmail, 'email change password')).response.status).toBe(
      200,
    );
    expect((await post(server.url, '/api/v1/auth/change-email/revert', { token })).status).toBe(
      204,
    );
    expect((await post(server.url, '/api/v1/auth/change-email/revert', { token })).status).toBe(
      401,
    );
    expect((await loginRaw(server.url, oldEmail, 'email change password')).response.status).toBe(
      200,
    );
    expect(
      (await fetch(`${server.url}/api/v1/sessions`, { headers: bearer(tokens.access_token) }))
        .status,
    ).toBe(401);
    expect(await revokedReasons([tokens.session_id])).toEqual(['email_reverted']);
    // Every session ended: the one registered, and the two sign-ins above.
    expect(await eventsOf(tokens.user_id, 'email.reverted')).toEqual([{ sessions_ended: 3 }]);
  });
});
