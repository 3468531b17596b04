import { sql } from 'drizzle-orm';
import { base64UrlEncode, CardCoopError, createClient, parseRecoveryKey } from '@cardcoop/sdk';
import type { CardCoopClient, MemberSession, SecondFactor, UserKey } from '@cardcoop/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userKeyBytes } from '../../../../packages/sdk/src/crypto/user-key.js';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { DeletionService } from '../../src/modules/auth/deletion.service.js';
import { base32Decode, codeAt, stepAt } from '../../src/modules/totp/totp.js';
import { dumpEveryTable } from '../support/database-dump.js';
import { POLICY_VERSION, TEST_KSF } from '../support/raw-member.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const errorCodeOf = (error: unknown) =>
  error instanceof CardCoopError ? error.code : String(error);

/**
 * One member's whole life through the SDK against the real server (real PostgreSQL and Redis
 * in CI), codes read from a real SMTP server.
 */
describe('member journey through the SDK', () => {
  let server: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let client: CardCoopClient;
  const email = 'journey@coop.example';
  const newEmail = 'journey.new@coop.example';
  let userKey: UserKey;
  let recoveryKey: string;
  let totpSecret: string;
  let backupCodes: string[];
  let session: MemberSession;

  const run = (statement: string) =>
    server.app.get<Database>(DATABASE).primary.execute(sql.raw(statement));
  const sameKey = (other: UserKey) => hex(userKeyBytes(other)) === hex(userKeyBytes(userKey));
  const login = async (address: string, password: string, factor?: SecondFactor) => {
    const outcome = await client.auth.login({ email: address, password, deviceName: 'journey' });
    if (outcome.status === 'authenticated') return outcome.session;
    if (!factor) throw new Error('this account needs a second factor');
    return outcome.mfa.complete(factor);
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestApp({ env: { SMTP_URL: sink.url } });
    client = createClient({ baseUrl: server.url, language: 'en' });
  });
  afterAll(async () => {
    await server.close();
    await sink.close();
  });

  it('registers with the mailed code and logs in to the same user key; the database holds no secret', async () => {
    await client.auth.startRegistration({ email, privacyVersion: POLICY_VERSION });
    const registered = await client.auth.completeRegistration({
      email,
      code: await sink.nextCode(email),
      password: 'first password',
      ksf: TEST_KSF,
    });
    userKey = registered.userKey;
    recoveryKey = registered.recoveryKit.recoveryKey;
    session = await login(email, 'first password');
    expect(sameKey(session.userKey)).toBe(true);

    const dump = (await dumpEveryTable(server)).toLowerCase();
    const recoverySecret = await parseRecoveryKey(recoveryKey);
    for (const secret of [
      'first password',
      email,
      hex(userKeyBytes(userKey)),
      base64UrlEncode(userKeyBytes(userKey)),
      recoveryKey,
      hex(recoverySecret),
      base64UrlEncode(recoverySecret),
    ]) {
      expect(dump).not.toContain(secret.toLowerCase());
    }
  });

  it('refreshes the access token and lists the sessions', async () => {
    const member = client.member(session);
    const before = session.tokens.refresh_token;
    const refreshed = await member.session.refresh();
    expect(refreshed.refresh_token).not.toBe(before);
    expect((await member.sessions.list()).find((s) => s.current)?.id).toBe(
      session.tokens.session_id,
    );
  });

  it('changes the password; the new one unlocks the same key, the old one fails', async () => {
    await client.member(session).changePassword({
      currentPassword: 'first password',
      newPassword: 'second password',
      userKey: session.userKey,
      ksf: TEST_KSF,
    });
    expect(errorCodeOf(await login(email, 'first password').catch((e: unknown) => e))).toBe(
      'INVALID_CREDENTIALS',
    );
    session = await login(email, 'second password');
    expect(sameKey(session.userKey)).toBe(true);
  });

  it('enables TOTP and then needs it to log in', async () => {
    const member = client.member(session);
    // Enrolling needs the password, not just the session's token.
    const setup = await member.totp.setup({ password: 'second password' });
    totpSecret = setup.secret;
    backupCodes = (
      await member.totp.confirm(
        setup.setup_id,
        codeAt(base32Decode(totpSecret), stepAt(Date.now() / 1000)),
      )
    ).backup_codes;
    const outcome = await client.auth.login({ email, password: 'second password' });
    expect(outcome.status).toBe('mfa_required');
    const nextCode = codeAt(base32Decode(totpSecret), stepAt(Date.now() / 1000) + 1);
    session = await login(email, 'second password', { totpCode: nextCode });
    expect(sameKey(session.userKey)).toBe(true);
  });

  it('recovers with the Recovery Kit, which needs the second factor, and keeps the same key', async () => {
    const oldSession = client.member(session);
    await client.auth.requestRecovery(email);
    const input = {
      email,
      code: await sink.nextCode(email),
      recoveryKey,
      newPassword: 'recovered password',
      ksf: TEST_KSF,
    };
    const outcome = await client.auth.recover(input);
    expect(outcome.status).toBe('mfa_required');
    if (outcome.status !== 'mfa_required') return;
    const recovered = await outcome.mfa.complete({ backupCode: backupCodes[0]! });
    expect(sameKey(recovered.userKey)).toBe(true);
    expect(recovered.recoveryKit.recoveryKey).not.toBe(recoveryKey);
    recoveryKey = recovered.recoveryKit.recoveryKey;
    expect(errorCodeOf(await oldSession.sessions.list().catch((e: unknown) => e))).toBe(
      'SESSION_REVOKED',
    );
    session = recovered;
  });

  it('changes the e-mail address and logs in with the new one', async () => {
    const member = client.member(session);
    await member.changeEmail({
      password: 'recovered password',
      newEmail,
      backupCode: backupCodes[1]!,
    });
    await member.confirmEmailChange(await sink.nextCode(newEmail));
    session = await login(newEmail, 'recovered password', { backupCode: backupCodes[2]! });
    expect(sameKey(session.userKey)).toBe(true);
    expect(errorCodeOf(await login(email, 'recovered password').catch((e: unknown) => e))).toBe(
      'INVALID_CREDENTIALS',
    );
  });

  it('lists and revokes sessions', async () => {
    const other = await login(newEmail, 'recovered password', { backupCode: backupCodes[3]! });
    const member = client.member(session);
    const ids = (await member.sessions.list()).map((s) => s.id);
    expect(ids).toEqual(
      expect.arrayContaining([session.tokens.session_id, other.tokens.session_id]),
    );
    await member.sessions.revoke(other.tokens.session_id);
    expect(
      errorCodeOf(
        await client
          .member(other)
          .sessions.list()
          .catch((e: unknown) => e),
      ),
    ).toBe('SESSION_REVOKED');
    await member.sessions.revokeOthers();
    expect((await member.sessions.list()).map((s) => s.id)).toEqual([session.tokens.session_id]);
  });

  it('deletes the account after the 72-hour wait; the address can register anew', async () => {
    // The 7-day e-mail revert window and the 72-hour wait are moved, not waited for.
    await run(`update users set email_changed_at = now() - interval '8 days'`);
    await client.auth.requestDeletion(newEmail);
    const { deletion_due_at } = await client.auth.confirmDeletion({
      email: newEmail,
      code: await sink.nextCode(newEmail),
    });
    expect(new Date(deletion_due_at).getTime()).toBeGreaterThan(Date.now() + 71 * 3_600_000);
    await run(`update users set deletion_due_at = now() - interval '1 second'`);
    expect(await server.app.get(DeletionService).sweep()).toHaveLength(1);
    expect(
      errorCodeOf(
        await client
          .member(session)
          .sessions.list()
          .catch((e: unknown) => e),
      ),
    ).toBe('SESSION_REVOKED');
    expect(errorCodeOf(await login(newEmail, 'recovered password').catch((e: unknown) => e))).toBe(
      'INVALID_CREDENTIALS',
    );

    await run(`update email_challenges set created_at = created_at - interval '2 minutes'`);
    await client.auth.startRegistration({ email: newEmail, privacyVersion: POLICY_VERSION });
    const again = await client.auth.completeRegistration({
      email: newEmail,
      code: await sink.nextCode(newEmail),
      password: 'fresh start',
      ksf: TEST_KSF,
    });
    expect(again.tokens.user_id).not.toBe(session.tokens.user_id);
    expect(sameKey(again.userKey)).toBe(false);
  });
});
