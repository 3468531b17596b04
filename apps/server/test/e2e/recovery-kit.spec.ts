import * as opaque from '@serenity-kit/opaque';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLogSchema, recoveryKitStatusSchema, unlockedSchema } from '@cardcoop/contracts';
import {
  fakeEnvelope,
  latestCode,
  mailsTo,
  newRecoveryProof,
  post,
  registerRaw,
  TEST_KSF,
} from '../support/raw-member.js';
import { enableTotpRaw, provePasswordRaw, totpCodeFor } from '../support/raw-totp.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
beforeAll(async () => {
  server = await startTestApp();
  await opaque.ready;
});
afterAll(() => server.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
async function status(token: string) {
  const response = await fetch(`${server.url}/api/v1/auth/recovery-kit`, {
    headers: bearer(token),
  });
  expect(response.status).toBe(200);
  return recoveryKitStatusSchema.parse(await response.json());
}
async function auditTypes(token: string): Promise<string[]> {
  const response = await fetch(`${server.url}/api/v1/audit`, { headers: bearer(token) });
  return auditLogSchema.parse(await response.json()).events.map((event) => event.type);
}
async function unlock(token: string, password: string) {
  const response = await post(
    server.url,
    '/api/v1/auth/unlock',
    await provePasswordRaw(server.url, token, password),
    token,
  );
  expect(response.status).toBe(200);
  return unlockedSchema.parse(await response.json());
}
/** Starts a Recovery Kit recovery with `proof`; the verify answer. */
async function recoveryVerify(email: string, proof: string, factor: Record<string, string> = {}) {
  await post(server.url, '/api/v1/auth/recovery/initiate', { email });
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

describe('Recovery Kit confirmation', () => {
  it('is unconfirmed after registration until confirmed; confirming is audited once', async () => {
    const { tokens } = await registerRaw(server.url, 'kit.confirm@coop.example', 'kit password');
    const token = tokens.access_token;
    expect(await status(token)).toEqual({
      confirmed: false,
      confirmed_at: null,
      email: 'kit.confirm@coop.example',
    });
    expect((await unlock(token, 'kit password')).recovery_kit_confirmed).toBe(false);

    const first = await post(server.url, '/api/v1/auth/recovery-kit/confirm', {}, token);
    expect(first.status).toBe(200);
    const confirmed = recoveryKitStatusSchema.parse(await first.json());
    expect(confirmed.confirmed).toBe(true);
    // Idempotent: the same time, one audit event.
    const again = await post(server.url, '/api/v1/auth/recovery-kit/confirm', {}, token);
    expect(recoveryKitStatusSchema.parse(await again.json())).toEqual(confirmed);
    expect(await status(token)).toEqual(confirmed);
    expect((await unlock(token, 'kit password')).recovery_kit_confirmed).toBe(true);
    expect((await auditTypes(token)).filter((type) => type === 'recovery_kit.confirmed')).toEqual([
      'recovery_kit.confirmed',
    ]);
  });

  it('needs a session', async () => {
    expect((await fetch(`${server.url}/api/v1/auth/recovery-kit`)).status).toBe(401);
    expect((await post(server.url, '/api/v1/auth/recovery-kit/confirm', {})).status).toBe(401);
  });

  it('a kit issued by a recovery is unconfirmed again', async () => {
    const email = 'kit.recovered@coop.example';
    const registered = await registerRaw(server.url, email, 'forgotten kit password');
    await post(server.url, '/api/v1/auth/recovery-kit/confirm', {}, registered.tokens.access_token);
    expect((await status(registered.tokens.access_token)).confirmed).toBe(true);
    const { response, registration } = await recoveryVerify(email, registered.recoveryProof);
    const verified = (await response.json()) as {
      recovery_id: string;
      registration_response: string;
    };
    const { registrationRecord } = opaque.client.finishRegistration({
      password: 'recovered password',
      clientRegistrationState: registration.clientRegistrationState,
      registrationResponse: verified.registration_response,
      keyStretching: TEST_KSF,
    });
    const done = await post(server.url, '/api/v1/auth/recovery/complete', {
      recovery_id: verified.recovery_id,
      registration_record: registrationRecord,
      ksf: TEST_KSF,
      wrapped_user_key: fakeEnvelope('after-recovery'),
      recovery: {
        wrapped_user_key: fakeEnvelope('kit-after'),
        auth_hash: newRecoveryProof().authHash,
      },
    });
    expect(done.status).toBe(201);
    const { access_token } = (await done.json()) as { access_token: string };
    expect(await status(access_token)).toEqual({ confirmed: false, confirmed_at: null, email });
  });
});

describe('Recovery Kit re-issue', () => {
  it('needs the password; replaces the kit (the old one is refused), mails and audits', async () => {
    const email = 'kit.reissue@coop.example';
    const registered = await registerRaw(server.url, email, 'reissue password');
    const token = registered.tokens.access_token;
    await post(server.url, '/api/v1/auth/recovery-kit/confirm', {}, token);
    const kit = newRecoveryProof();
    const body = { recovery: { wrapped_user_key: fakeEnvelope('kit-2'), auth_hash: kit.authHash } };

    const wrong = await post(
      server.url,
      '/api/v1/auth/recovery-kit',
      { ...(await provePasswordRaw(server.url, token, 'not the password')), ...body },
      token,
    );
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).code).toBe('INVALID_CREDENTIALS');
    const noProof = await post(server.url, '/api/v1/auth/recovery-kit', body, token);
    expect(noProof.status).toBe(422);
    expect((await status(token)).confirmed).toBe(true);

    const done = await post(
      server.url,
      '/api/v1/auth/recovery-kit',
      { ...(await provePasswordRaw(server.url, token, 'reissue password')), ...body },
      token,
    );
    expect(done.status).toBe(200);
    expect(recoveryKitStatusSchema.parse(await done.json())).toEqual({
      confirmed: false,
      confirmed_at: null,
      email,
    });
    expect(await status(token)).toEqual({ confirmed: false, confirmed_at: null, email });
    expect(await auditTypes(token)).toContain('recovery_kit.issued');
    const mails = await mailsTo(server.url, email);
    expect(mails.some((mail) => /previous one no longer works|Прежний набор/.test(mail.text))).toBe(
      true,
    );

    // The old kit no longer recovers the account; the new one does.
    const old = await recoveryVerify(email, registered.recoveryProof);
    expect((await old.response.json()).code).toBe('INVALID_RECOVERY_KEY');
    const fresh = await recoveryVerify(email, kit.proof);
    expect(fresh.response.status).toBe(200);
    expect((await fresh.response.json()).recovery_wrapped_user_key).toEqual(fakeEnvelope('kit-2'));
  });

  it('needs the second factor when 2FA is on', async () => {
    const email = 'kit.reissue.totp@coop.example';
    const registered = await registerRaw(server.url, email, 'totp kit password');
    const token = registered.tokens.access_token;
    const { secret } = await enableTotpRaw(server.url, token, 'totp kit password');
    const body = {
      recovery: { wrapped_user_key: fakeEnvelope('kit-t'), auth_hash: newRecoveryProof().authHash },
    };
    const without = await post(
      server.url,
      '/api/v1/auth/recovery-kit',
      { ...(await provePasswordRaw(server.url, token, 'totp kit password')), ...body },
      token,
    );
    expect(without.status).toBe(401);
    expect((await without.json()).code).toBe('MFA_REQUIRED');
    const withCode = await post(
      server.url,
      '/api/v1/auth/recovery-kit',
      {
        ...(await provePasswordRaw(server.url, token, 'totp kit password')),
        ...body,
        totp_code: totpCodeFor(secret, 1),
      },
      token,
    );
    expect(withCode.status).toBe(200);
    // The old kit is refused now.
    const old = await recoveryVerify(email, registered.recoveryProof, {
      totp_code: totpCodeFor(secret, 2),
    });
    expect((await old.response.json()).code).toBe('INVALID_RECOVERY_KEY');
  });
});
