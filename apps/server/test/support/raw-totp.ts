import * as opaque from '@serenity-kit/opaque';
import { backupCodesSchema, reauthStartedSchema, totpSetupSchema } from '@cardcoop/contracts';
import type { TotpSetup } from '@cardcoop/contracts';
import { base32Decode, codeAt, stepAt } from '../../src/modules/totp/totp.js';
import { post } from './raw-member.js';

/** The code an authenticator shows `offset` steps from now. */
export const totpCodeFor = (secret: string, offset = 0) =>
  codeAt(base32Decode(secret), stepAt(Date.now() / 1000) + offset);

/**
 * A proof of the current password by a signed-in member, over the raw wire: the OPAQUE round of
 * `POST /auth/reauth/initiate`, finished here; sent along with the operation it allows.
 */
export async function provePasswordRaw(
  url: string,
  accessToken: string,
  password: string,
): Promise<{ reauth_id: string; finish_login_request: string }> {
  await opaque.ready;
  const { clientLoginState, startLoginRequest } = opaque.client.startLogin({ password });
  const response = await post(
    url,
    '/api/v1/auth/reauth/initiate',
    { start_login_request: startLoginRequest },
    accessToken,
  );
  if (response.status !== 200)
    throw new Error(`reauth/initiate: ${response.status} ${await response.text()}`);
  const started = reauthStartedSchema.parse(await response.json());
  const finish = opaque.client.finishLogin({
    clientLoginState,
    loginResponse: started.login_response,
    password,
    keyStretching: started.ksf,
  });
  // A wrong password: send garbage of the right shape, as an attacker would.
  return {
    reauth_id: started.reauth_id,
    finish_login_request: finish?.finishLoginRequest ?? 'A'.repeat(171),
  };
}

/** `POST /auth/totp/setup` with a proof of `password`. */
export async function startTotpSetupRaw(
  url: string,
  accessToken: string,
  password: string,
): Promise<TotpSetup> {
  const response = await post(
    url,
    '/api/v1/auth/totp/setup',
    await provePasswordRaw(url, accessToken, password),
    accessToken,
  );
  if (response.status !== 200)
    throw new Error(`totp/setup: ${response.status} ${await response.text()}`);
  return totpSetupSchema.parse(await response.json());
}

/** Turns 2FA on over the raw wire: the password proof, setup, and the current code. */
export async function enableTotpRaw(url: string, accessToken: string, password: string) {
  const setup = await startTotpSetupRaw(url, accessToken, password);
  const confirmed = await post(
    url,
    '/api/v1/auth/totp/confirm',
    { setup_id: setup.setup_id, code: totpCodeFor(setup.secret) },
    accessToken,
  );
  if (confirmed.status !== 200)
    throw new Error(`totp/confirm: ${confirmed.status} ${await confirmed.text()}`);
  const { backup_codes } = backupCodesSchema.parse(await confirmed.json());
  return { secret: setup.secret, backupCodes: backup_codes };
}
