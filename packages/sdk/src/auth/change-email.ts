import { codeSentSchema, reauthStartedSchema } from '@cardcoop/contracts';
import type { CodeSent } from '@cardcoop/contracts';
import type { HttpClient } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';
import {
  assertServerKey,
  AUTH_PATH,
  invalidCredentials,
  parseResponse,
  runOpaqueStep,
  wireFactor,
} from './common.js';
import { inThreadOpaque } from './opaque-runner.js';
import type { OpaqueRunner } from './opaque-runner.js';

/**
 * Input of {@link changeEmail}.
 *
 * @example
 * ```ts
 * const input: ChangeEmailInput = { password, newEmail: 'ann@new.example', totpCode: '123456' };
 * ```
 */
export interface ChangeEmailInput {
  /** The current password, proven with an OPAQUE re-auth (it never leaves the client). */
  password: string;
  newEmail: string;
  /** Needed when 2FA is on; otherwise the server answers `MFA_REQUIRED`. */
  totpCode?: string;
  backupCode?: string;
  /** The pinned OPAQUE public key of the server; nothing is sent on if the server's differs. */
  expectedServerPublicKey?: string;
  /** Where OPAQUE and argon2id run; in this thread by default. */
  opaque?: OpaqueRunner;
}

/**
 * Internal: a proof of the current password by a signed-in member — an OPAQUE login round over
 * `POST /auth/reauth/initiate`, finished here. The caller sends `reauth_id` and
 * `finish_login_request` with the operation that needs the proof; `exportKey` never leaves the
 * device (unlocking derives the KEK from it).
 */
export async function reauthenticate(
  member: MemberSessionManager,
  password: string,
  options: { opaque?: OpaqueRunner; expectedServerPublicKey?: string } = {},
): Promise<{ reauth_id: string; finish_login_request: string; exportKey: string }> {
  const runner = options.opaque ?? inThreadOpaque;
  const { clientLoginState, startLoginRequest } = await runner.startLogin(password);
  const started = parseResponse(
    reauthStartedSchema,
    await member.request(`${AUTH_PATH}/reauth/initiate`, {
      method: 'POST',
      body: { start_login_request: startLoginRequest },
    }),
    'reauth/initiate',
  );
  const finished = await runOpaqueStep(() =>
    runner.finishLogin({
      password,
      clientLoginState,
      loginResponse: started.login_response,
      ksf: started.ksf,
    }),
  );
  if (!finished) throw invalidCredentials('The password is wrong.');
  assertServerKey(options.expectedServerPublicKey, finished.serverStaticPublicKey);
  return {
    reauth_id: started.reauth_id,
    finish_login_request: finished.finishLoginRequest,
    exportKey: finished.exportKey,
  };
}

/** {@link reauthenticate} without the export key: the proof an operation sends along. */
export async function proveCurrentPassword(
  member: MemberSessionManager,
  password: string,
  options: { opaque?: OpaqueRunner; expectedServerPublicKey?: string } = {},
): Promise<{ reauth_id: string; finish_login_request: string }> {
  const { reauth_id, finish_login_request } = await reauthenticate(member, password, options);
  return { reauth_id, finish_login_request };
}

/**
 * Starts an e-mail change: re-auth with the password (plus the second factor when 2FA is on);
 * the server mails a code to the NEW address, to be passed to {@link confirmEmailChange}. The
 * old address gets a link to revert the change for 7 days.
 *
 * @throws CardCoopError `INVALID_CREDENTIALS` for a wrong password; `MFA_REQUIRED`,
 * `INVALID_MFA_CODE`; `ACCOUNT_CHANGE_PENDING` and other server codes.
 * @example
 * ```ts
 * await changeEmail(manager, { password, newEmail: 'ann@new.example' });
 * await confirmEmailChange(manager, codeFromNewInbox);
 * ```
 */
export async function changeEmail(
  member: MemberSessionManager,
  input: ChangeEmailInput,
): Promise<CodeSent> {
  const proof = await proveCurrentPassword(member, input.password, input);
  return parseResponse(
    codeSentSchema,
    await member.request(`${AUTH_PATH}/change-email/initiate`, {
      method: 'POST',
      body: { new_email: input.newEmail, ...proof, ...wireFactor(input) },
    }),
    'change-email/initiate',
  );
}

/**
 * Finishes an e-mail change with the code sent to the new address.
 *
 * @throws CardCoopError `INVALID_CODE`, `CODE_EXPIRED`, `TOO_MANY_ATTEMPTS`.
 * @example
 * ```ts
 * await confirmEmailChange(manager, '123456');
 * ```
 */
export async function confirmEmailChange(
  member: MemberSessionManager,
  code: string,
): Promise<void> {
  await member.request(`${AUTH_PATH}/change-email/confirm`, { method: 'POST', body: { code } });
}

/**
 * Undoes an e-mail change from the link mailed to the old address (no session needed). The
 * server ends every session of the account (whoever changed the address may hold one).
 *
 * @throws CardCoopError `INVALID_TOKEN` for an unknown, used or expired link.
 * @example
 * ```ts
 * await revertEmailChange(http, new URL(location.href).searchParams.get('token') ?? '');
 * ```
 */
export async function revertEmailChange(http: HttpClient, token: string): Promise<void> {
  await http.request(`${AUTH_PATH}/change-email/revert`, { method: 'POST', body: { token } });
}
