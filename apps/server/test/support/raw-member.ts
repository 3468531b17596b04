import { createHash, randomBytes } from 'node:crypto';
import * as opaque from '@serenity-kit/opaque';
import { normalizeEmail } from '../../src/infra/crypto/server-crypto.js';
import type { Ksf, LoginResult, SymmetricEnvelope, TokenResponse } from '@cardcoop/contracts';

/** Cheap stretching for tests: the protocol is the same, the argon2 cost is not. */
export const TEST_KSF: Ksf = { 'argon2id-custom': { memory: 8192, iterations: 1, parallelism: 1 } };
export const POLICY_VERSION = '2026-11-01';

/** What a Recovery Kit proves possession with, and the hash the server keeps of it. */
export function newRecoveryProof(): { proof: string; authHash: string } {
  const proof = randomBytes(32);
  return {
    proof: proof.toString('base64url'),
    authHash: createHash('sha256').update(proof).digest('base64url'),
  };
}

/** A well-formed envelope; the server stores it without being able to open it. */
export function fakeEnvelope(seed: string): SymmetricEnvelope {
  return {
    v: 1,
    alg: 'A256GCM',
    kid: '1',
    iv: 'AAAAAAAAAAAAAAAA',
    ct: Buffer.from(`ciphertext-of-${seed}`.padEnd(48, '.')).toString('base64url'),
  };
}

export async function post(
  url: string,
  path: string,
  body: unknown,
  token?: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

interface DevMail {
  to: string;
  subject: string;
  text: string;
}

export async function mailsTo(url: string, email: string): Promise<DevMail[]> {
  const { mails } = (await (await fetch(`${url}/api/v1/dev/mailbox`)).json()) as {
    mails: DevMail[];
  };
  return mails.filter((mail) => mail.to === normalizeEmail(email));
}

/**
 * The newest code mailed to `email`. Mail goes out through the job queue after the answer, so
 * this waits for it (up to 10 s) instead of expecting it the moment the request returns.
 */
export async function latestCode(url: string, email: string): Promise<string> {
  for (const deadline = Date.now() + 10_000; ;) {
    const mail = (await mailsTo(url, email)).find((m) => /\d{6}/.test(m.subject));
    const code = mail?.subject.match(/\d{6}/)?.[0];
    if (code) return code;
    if (Date.now() > deadline) throw new Error(`no code mailed to ${email} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Registration over the raw wire protocol, as any client would speak it. */
export async function registerRaw(
  url: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
) {
  await opaque.ready;
  const initiated = await post(
    url,
    '/api/v1/auth/initiate-registration',
    { email, privacy_accepted: true, privacy_version: POLICY_VERSION },
    undefined,
    headers,
  );
  if (initiated.status !== 200)
    throw new Error(`initiate-registration: ${initiated.status} ${await initiated.text()}`);
  const code = await latestCode(url, email);
  const { clientRegistrationState, registrationRequest } = opaque.client.startRegistration({
    password,
  });
  const verified = (await (
    await post(
      url,
      '/api/v1/auth/verify-email',
      { email, code, registration_request: registrationRequest },
      undefined,
      headers,
    )
  ).json()) as { registration_token: string; registration_response: string; user_id: string };
  const { registrationRecord, exportKey } = opaque.client.finishRegistration({
    password,
    clientRegistrationState,
    registrationResponse: verified.registration_response,
    keyStretching: TEST_KSF,
  });
  const wrapped = fakeEnvelope(`user-key-of-${email}`);
  const recovery = newRecoveryProof();
  const response = await post(
    url,
    '/api/v1/auth/complete-registration',
    {
      registration_token: verified.registration_token,
      registration_record: registrationRecord,
      ksf: TEST_KSF,
      wrapped_user_key: wrapped,
      recovery: {
        wrapped_user_key: fakeEnvelope(`recovery-of-${email}`),
        auth_hash: recovery.authHash,
      },
      device_name: 'test runner',
    },
    undefined,
    headers,
  );
  if (response.status !== 201)
    throw new Error(`complete-registration: ${response.status} ${await response.text()}`);
  return {
    tokens: (await response.json()) as TokenResponse,
    exportKey,
    wrapped,
    userId: verified.user_id,
    recoveryProof: recovery.proof,
  };
}

export async function initiateLogin(url: string, email: string, password: string) {
  await opaque.ready;
  const { clientLoginState, startLoginRequest } = opaque.client.startLogin({ password });
  const response = await post(url, '/api/v1/auth/initiate-login', {
    email,
    start_login_request: startLoginRequest,
  });
  const body = (await response.json()) as { login_id: string; login_response: string; ksf: Ksf };
  return { response, body, clientLoginState };
}

/** Both OPAQUE rounds; `finish` is undefined when the client itself detects a wrong password. */
export async function loginRaw(
  url: string,
  email: string,
  password: string,
  deviceName?: string,
  headers: Record<string, string> = {},
) {
  const { body, clientLoginState } = await initiateLogin(url, email, password);
  const finish = opaque.client.finishLogin({
    clientLoginState,
    loginResponse: body.login_response,
    password,
    keyStretching: body.ksf,
  });
  // A wrong password: send garbage of the right shape, as an attacker would.
  const finishLoginRequest = finish?.finishLoginRequest ?? 'A'.repeat(171);
  const response = await post(
    url,
    '/api/v1/auth/complete-login',
    {
      login_id: body.login_id,
      finish_login_request: finishLoginRequest,
      ...(deviceName ? { device_name: deviceName } : {}),
    },
    undefined,
    headers,
  );
  return {
    response,
    json: (await response.json()) as LoginResult & { code?: string },
    finish,
    loginId: body.login_id,
    finishLoginRequest,
  };
}
