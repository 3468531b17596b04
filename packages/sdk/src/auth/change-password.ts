import { changePasswordStartedSchema, DEFAULT_KSF, sessionsEndedSchema } from '@cardcoop/contracts';
import type { Ksf, SessionsEnded } from '@cardcoop/contracts';
import { userKeyOwner } from '../crypto/user-key.js';
import type { UserKey } from '../crypto/user-key.js';
import { CardCoopError } from '../errors.js';
import type { MemberSessionManager } from '../session/manager.js';
import { wrapForPassword } from './account-keys.js';
import {
  assertServerKey,
  AUTH_PATH,
  checkKsf,
  invalidCredentials,
  parseResponse,
  runOpaqueStep,
  wireFactor,
} from './common.js';
import { inThreadOpaque } from './opaque-runner.js';
import type { OpaqueRunner } from './opaque-runner.js';

/**
 * Input of {@link changePassword}.
 *
 * @example
 * ```ts
 * const input: ChangePasswordInput = {
 *   currentPassword,
 *   newPassword,
 *   userKey: session.userKey,
 *   endOtherSessions: true,
 *   totpCode: '123456',
 * };
 * ```
 */
export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  /** The unlocked user key of this account; it is re-wrapped, never replaced. */
  userKey: UserKey;
  /** Stretching for the new password; {@link DEFAULT_KSF} unless given. */
  ksf?: Ksf;
  /** End every other session of the member (this one stays). */
  endOtherSessions?: boolean;
  /** Needed when 2FA is on (see `totp.status()`); otherwise the server answers `MFA_REQUIRED`. */
  totpCode?: string;
  backupCode?: string;
  /** The pinned OPAQUE public key of the server; nothing is committed if the server's differs. */
  expectedServerPublicKey?: string;
  /** Where OPAQUE and argon2id run; in this thread by default. */
  opaque?: OpaqueRunner;
}

/**
 * Changes the password: an OPAQUE proof of the current password and an OPAQUE registration of
 * the new one in the same round trip; the same user key is wrapped under the new password's KEK
 * and test-unwrapped before the server swaps record and wrap in one step. Encrypted data and the
 * Recovery Kit are untouched.
 *
 * @throws CardCoopError `INVALID_CREDENTIALS` for a wrong current password (nothing changes);
 * `MFA_REQUIRED` / `INVALID_MFA_CODE` when 2FA is on; `VALIDATION_FAILED` for an unacceptable
 * `ksf` or a user key of another account; `SERVER_KEY_MISMATCH`.
 * @example
 * ```ts
 * const { sessions_ended } = await changePassword(manager, {
 *   currentPassword,
 *   newPassword,
 *   userKey: session.userKey,
 *   endOtherSessions: true,
 * });
 * ```
 */
export async function changePassword(
  member: MemberSessionManager,
  input: ChangePasswordInput,
): Promise<SessionsEnded> {
  const ksf = checkKsf(input.ksf ?? DEFAULT_KSF);
  const session = await member.current();
  if (!session) throw new CardCoopError('UNAUTHORIZED', 'Not signed in.', { status: 0 });
  const userId = session.user_id;
  const owner = userKeyOwner(input.userKey);
  if (owner !== undefined && owner !== userId) {
    // Wrapping another account's key under this password would lock the member out of their data.
    throw new CardCoopError('VALIDATION_FAILED', 'The user key belongs to another account.', {
      status: 0,
    });
  }
  const runner = input.opaque ?? inThreadOpaque;
  const { clientLoginState, startLoginRequest } = await runner.startLogin(input.currentPassword);
  const { clientRegistrationState, registrationRequest } = await runner.startRegistration(
    input.newPassword,
  );
  const started = parseResponse(
    changePasswordStartedSchema,
    await member.request(`${AUTH_PATH}/change-password/initiate`, {
      method: 'POST',
      body: { start_login_request: startLoginRequest, registration_request: registrationRequest },
    }),
    'change-password/initiate',
  );
  const proof = await runOpaqueStep(() =>
    runner.finishLogin({
      password: input.currentPassword,
      clientLoginState,
      loginResponse: started.login_response,
      ksf: started.ksf,
    }),
  );
  if (!proof) throw invalidCredentials('The current password is wrong.');
  assertServerKey(input.expectedServerPublicKey, proof.serverStaticPublicKey);
  const registered = await runOpaqueStep(() =>
    runner.finishRegistration({
      password: input.newPassword,
      clientRegistrationState,
      registrationResponse: started.registration_response,
      ksf,
    }),
  );
  assertServerKey(input.expectedServerPublicKey, registered.serverStaticPublicKey);
  const wrappedUserKey = await wrapForPassword(registered.exportKey, input.userKey, userId);
  return parseResponse(
    sessionsEndedSchema,
    await member.request(`${AUTH_PATH}/change-password/complete`, {
      method: 'POST',
      body: {
        change_id: started.change_id,
        finish_login_request: proof.finishLoginRequest,
        registration_record: registered.registrationRecord,
        ksf,
        wrapped_user_key: wrappedUserKey,
        end_other_sessions: input.endOtherSessions ?? false,
        ...wireFactor(input),
      },
    }),
    'change-password/complete',
  );
}
