import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { completeRegistrationSchema, DEFAULT_KSF } from '@cardcoop/contracts';
import type { Ksf } from '@cardcoop/contracts';
import { createClient } from '../client.js';
import { parseRecoveryKey, recoveryAuthHash } from '../crypto/recovery-kit.js';
import { sameUserKey, unwrapUserKeyWithRecovery, wrapUserKey } from '../crypto/user-key.js';
import { base64UrlEncode } from '../crypto/encoding.js';
import { deriveKek } from '../crypto/keys.js';
import { HttpClient } from '../http.js';
import { createMemberClient } from '../member/member-client.js';
import {
  CHEAP_KSF,
  countingRunner,
  enableTotp,
  errorCode,
  mailedCode,
  otherServerPublicKey,
  PASSWORD,
  POLICY_VERSION,
  register,
  registeredMember,
  restoreTime,
  serverPublicKey,
  startServer,
  uniqueEmail,
  Wire,
} from '../testing/member-fixture.js';
import type { Authenticator, Fixture, TestApp } from '../testing/member-fixture.js';
import { login } from './login.js';
import type { LoginInput, LoginOutcome } from './login.js';
import type { MemberSession } from './common.js';
import { completeRegistration, startRegistration } from './registration.js';
import type { CompleteRegistrationInput } from './registration.js';

let server: TestApp;
let publicKey: string;

beforeAll(async () => {
  server = await startServer();
  publicKey = await serverPublicKey(server);
});
afterAll(() => server.close());

/** A new member's device, nothing registered yet: its address, transport and wire. */
function device() {
  const email = uniqueEmail();
  const wire = new Wire();
  const http = new HttpClient({ baseUrl: server.url, fetch: wire.fetch });
  return {
    email,
    wire,
    http,
    register: (extra: Partial<CompleteRegistrationInput> = {}) =>
      register(server, http, { email, password: PASSWORD, ksf: CHEAP_KSF, ...extra }),
    signIn: (extra: Partial<LoginInput> = {}) =>
      login(http, { email, password: PASSWORD, ...extra }),
    /** The complete-registration body this device sent. */
    sent: () =>
      completeRegistrationSchema.parse(
        wire.requests.find((r) => r.path === 'auth/complete-registration')?.body,
      ),
  };
}

function authenticated(outcome: LoginOutcome): MemberSession {
  if (outcome.status !== 'authenticated')
    throw new Error(`expected a session, got ${outcome.status}`);
  return outcome.session;
}

describe('startRegistration', () => {
  it('asks for a code with the accepted privacy version; an outdated one is refused', async () => {
    const { email, http, wire } = device();
    const sent = await startRegistration(http, { email, privacyVersion: POLICY_VERSION });
    expect(sent).toEqual({
      status: 'code_sent',
      expires_in_seconds: 600,
      resend_after_seconds: 60,
    });
    expect(wire.requests[0]?.body).toEqual({
      email,
      privacy_accepted: true,
      privacy_version: POLICY_VERSION,
    });
    const client = createClient({ baseUrl: server.url, fetch: wire.fetch });
    await client.auth.startRegistration({ email: uniqueEmail(), privacyVersion: POLICY_VERSION });
    expect(wire.calls).toEqual(['initiate-registration', 'initiate-registration']);
    expect(
      await errorCode(startRegistration(http, { email: uniqueEmail(), privacyVersion: '2025-01' })),
    ).toBe('PRIVACY_VERSION_OUTDATED');
  });
});

describe('completeRegistration + login', () => {
  it('registers, then logs in and unwraps the same user key', async () => {
    const ann = device();
    const registered = await ann.register({ deviceName: 'Test browser' });
    expect(ann.wire.calls).toEqual([
      'initiate-registration',
      'verify-email',
      'complete-registration',
    ]);
    expect(ann.sent().ksf).toEqual(CHEAP_KSF);
    expect(registered.serverStaticPublicKey).toBe(publicKey);
    expect(registered.userKey.key.extractable).toBe(false);
    const member = createMemberClient({
      baseUrl: server.url,
      fetch: ann.wire.fetch,
      tokens: registered.tokens,
    });
    const [listed] = await member.sessions.list();
    member.session.close();
    expect(listed).toMatchObject({ id: registered.tokens.session_id, device_name: 'Test browser' });

    const session = authenticated(await ann.signIn({ expectedServerPublicKey: publicKey }));
    expect(sameUserKey(session.userKey, registered.userKey)).toBe(true);
    expect(session.tokens.user_id).toBe(registered.tokens.user_id);
    expect(session.tokens).not.toHaveProperty('wrapped_user_key');
    expect(session.serverStaticPublicKey).toBe(publicKey);
  });

  it('hands out a Recovery Kit whose key opens the recovery wrap it sent and matches the auth hash', async () => {
    const ann = device();
    const { recoveryKit, userKey, tokens } = await ann.register();
    const { recovery } = ann.sent();
    expect(recoveryKit.recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    const secret = await parseRecoveryKey(recoveryKit.recoveryKey);
    expect(recovery.auth_hash).toBe(await recoveryAuthHash(secret));
    const unwrapped = await unwrapUserKeyWithRecovery(
      secret,
      recovery.wrapped_user_key,
      tokens.user_id,
    );
    expect(sameUserKey(unwrapped, userKey)).toBe(true);
    const group = recoveryKit.recoveryKey.split('-')[recoveryKit.confirmation.groupIndex] ?? '';
    expect(recoveryKit.confirmation.matches(group)).toBe(true);
  });

  it('sends a complete-registration body that satisfies the contract and carries no secrets', async () => {
    const ann = device();
    const { recoveryKit } = await ann.register();
    const body = ann.wire.requests.find((r) => r.path === 'auth/complete-registration')?.body;
    expect(completeRegistrationSchema.safeParse(body).success).toBe(true);
    expect(body).not.toHaveProperty('device_name');
    for (const request of ann.wire.requests) {
      const sent = JSON.stringify(request.body ?? null);
      expect(sent).not.toContain(PASSWORD);
      expect(sent).not.toContain(recoveryKit.recoveryKey.replace(/-/g, ''));
    }
  });

  it('refuses a wrong password, and an unknown e-mail, with INVALID_CREDENTIALS', async () => {
    const ann = device();
    await ann.register();
    ann.wire.reset();
    expect(await errorCode(ann.signIn({ password: 'wrong password' }))).toBe('INVALID_CREDENTIALS');
    expect(await errorCode(ann.signIn({ email: uniqueEmail() }))).toBe('INVALID_CREDENTIALS');
    // The client sees the wrong password itself: no proof is sent.
    expect(ann.wire.calls).toEqual(['initiate-login', 'initiate-login']);
  });

  it('stops with SERVER_KEY_MISMATCH before sending anything when the pinned key differs', async () => {
    const other = await otherServerPublicKey();
    const first = device();
    expect(await errorCode(first.register({ expectedServerPublicKey: other }))).toBe(
      'SERVER_KEY_MISMATCH',
    );
    expect(first.wire.calls).toEqual(['initiate-registration', 'verify-email']);
    // No account was made: the address logs in as an unknown one does.
    expect(await errorCode(first.signIn())).toBe('INVALID_CREDENTIALS');

    const ann = device();
    await ann.register({ expectedServerPublicKey: publicKey });
    ann.wire.reset();
    expect(await errorCode(ann.signIn({ expectedServerPublicKey: other }))).toBe(
      'SERVER_KEY_MISMATCH',
    );
    expect(ann.wire.calls).toEqual(['initiate-login']);
  });

  it('uses the KSF the server stored; another KSF fails like a wrong password', async () => {
    const ann = device();
    await ann.register();
    ann.wire.rewrite<{ ksf: Ksf }>('initiate-login', (answer) => ({
      ...answer,
      ksf: { 'argon2id-custom': { ...CHEAP_KSF['argon2id-custom'], iterations: 2 } },
    }));
    expect(await errorCode(ann.signIn())).toBe('INVALID_CREDENTIALS');
  });

  it('refuses a KSF below 8 MiB or a malformed OPAQUE message from the server as INVALID_RESPONSE', async () => {
    const ann = device();
    await ann.register();
    ann.wire.rewrite<object>('initiate-login', (answer) => ({
      ...answer,
      ksf: { 'argon2id-custom': { memory: 1024, iterations: 1, parallelism: 1 } },
    }));
    expect(await errorCode(ann.signIn())).toBe('INVALID_RESPONSE');
    ann.wire.rewrite<object>('initiate-login', (answer) => ({ ...answer, login_response: 'AAAA' }));
    expect(await errorCode(ann.signIn())).toBe('INVALID_RESPONSE');
  });

  it("fails with DECRYPTION_FAILED when the server returns a wrap that is not this account's", async () => {
    const ann = device();
    const annRegistered = await ann.register();
    const bob = device();
    const bobRegistered = await bob.register();
    const substitutes = [
      bob.sent().wrapped_user_key,
      ann.sent().recovery.wrapped_user_key,
      await wrapUserKey(
        await deriveKek(base64UrlEncode(new Uint8Array(64).fill(9))),
        bobRegistered.userKey,
        annRegistered.tokens.user_id,
      ),
    ];
    for (const wrapped of substitutes) {
      ann.wire.rewrite<object>('complete-login', (answer) => ({
        ...answer,
        wrapped_user_key: wrapped,
      }));
      expect(await errorCode(ann.signIn())).toBe('DECRYPTION_FAILED');
    }
  });

  it('refuses an unacceptable KSF at registration without contacting the server', async () => {
    const { email, http, wire } = device();
    const weak = { 'argon2id-custom': { memory: 1024, iterations: 1, parallelism: 1 } };
    expect(
      await errorCode(
        completeRegistration(http, { email, code: '123456', password: PASSWORD, ksf: weak }),
      ),
    ).toBe('VALIDATION_FAILED');
    expect(wire.calls).toEqual([]);
  });

  it('refuses tokens for another account than the one the wraps were made for', async () => {
    const ann = device();
    ann.wire.rewrite<object>('complete-registration', (answer) => ({
      ...answer,
      user_id: globalThis.crypto.randomUUID(),
    }));
    expect(await errorCode(ann.register())).toBe('INVALID_RESPONSE');
  });

  it("passes the server's error through (wrong e-mail code)", async () => {
    const { email, http } = device();
    await startRegistration(http, { email, privacyVersion: POLICY_VERSION });
    const wrong = (await mailedCode(server, email)) === '000000' ? '000001' : '000000';
    expect(
      await errorCode(
        completeRegistration(http, { email, code: wrong, password: PASSWORD, ksf: CHEAP_KSF }),
      ),
    ).toBe('INVALID_CODE');
  });
});

describe('login with a second factor', () => {
  let fixture: Fixture;
  let app: Authenticator;
  let backupCodes: string[];
  const signIn = (extra: Partial<LoginInput> = {}) =>
    login(fixture.http, { email: fixture.email, password: PASSWORD, ...extra });

  beforeEach(async () => {
    fixture = await registeredMember(server);
    ({ app, backupCodes } = await enableTotp(fixture));
  });
  afterEach(restoreTime);

  it('returns an MFA challenge that completes without running argon2id again', async () => {
    const { counts, runner } = countingRunner();
    const outcome = await signIn({ opaque: runner });
    if (outcome.status !== 'mfa_required') throw new Error('expected mfa_required');
    expect(await errorCode(outcome.mfa.complete({ totpCode: app.wrong() }))).toBe(
      'INVALID_MFA_CODE',
    );
    const session = await outcome.mfa.complete({ totpCode: app.next() });
    expect(session.tokens.user_id).toBe(fixture.registered.tokens.user_id);
    expect(counts.finishLogin).toBe(1);
    expect(fixture.wire.calls.slice(-4)).toEqual([
      'initiate-login',
      'complete-login',
      'complete-login',
      'complete-login',
    ]);
    // The login is spent on the server now.
    expect(await errorCode(outcome.mfa.complete({ totpCode: app.next() }))).toBe('LOGIN_EXPIRED');
  });

  it('accepts a backup code, or a TOTP code sent up front', async () => {
    const outcome = await signIn();
    if (outcome.status !== 'mfa_required') throw new Error('expected mfa_required');
    authenticated({
      status: 'authenticated',
      session: await outcome.mfa.complete({ backupCode: backupCodes[0]! }),
    });
    authenticated(await signIn({ totpCode: app.next() }));
    expect(await errorCode(signIn({ totpCode: app.wrong() }))).toBe('INVALID_MFA_CODE');
  });
});

describe('with the default KSF (64 MiB, t=3, p=4)', () => {
  it('registers and logs in through createClient', { timeout: 30_000 }, async () => {
    const { email, wire } = device();
    const client = createClient({ baseUrl: server.url, fetch: wire.fetch });
    await client.auth.startRegistration({ email, privacyVersion: POLICY_VERSION });
    const registered = await client.auth.completeRegistration({
      email,
      code: await mailedCode(server, email),
      password: PASSWORD,
    });
    const sent = wire.requests.find((r) => r.path === 'auth/complete-registration')?.body;
    expect(completeRegistrationSchema.parse(sent).ksf).toEqual(DEFAULT_KSF);
    const session = authenticated(await client.auth.login({ email, password: PASSWORD }));
    expect(sameUserKey(session.userKey, registered.userKey)).toBe(true);
  });
});
