import { beforeEach, describe, expect, it } from 'vitest';
import { completeRegistrationSchema, DEFAULT_KSF } from '@cardcoop/contracts';
import type { Ksf } from '@cardcoop/contracts';
import { createClient } from '../client.js';
import { parseRecoveryKey, recoveryAuthHash } from '../crypto/recovery-kit.js';
import { sameUserKey, unwrapUserKeyWithRecovery, wrapUserKey } from '../crypto/user-key.js';
import { base64UrlEncode } from '../crypto/encoding.js';
import { deriveKek } from '../crypto/keys.js';
import { CardCoopError } from '../errors.js';
import { HttpClient } from '../http.js';
import { EMAIL_CODE, FakeAuthServer } from '../testing/fake-auth-server.js';
import { login } from './login.js';
import type { LoginInput, LoginOutcome } from './login.js';
import type { MemberSession } from './common.js';
import { completeRegistration, startRegistration } from './registration.js';
import { countingRunner } from '../testing/member-fixture.js';

const CHEAP_KSF: Ksf = { 'argon2id-custom': { memory: 8192, iterations: 1, parallelism: 1 } };
const EMAIL = 'ann@example.org';
const PASSWORD = 'correct horse battery staple';

let server: FakeAuthServer;
let http: HttpClient;

beforeEach(async () => {
  server = await FakeAuthServer.start();
  http = new HttpClient({ baseUrl: 'https://id.example', fetch: server.fetch });
});

const register = (extra: Partial<Parameters<typeof completeRegistration>[1]> = {}) =>
  completeRegistration(http, {
    email: EMAIL,
    code: EMAIL_CODE,
    password: PASSWORD,
    ksf: CHEAP_KSF,
    ...extra,
  });

const signIn = (extra: Partial<LoginInput> = {}) =>
  login(http, { email: EMAIL, password: PASSWORD, ...extra });

function authenticated(outcome: LoginOutcome): MemberSession {
  if (outcome.status !== 'authenticated')
    throw new Error(`expected a session, got ${outcome.status}`);
  return outcome.session;
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CardCoopError))
    throw new Error(`expected a CardCoopError, got ${String(error)}`);
  return error.code;
}

describe('startRegistration', () => {
  it('asks for a code with the accepted privacy version', async () => {
    const sent = await startRegistration(http, { email: EMAIL, privacyVersion: '2025-01' });
    expect(sent).toEqual({
      status: 'code_sent',
      expires_in_seconds: 600,
      resend_after_seconds: 60,
    });
    const client = createClient({ baseUrl: 'https://id.example', fetch: server.fetch });
    await client.auth.startRegistration({ email: EMAIL, privacyVersion: '2025-01' });
    expect(server.calls).toEqual(['initiate-registration', 'initiate-registration']);
  });
});

describe('completeRegistration + login', () => {
  it('registers, then logs in and unwraps the same user key', async () => {
    const registered = await register({ deviceName: 'Test browser' });
    expect(server.calls).toEqual(['verify-email', 'complete-registration']);
    const account = server.accounts.get(EMAIL);
    expect(account?.ksf).toEqual(CHEAP_KSF);
    expect(registered.tokens.user_id).toBe(account?.userId);
    expect(registered.serverStaticPublicKey).toBe(server.publicKey);
    expect(registered.userKey.key.extractable).toBe(false);

    const session = authenticated(await signIn({ expectedServerPublicKey: server.publicKey }));
    expect(sameUserKey(session.userKey, registered.userKey)).toBe(true);
    expect(session.tokens.user_id).toBe(registered.tokens.user_id);
    expect(session.tokens).not.toHaveProperty('wrapped_user_key');
    expect(session.serverStaticPublicKey).toBe(server.publicKey);
  });

  it('hands out a Recovery Kit whose key opens the stored recovery wrap and matches the auth hash', async () => {
    const { recoveryKit, userKey, tokens } = await register();
    const account = server.accounts.get(EMAIL);
    if (!account) throw new Error('no account');
    expect(recoveryKit.recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    const secret = await parseRecoveryKey(recoveryKit.recoveryKey);
    expect(account.recovery.auth_hash).toBe(await recoveryAuthHash(secret));
    const unwrapped = await unwrapUserKeyWithRecovery(
      secret,
      account.recovery.wrapped_user_key,
      tokens.user_id,
    );
    expect(sameUserKey(unwrapped, userKey)).toBe(true);
    const group = recoveryKit.recoveryKey.split('-')[recoveryKit.confirmation.groupIndex] ?? '';
    expect(recoveryKit.confirmation.matches(group)).toBe(true);
  });

  it('sends a complete-registration body that satisfies the contract and carries no secrets', async () => {
    const bodies: string[] = [];
    const fetch: typeof globalThis.fetch = (url, init) => {
      bodies.push(String(init?.body));
      return server.fetch(url, init);
    };
    const { recoveryKit } = await completeRegistration(
      new HttpClient({ baseUrl: 'https://id.example', fetch }),
      { email: EMAIL, code: EMAIL_CODE, password: PASSWORD, ksf: CHEAP_KSF },
    );
    const body: unknown = JSON.parse(bodies[1] ?? '');
    expect(completeRegistrationSchema.safeParse(body).success).toBe(true);
    expect(body).not.toHaveProperty('device_name');
    for (const sent of bodies) {
      expect(sent).not.toContain(PASSWORD);
      expect(sent).not.toContain(recoveryKit.recoveryKey.replace(/-/g, ''));
    }
  });

  it('refuses a wrong password, and an unknown e-mail, with INVALID_CREDENTIALS', async () => {
    await register();
    server.calls.length = 0;
    expect(await errorCode(signIn({ password: 'wrong password' }))).toBe('INVALID_CREDENTIALS');
    expect(await errorCode(signIn({ email: 'nobody@example.org' }))).toBe('INVALID_CREDENTIALS');
    expect(server.calls).toEqual(['initiate-login', 'initiate-login']);
  });

  it('stops with SERVER_KEY_MISMATCH before sending anything when the pinned key differs', async () => {
    const other = (await FakeAuthServer.start()).publicKey;
    expect(await errorCode(register({ expectedServerPublicKey: other }))).toBe(
      'SERVER_KEY_MISMATCH',
    );
    expect(server.calls).toEqual(['verify-email']);
    expect(server.accounts.size).toBe(0);

    await register({ expectedServerPublicKey: server.publicKey });
    server.calls.length = 0;
    expect(await errorCode(signIn({ expectedServerPublicKey: other }))).toBe('SERVER_KEY_MISMATCH');
    expect(server.calls).toEqual(['initiate-login']);
  });

  it('uses the KSF the server stored; another KSF fails like a wrong password', async () => {
    await register();
    server.answerLogin = (answer) => ({
      ...answer,
      ksf: { 'argon2id-custom': { ...CHEAP_KSF['argon2id-custom'], iterations: 2 } },
    });
    expect(await errorCode(signIn())).toBe('INVALID_CREDENTIALS');
  });

  it('refuses a KSF below 8 MiB or a malformed OPAQUE message from the server as INVALID_RESPONSE', async () => {
    await register();
    server.answerLogin = (answer) => ({
      ...answer,
      ksf: { 'argon2id-custom': { memory: 1024, iterations: 1, parallelism: 1 } },
    });
    expect(await errorCode(signIn())).toBe('INVALID_RESPONSE');
    server.answerLogin = (answer) => ({ ...answer, login_response: 'AAAA' });
    expect(await errorCode(signIn())).toBe('INVALID_RESPONSE');
  });

  it("fails with DECRYPTION_FAILED when the server returns a wrap that is not this account's", async () => {
    await register();
    const bob = await register({ email: 'bob@example.org' });
    const ann = server.accounts.get(EMAIL);
    const bobAccount = server.accounts.get('bob@example.org');
    if (!ann || !bobAccount) throw new Error('no accounts');
    const substitutes = [
      bobAccount.wrappedUserKey,
      ann.recovery.wrapped_user_key,
      await wrapUserKey(
        await deriveKek(base64UrlEncode(new Uint8Array(64).fill(9))),
        bob.userKey,
        ann.userId,
      ),
    ];
    for (const wrapped of substitutes) {
      ann.wrappedUserKey = wrapped;
      expect(await errorCode(signIn())).toBe('DECRYPTION_FAILED');
    }
  });

  it('refuses an unacceptable KSF at registration without contacting the server', async () => {
    const weak = { 'argon2id-custom': { memory: 1024, iterations: 1, parallelism: 1 } };
    expect(await errorCode(register({ ksf: weak }))).toBe('VALIDATION_FAILED');
    expect(server.calls).toEqual([]);
  });

  it('refuses tokens for another account than the one the wraps were made for', async () => {
    const fetch: typeof globalThis.fetch = async (url, init) => {
      const response = await server.fetch(url, init);
      if (!String(url).endsWith('/complete-registration')) return response;
      const body = (await response.json()) as Record<string, unknown>;
      const swapped = { ...body, user_id: globalThis.crypto.randomUUID() };
      return new Response(JSON.stringify(swapped), {
        headers: { 'content-type': 'application/json' },
      });
    };
    const swapping = new HttpClient({ baseUrl: 'https://id.example', fetch });
    expect(
      await errorCode(
        completeRegistration(swapping, {
          email: EMAIL,
          code: EMAIL_CODE,
          password: PASSWORD,
          ksf: CHEAP_KSF,
        }),
      ),
    ).toBe('INVALID_RESPONSE');
  });

  it("passes the server's error through (wrong e-mail code)", async () => {
    expect(await errorCode(register({ code: '000000' }))).toBe('INVALID_CODE');
  });
});

describe('login with a second factor', () => {
  beforeEach(async () => {
    await register();
    const account = server.accounts.get(EMAIL);
    if (account) Object.assign(account, { totpCode: '424242', backupCodes: ['abcd-efgh'] });
  });

  it('returns an MFA challenge that completes without running argon2id again', async () => {
    const { counts, runner } = countingRunner();
    const outcome = await signIn({ opaque: runner });
    if (outcome.status !== 'mfa_required') throw new Error('expected mfa_required');
    expect(await errorCode(outcome.mfa.complete({ totpCode: '000000' }))).toBe('INVALID_MFA_CODE');
    const session = await outcome.mfa.complete({ totpCode: '424242' });
    expect(session.tokens.user_id).toBe(server.accounts.get(EMAIL)?.userId);
    expect(counts.finishLogin).toBe(1);
    expect(server.calls.slice(-4)).toEqual([
      'initiate-login',
      'complete-login',
      'complete-login',
      'complete-login',
    ]);
    // The login is spent on the server now.
    expect(await errorCode(outcome.mfa.complete({ totpCode: '424242' }))).toBe('LOGIN_EXPIRED');
  });

  it('accepts a backup code, or a TOTP code sent up front', async () => {
    const outcome = await signIn();
    if (outcome.status !== 'mfa_required') throw new Error('expected mfa_required');
    authenticated({
      status: 'authenticated',
      session: await outcome.mfa.complete({ backupCode: 'abcd-efgh' }),
    });
    authenticated(await signIn({ totpCode: '424242' }));
    expect(await errorCode(signIn({ totpCode: '000000' }))).toBe('INVALID_MFA_CODE');
  });
});

describe('with the default KSF (64 MiB, t=3, p=4)', () => {
  it('registers and logs in through createClient', { timeout: 30_000 }, async () => {
    const client = createClient({ baseUrl: 'https://id.example', fetch: server.fetch });
    const registered = await client.auth.completeRegistration({
      email: EMAIL,
      code: EMAIL_CODE,
      password: PASSWORD,
    });
    expect(server.accounts.get(EMAIL)?.ksf).toEqual(DEFAULT_KSF);
    const session = authenticated(await client.auth.login({ email: EMAIL, password: PASSWORD }));
    expect(sameUserKey(session.userKey, registered.userKey)).toBe(true);
  });
});
