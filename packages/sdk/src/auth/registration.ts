import {
  codeSentSchema,
  DEFAULT_KSF,
  tokenResponseSchema,
  verifyEmailResultSchema,
} from '@cardcoop/contracts';
import type { CodeSent, ConnectVisit, Ksf } from '@cardcoop/contracts';
import { confirmationChallenge } from '../crypto/recovery-kit.js';
import type { ConfirmationChallenge } from '../crypto/recovery-kit.js';
import { CardCoopError } from '../errors.js';
import type { HttpClient } from '../http.js';
import { createAccountKeys } from './account-keys.js';
import { assertServerKey, AUTH_PATH, checkKsf, parseResponse, runOpaqueStep } from './common.js';
import type { MemberSession } from './common.js';
import { inThreadOpaque } from './opaque-runner.js';
import type { OpaqueRunner } from './opaque-runner.js';

/**
 * Input of {@link startRegistration}.
 *
 * @example
 * ```ts
 * const input: StartRegistrationInput = { email: 'ann@example.org', privacyVersion: '2025-01' };
 * ```
 */
export interface StartRegistrationInput {
  email: string;
  /** Version of the privacy policy the member accepted. */
  privacyVersion: string;
}

/**
 * Step 1 of registration: e-mails a 6-digit code. The answer is the same whether or not the
 * address is already registered.
 *
 * @example
 * ```ts
 * const { resend_after_seconds } = await startRegistration(http, {
 *   email: 'ann@example.org',
 *   privacyVersion: policy.version,
 * });
 * ```
 */
export async function startRegistration(
  http: HttpClient,
  { email, privacyVersion }: StartRegistrationInput,
): Promise<CodeSent> {
  const payload = await http.request(`${AUTH_PATH}/initiate-registration`, {
    method: 'POST',
    body: { email, privacy_accepted: true, privacy_version: privacyVersion },
  });
  return parseResponse(codeSentSchema, payload, 'initiate-registration');
}

/**
 * Input of {@link completeRegistration}.
 *
 * @example
 * ```ts
 * const input: CompleteRegistrationInput = {
 *   email: 'ann@example.org',
 *   code: '123456',
 *   password,
 *   expectedServerPublicKey: PINNED_SERVER_KEY,
 * };
 * ```
 */
export interface CompleteRegistrationInput {
  email: string;
  /** The 6-digit code from the e-mail. */
  code: string;
  password: string;
  deviceName?: string;
  /** Password stretching stored with the account; {@link DEFAULT_KSF} unless given. */
  ksf?: Ksf;
  /** The pinned OPAQUE public key of the server; nothing is sent if the server's differs. */
  expectedServerPublicKey?: string;
  /** Where OPAQUE and argon2id run; in this thread by default. */
  opaque?: OpaqueRunner;
  /** Registering on a cooperative's connect page: its visit, for the cooperative's statistics. */
  connect?: ConnectVisit;
}

/**
 * The printable Recovery Kit of a new account; show it once, then drop it.
 *
 * @example
 * ```ts
 * printKit(recoveryKit.recoveryKey);
 * askForGroup(recoveryKit.confirmation.groupIndex + 1); // then confirmation.matches(input)
 * ```
 */
export interface RecoveryKit {
  /** `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`: the only way back in without the password. */
  recoveryKey: string;
  /** The group the member must retype before going on. */
  confirmation: ConfirmationChallenge;
}

/**
 * A new account, signed in and unlocked, with its Recovery Kit.
 *
 * @example
 * ```ts
 * const { tokens, userKey, recoveryKit, serverStaticPublicKey } = result;
 * ```
 */
export interface RegistrationResult extends MemberSession {
  recoveryKit: RecoveryKit;
}

/**
 * Steps 2 and 3 of registration: verifies the e-mail code with an OPAQUE registration request,
 * finishes OPAQUE with the given KSF, makes the user key, wraps it under the password's KEK and
 * under a new recovery key, test-unwraps both, and only then commits the account.
 *
 * @throws CardCoopError `INVALID_CODE`, `CODE_EXPIRED`, … from the server; `SERVER_KEY_MISMATCH`
 * when `expectedServerPublicKey` differs; `VALIDATION_FAILED` for an unacceptable `ksf`.
 * @example
 * ```ts
 * const { tokens, userKey, recoveryKit } = await completeRegistration(http, {
 *   email: 'ann@example.org',
 *   code: '123456',
 *   password,
 *   deviceName: 'Firefox on Linux',
 * });
 * showRecoveryKit(recoveryKit.recoveryKey);
 * ```
 */
export async function completeRegistration(
  http: HttpClient,
  input: CompleteRegistrationInput,
): Promise<RegistrationResult> {
  const ksf = checkKsf(input.ksf ?? DEFAULT_KSF);
  const runner = input.opaque ?? inThreadOpaque;
  const { clientRegistrationState, registrationRequest } = await runner.startRegistration(
    input.password,
  );
  const verified = parseResponse(
    verifyEmailResultSchema,
    await http.request(`${AUTH_PATH}/verify-email`, {
      method: 'POST',
      body: { email: input.email, code: input.code, registration_request: registrationRequest },
    }),
    'verify-email',
  );
  const { registrationRecord, exportKey, serverStaticPublicKey } = await runOpaqueStep(() =>
    runner.finishRegistration({
      password: input.password,
      clientRegistrationState,
      registrationResponse: verified.registration_response,
      ksf,
    }),
  );
  assertServerKey(input.expectedServerPublicKey, serverStaticPublicKey);
  const keys = await createAccountKeys(exportKey, verified.user_id);
  const tokens = parseResponse(
    tokenResponseSchema,
    await http.request(`${AUTH_PATH}/complete-registration`, {
      method: 'POST',
      body: {
        registration_token: verified.registration_token,
        registration_record: registrationRecord,
        ksf,
        wrapped_user_key: keys.wrappedUserKey,
        recovery: {
          wrapped_user_key: keys.recovery.wrappedUserKey,
          auth_hash: keys.recovery.authHash,
        },
        device_name: input.deviceName,
        connect: input.connect,
      },
    }),
    'complete-registration',
  );
  if (tokens.user_id !== verified.user_id) {
    throw new CardCoopError('INVALID_RESPONSE', 'The account id changed during registration.', {
      status: 200,
    });
  }
  return {
    tokens,
    userKey: keys.userKey,
    serverStaticPublicKey,
    recoveryKit: {
      recoveryKey: keys.recovery.recoveryKey,
      confirmation: confirmationChallenge(keys.recovery.recoveryKey),
    },
  };
}
