import { beforeEach, describe, expect, it } from 'vitest';
import { recoveryCompleteSchema } from '@cardcoop/contracts';
import { createClient } from '../client.js';
import { parseRecoveryKey, recoveryAuthHash, recoveryProof } from '../crypto/recovery-kit.js';
import { sameUserKey, unwrapUserKeyWithRecovery } from '../crypto/user-key.js';
import { EMAIL_CODE, TOTP_CODE } from '../testing/fake-auth-server.js';
import type { FakeAuthServer } from '../testing/fake-auth-server.js';
import {
  CHEAP_KSF,
  EMAIL,
  errorCode,
  PASSWORD,
  registeredMember,
  signIn,
} from '../testing/member-fixture.js';
import type { Fixture } from '../testing/member-fixture.js';
import { recover, requestRecovery } from './recovery.js';
import type { RecoverInput, RecoveryOutcome, RecoveryResult } from './recovery.js';

const NEW_PASSWORD = 'recovered at last, 2026';

let fixture: Fixture;
let server: FakeAuthServer;
let input: RecoverInput;

beforeEach(async () => {
  fixture = await registeredMember();
  server = fixture.server;
  input = {
    email: EMAIL,
    code: EMAIL_CODE,
    recoveryKey: fixture.registered.recoveryKit.recoveryKey,
    newPassword: NEW_PASSWORD,
    ksf: CHEAP_KSF,
  };
  server.calls.length = 0;
});

function recovered(outcome: RecoveryOutcome): RecoveryResult {
  if (outcome.status !== 'recovered') throw new Error(`expected recovered, got ${outcome.status}`);
  return outcome.result;
}

describe('recover', () => {
  it('sets a new password and a new Recovery Kit around the same user key', async () => {
    expect((await requestRecovery(fixture.http, EMAIL)).status).toBe('code_sent');
    const other = await signIn(fixture.http);
    const result = recovered(
      await recover(fixture.http, {
        ...input,
        // As typed from the printed kit: lower case, spaces.
        recoveryKey: input.recoveryKey.toLowerCase().replace(/-/g, ' '),
        deviceName: 'Laptop',
        expectedServerPublicKey: server.publicKey,
      }),
    );
    expect(server.calls.slice(-2)).toEqual(['recovery/verify', 'recovery/complete']);
    expect(sameUserKey(result.userKey, fixture.registered.userKey)).toBe(true);
    expect(result.tokens.user_id).toBe(fixture.registered.tokens.user_id);
    expect(server.sessions.get(result.tokens.session_id)?.deviceName).toBe('Laptop');
    // Every other session is over.
    expect(server.liveSessions(result.tokens.user_id).map((s) => s.id)).toEqual([
      result.tokens.session_id,
    ]);
    expect(server.sessions.get(other.tokens.session_id)?.revoked).toBe(true);

    // The new password unlocks the same key; the old one no longer works.
    const session = await signIn(fixture.http, { password: NEW_PASSWORD });
    expect(sameUserKey(session.userKey, fixture.registered.userKey)).toBe(true);
    expect(await errorCode(signIn(fixture.http, { password: PASSWORD }))).toBe(
      'INVALID_CREDENTIALS',
    );

    // The new kit opens the new recovery wrap and matches the new auth hash; the old one does not.
    const account = server.accounts.get(EMAIL);
    if (!account) throw new Error('no account');
    const newSecret = await parseRecoveryKey(result.recoveryKit.recoveryKey);
    const oldSecret = await parseRecoveryKey(fixture.registered.recoveryKit.recoveryKey);
    expect(result.recoveryKit.recoveryKey).not.toBe(fixture.registered.recoveryKit.recoveryKey);
    expect(account.recovery.auth_hash).toBe(await recoveryAuthHash(newSecret));
    expect(account.recovery.auth_hash).not.toBe(await recoveryAuthHash(oldSecret));
    const reopened = await unwrapUserKeyWithRecovery(
      newSecret,
      account.recovery.wrapped_user_key,
      account.userId,
    );
    expect(sameUserKey(reopened, fixture.registered.userKey)).toBe(true);
    const group =
      result.recoveryKit.recoveryKey.split('-')[result.recoveryKit.confirmation.groupIndex] ?? '';
    expect(result.recoveryKit.confirmation.matches(group)).toBe(true);

    // A second recovery with the old key is refused by the server.
    expect(await errorCode(recover(fixture.http, input))).toBe('INVALID_RECOVERY_KEY');
  });

  it('sends the proof, never the key or the passwords, and a contract-valid completion', async () => {
    const result = recovered(await recover(fixture.http, input));
    const secret = await parseRecoveryKey(input.recoveryKey);
    const verify = server.requests.find((r) => r.path === 'auth/recovery/verify');
    expect(verify?.body).toMatchObject({
      email: EMAIL,
      code: EMAIL_CODE,
      recovery_proof: await recoveryProof(secret),
    });
    const complete = server.requests.find((r) => r.path === 'auth/recovery/complete');
    expect(recoveryCompleteSchema.safeParse(complete?.body).success).toBe(true);
    const everything = JSON.stringify(server.requests.map((r) => r.body));
    for (const secretText of [
      NEW_PASSWORD,
      input.recoveryKey.replace(/-/g, ''),
      result.recoveryKit.recoveryKey.replace(/-/g, ''),
    ]) {
      expect(everything).not.toContain(secretText);
    }
  });

  it('continues after MFA_REQUIRED without committing anything first', async () => {
    server.enableTotp(EMAIL, ['abcd-efgh']);
    const outcome = await recover(fixture.http, input);
    if (outcome.status !== 'mfa_required') throw new Error('expected mfa_required');
    expect(server.calls).toEqual(['recovery/verify']);
    expect(await errorCode(outcome.mfa.complete({ totpCode: '000000' }))).toBe('INVALID_MFA_CODE');
    const result = await outcome.mfa.complete({ totpCode: TOTP_CODE });
    expect(sameUserKey(result.userKey, fixture.registered.userKey)).toBe(true);
    expect(server.calls).toEqual([
      'recovery/verify',
      'recovery/verify',
      'recovery/verify',
      'recovery/complete',
    ]);
    const verifies = server.requests.filter((r) => r.path === 'auth/recovery/verify');
    // The same inputs each time, plus the factor.
    expect(verifies[2]?.body).toEqual({ ...(verifies[0]?.body as object), totp_code: TOTP_CODE });
    await signIn(fixture.http, { password: NEW_PASSWORD, totpCode: TOTP_CODE });
  });

  it('takes a backup code up front', async () => {
    server.enableTotp(EMAIL, ['abcd-efgh']);
    recovered(await recover(fixture.http, { ...input, backupCode: 'abcd-efgh' }));
    expect(server.accounts.get(EMAIL)?.backupCodes).toEqual([]);
  });

  it('stops a mistyped key before sending anything', async () => {
    const typo = input.recoveryKey.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(await errorCode(recover(fixture.http, { ...input, recoveryKey: typo }))).toBe(
      'INVALID_RECOVERY_KEY',
    );
    expect(server.calls).toEqual([]);
  });

  it('passes the server codes through (wrong e-mail code, another valid key)', async () => {
    expect(await errorCode(recover(fixture.http, { ...input, code: '000000' }))).toBe(
      'INVALID_CODE',
    );
    const stranger = await createClient({
      baseUrl: 'https://id.example',
      fetch: server.fetch,
    }).auth.completeRegistration({
      email: 'bob@example.org',
      code: EMAIL_CODE,
      password: PASSWORD,
      ksf: CHEAP_KSF,
    });
    expect(
      await errorCode(
        recover(fixture.http, { ...input, recoveryKey: stranger.recoveryKit.recoveryKey }),
      ),
    ).toBe('INVALID_RECOVERY_KEY');
  });

  it('treats a recovery wrap the key cannot open as INVALID_RECOVERY_KEY, committing nothing', async () => {
    const account = server.accounts.get(EMAIL);
    if (!account) throw new Error('no account');
    // The server hands out the password wrap instead of the recovery wrap.
    account.recovery = { ...account.recovery, wrapped_user_key: account.wrappedUserKey };
    expect(await errorCode(recover(fixture.http, input))).toBe('INVALID_RECOVERY_KEY');
    expect(server.calls).toEqual(['recovery/verify']);
  });

  it('refuses a weak KSF and a different server key before committing', async () => {
    const weak = { 'argon2id-custom': { memory: 1024, iterations: 1, parallelism: 1 } };
    expect(await errorCode(recover(fixture.http, { ...input, ksf: weak }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(server.calls).toEqual([]);
    expect(
      await errorCode(recover(fixture.http, { ...input, expectedServerPublicKey: 'AAAA' })),
    ).toBe('SERVER_KEY_MISMATCH');
    expect(server.calls).toEqual(['recovery/verify']);
  });

  it('is wired into createClient, and its session feeds client.member', async () => {
    const client = createClient({ baseUrl: 'https://id.example', fetch: server.fetch });
    await client.auth.requestRecovery(EMAIL);
    const result = recovered(await client.auth.recover(input));
    const member = client.member(result);
    expect((await member.sessions.list()).map((s) => s.id)).toEqual([result.tokens.session_id]);
  });
});
