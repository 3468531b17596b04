import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recoveryCompleteSchema } from '@cardcoop/contracts';
import type { TokenResponse } from '@cardcoop/contracts';
import { createClient } from '../client.js';
import { base64UrlEncode } from '../crypto/encoding.js';
import { deriveKek } from '../crypto/keys.js';
import { parseRecoveryKey, recoveryAuthHash, recoveryProof } from '../crypto/recovery-kit.js';
import { sameUserKey, unwrapUserKeyWithRecovery, wrapUserKey } from '../crypto/user-key.js';
import { createMemberClient } from '../member/member-client.js';
import {
  advanceTime,
  CHEAP_KSF,
  enableTotp,
  errorCode,
  mailedCode,
  PASSWORD,
  registeredMember,
  restoreTime,
  serverPublicKey,
  sessionStatus,
  signIn,
  startServer,
} from '../testing/member-fixture.js';
import type { Fixture, TestApp } from '../testing/member-fixture.js';
import { recover, requestRecovery } from './recovery.js';
import type { RecoverInput, RecoveryOutcome, RecoveryResult } from './recovery.js';

const NEW_PASSWORD = 'recovered at last, 2026';

let server: TestApp;
let fixture: Fixture;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

beforeEach(async () => {
  fixture = await registeredMember(server);
});
afterEach(restoreTime);

/** What `recover` needs but the code. */
const withoutCode = () => ({
  email: fixture.email,
  recoveryKey: fixture.registered.recoveryKit.recoveryKey,
  newPassword: NEW_PASSWORD,
  ksf: CHEAP_KSF,
});

/** Asks for a recovery code through the SDK: the input of `recover` with it; the wire reset. */
async function recoveryInput(): Promise<RecoverInput> {
  expect((await requestRecovery(fixture.http, fixture.email)).status).toBe('code_sent');
  const input = { ...withoutCode(), code: await mailedCode(server, fixture.email) };
  fixture.wire.reset();
  return input;
}

function recovered(outcome: RecoveryOutcome): RecoveryResult {
  if (outcome.status !== 'recovered') throw new Error(`expected recovered, got ${outcome.status}`);
  return outcome.result;
}

/** A member client of `tokens` on the fixture's device. */
function memberOf(tokens: TokenResponse) {
  return createMemberClient({ baseUrl: server.url, fetch: fixture.wire.fetch, tokens });
}

describe('recover', () => {
  it('sets a new password and a new Recovery Kit around the same user key', async () => {
    const input = await recoveryInput();
    const other = await signIn(fixture);
    fixture.wire.reset();
    const result = recovered(
      await recover(fixture.http, {
        ...input,
        // As typed from the printed kit: lower case, spaces.
        recoveryKey: input.recoveryKey.toLowerCase().replace(/-/g, ' '),
        deviceName: 'Laptop',
        expectedServerPublicKey: await serverPublicKey(server),
      }),
    );
    expect(fixture.wire.calls).toEqual(['recovery/verify', 'recovery/complete']);
    expect(sameUserKey(result.userKey, fixture.registered.userKey)).toBe(true);
    expect(result.tokens.user_id).toBe(fixture.registered.tokens.user_id);
    // Every other session is over; the new one is named as asked.
    const member = memberOf(result.tokens);
    expect(await member.sessions.list()).toEqual([
      expect.objectContaining({ id: result.tokens.session_id, device_name: 'Laptop' }),
    ]);
    member.session.close();
    expect(await sessionStatus(server, other.tokens)).toBe('SESSION_REVOKED');
    expect(await sessionStatus(server, fixture.registered.tokens)).toBe('SESSION_REVOKED');

    // The new password unlocks the same key; the old one no longer works.
    const session = await signIn(fixture, { password: NEW_PASSWORD });
    expect(sameUserKey(session.userKey, fixture.registered.userKey)).toBe(true);
    expect(await errorCode(signIn(fixture))).toBe('INVALID_CREDENTIALS');

    // The new kit opens the new recovery wrap and matches the new auth hash; the old one does not.
    const sent = recoveryCompleteSchema.parse(
      fixture.wire.requests.find((r) => r.path === 'auth/recovery/complete')?.body,
    );
    const newSecret = await parseRecoveryKey(result.recoveryKit.recoveryKey);
    const oldSecret = await parseRecoveryKey(fixture.registered.recoveryKit.recoveryKey);
    expect(result.recoveryKit.recoveryKey).not.toBe(fixture.registered.recoveryKit.recoveryKey);
    expect(sent.recovery.auth_hash).toBe(await recoveryAuthHash(newSecret));
    expect(sent.recovery.auth_hash).not.toBe(await recoveryAuthHash(oldSecret));
    const reopened = await unwrapUserKeyWithRecovery(
      newSecret,
      sent.recovery.wrapped_user_key,
      result.tokens.user_id,
    );
    expect(sameUserKey(reopened, fixture.registered.userKey)).toBe(true);
    const group =
      result.recoveryKit.recoveryKey.split('-')[result.recoveryKit.confirmation.groupIndex] ?? '';
    expect(result.recoveryKit.confirmation.matches(group)).toBe(true);

    // A new code (no sooner than a minute later): the old key is refused, the new one recovers.
    advanceTime(61_000);
    const again = await recoveryInput();
    expect(await errorCode(recover(fixture.http, again))).toBe('INVALID_RECOVERY_KEY');
    recovered(
      await recover(fixture.http, { ...again, recoveryKey: result.recoveryKit.recoveryKey }),
    );
  });

  it('sends the proof, never the key or the passwords, and a contract-valid completion', async () => {
    const input = await recoveryInput();
    const result = recovered(await recover(fixture.http, input));
    const secret = await parseRecoveryKey(input.recoveryKey);
    const { requests } = fixture.wire;
    expect(requests.find((r) => r.path === 'auth/recovery/verify')?.body).toMatchObject({
      email: fixture.email,
      code: input.code,
      recovery_proof: await recoveryProof(secret),
    });
    const complete = requests.find((r) => r.path === 'auth/recovery/complete');
    expect(recoveryCompleteSchema.safeParse(complete?.body).success).toBe(true);
    const everything = JSON.stringify(requests.map((r) => r.body));
    for (const secretText of [
      NEW_PASSWORD,
      PASSWORD,
      input.recoveryKey.replace(/-/g, ''),
      result.recoveryKit.recoveryKey.replace(/-/g, ''),
    ]) {
      expect(everything).not.toContain(secretText);
    }
  });

  it('continues after MFA_REQUIRED without committing anything first', async () => {
    const { app } = await enableTotp(fixture);
    const input = await recoveryInput();
    const outcome = await recover(fixture.http, input);
    if (outcome.status !== 'mfa_required') throw new Error('expected mfa_required');
    expect(fixture.wire.calls).toEqual(['recovery/verify']);
    expect(await errorCode(outcome.mfa.complete({ totpCode: app.wrong() }))).toBe(
      'INVALID_MFA_CODE',
    );
    const code = app.next();
    const result = await outcome.mfa.complete({ totpCode: code });
    expect(sameUserKey(result.userKey, fixture.registered.userKey)).toBe(true);
    expect(fixture.wire.calls).toEqual([
      'recovery/verify',
      'recovery/verify',
      'recovery/verify',
      'recovery/complete',
    ]);
    const verifies = fixture.wire.requests.filter((r) => r.path === 'auth/recovery/verify');
    // The same inputs each time, plus the factor.
    expect(verifies[2]?.body).toEqual({ ...(verifies[0]?.body as object), totp_code: code });
    await signIn(fixture, { password: NEW_PASSWORD, totpCode: app.next() });
  });

  it('takes a backup code up front', async () => {
    const { backupCodes } = await enableTotp(fixture);
    const input = { ...(await recoveryInput()), backupCode: backupCodes[0]! };
    const member = memberOf(recovered(await recover(fixture.http, input)).tokens);
    expect(await member.totp.status()).toEqual({ enabled: true, backup_codes_left: 9 });
    member.session.close();
  });

  it('stops a mistyped key before sending anything', async () => {
    const input = await recoveryInput();
    const typo = input.recoveryKey.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(await errorCode(recover(fixture.http, { ...input, recoveryKey: typo }))).toBe(
      'INVALID_RECOVERY_KEY',
    );
    expect(fixture.wire.calls).toEqual([]);
  });

  it('passes the server codes through (wrong e-mail code, another valid key)', async () => {
    const input = await recoveryInput();
    const wrong = input.code === '000000' ? '000001' : '000000';
    expect(await errorCode(recover(fixture.http, { ...input, code: wrong }))).toBe('INVALID_CODE');
    const stranger = await registeredMember(server);
    expect(
      await errorCode(
        recover(fixture.http, {
          ...input,
          recoveryKey: stranger.registered.recoveryKit.recoveryKey,
        }),
      ),
    ).toBe('INVALID_RECOVERY_KEY');
  });

  it('treats a recovery wrap the key cannot open as INVALID_RECOVERY_KEY, committing nothing', async () => {
    // The server hands out a wrap under another key (as the password wrap is) instead.
    const other = await wrapUserKey(
      await deriveKek(base64UrlEncode(globalThis.crypto.getRandomValues(new Uint8Array(64)))),
      fixture.registered.userKey,
      fixture.registered.tokens.user_id,
    );
    fixture.wire.rewrite<object>('recovery/verify', (answer) => ({
      ...answer,
      recovery_wrapped_user_key: other,
    }));
    expect(await errorCode(recover(fixture.http, await recoveryInput()))).toBe(
      'INVALID_RECOVERY_KEY',
    );
    expect(fixture.wire.calls).toEqual(['recovery/verify']);
    await signIn(fixture);
  });

  it('refuses a weak KSF and a different server key before committing', async () => {
    const input = await recoveryInput();
    const weak = { 'argon2id-custom': { memory: 1024, iterations: 1, parallelism: 1 } };
    expect(await errorCode(recover(fixture.http, { ...input, ksf: weak }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(fixture.wire.calls).toEqual([]);
    expect(
      await errorCode(recover(fixture.http, { ...input, expectedServerPublicKey: 'AAAA' })),
    ).toBe('SERVER_KEY_MISMATCH');
    expect(fixture.wire.calls).toEqual(['recovery/verify']);
    await signIn(fixture);
  });

  it('is wired into createClient, and its session feeds client.member', async () => {
    const client = createClient({ baseUrl: server.url, fetch: fixture.wire.fetch });
    await client.auth.requestRecovery(fixture.email);
    const code = await mailedCode(server, fixture.email);
    const result = recovered(await client.auth.recover({ ...withoutCode(), code }));
    const member = client.member(result);
    expect((await member.sessions.list()).map((s) => s.id)).toEqual([result.tokens.session_id]);
    member.session.close();
  });
});
