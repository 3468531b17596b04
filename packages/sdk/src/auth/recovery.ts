import {
  codeSentSchema,
  DEFAULT_KSF,
  recoveryVerifiedSchema,
  tokenResponseSchema,
} from '@cardcoop/contracts';
import type { CodeSent, Ksf, RecoveryVerified } from '@cardcoop/contracts';
import { parseRecoveryKey, confirmationChallenge, recoveryProof } from '../crypto/recovery-kit.js';
import { unwrapUserKeyWithRecovery } from '../crypto/user-key.js';
import type { UserKey } from '../crypto/user-key.js';
import { CardCoopError } from '../errors.js';
import type { HttpClient } from '../http.js';
import { createRecoveryMaterial, wrapForPassword } from './account-keys.js';
import {
  assertServerKey,
  AUTH_PATH,
  checkKsf,
  parseResponse,
  runOpaqueStep,
  wireFactor,
} from './common.js';
import type { SecondFactor } from './login.js';
import { inThreadOpaque } from './opaque-runner.js';
import type { OpaqueRunner } from './opaque-runner.js';
import type { RegistrationResult } from './registration.js';

/**
 * Step 1 of recovery: e-mails a 6-digit code. The answer is the same for unknown addresses.
 *
 * @example
 * ```ts
 * const { resend_after_seconds } = await requestRecovery(http, 'ann@example.org');
 * ```
 */
export async function requestRecovery(http: HttpClient, email: string): Promise<CodeSent> {
  return parseResponse(
    codeSentSchema,
    await http.request(`${AUTH_PATH}/recovery/initiate`, { method: 'POST', body: { email } }),
    'recovery/initiate',
  );
}

/**
 * Input of {@link recover}.
 *
 * @example
 * ```ts
 * const input: RecoverInput = {
 *   email: 'ann@example.org',
 *   code: '123456',
 *   recoveryKey: 'XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX',
 *   newPassword,
 *   deviceName: 'Firefox on Linux',
 * };
 * ```
 */
export interface RecoverInput {
  email: string;
  /** The 6-digit code from the e-mail. */
  code: string;
  /** The recovery key as the member typed it (case, spaces, dashes and O/0, I/L/1 tolerated). */
  recoveryKey: string;
  newPassword: string;
  /** Stretching for the new password; {@link DEFAULT_KSF} unless given. */
  ksf?: Ksf;
  /** Send a second factor up front; a wrong one throws `INVALID_MFA_CODE`. */
  totpCode?: string;
  backupCode?: string;
  deviceName?: string;
  /** The pinned OPAQUE public key of the server; nothing is committed if the server's differs. */
  expectedServerPublicKey?: string;
  /** Where OPAQUE and argon2id run; in this thread by default. */
  opaque?: OpaqueRunner;
}

/**
 * A recovered account: a new session (every other one was ended), the same user key, and a
 * NEW Recovery Kit (the old key no longer works); show the kit and confirm a group as at
 * registration.
 *
 * @example
 * ```ts
 * const { tokens, userKey, recoveryKit } = result;
 * ```
 */
export type RecoveryResult = RegistrationResult;

/**
 * The rest of a recovery that needs a second factor. Nothing was committed: `complete` resends
 * the same verification with the code and carries on. It can be called again after
 * `INVALID_MFA_CODE`.
 *
 * @example
 * ```ts
 * const result = await outcome.mfa.complete({ totpCode: '123456' });
 * ```
 */
export interface RecoveryMfaChallenge {
  complete(factor: SecondFactor): Promise<RecoveryResult>;
}

/**
 * What {@link recover} ends with: a recovered account, or a request for the second factor.
 *
 * @example
 * ```ts
 * const result =
 *   outcome.status === 'recovered'
 *     ? outcome.result
 *     : await outcome.mfa.complete({ totpCode: await askForCode() });
 * ```
 */
export type RecoveryOutcome =
  | { status: 'recovered'; result: RecoveryResult }
  | { status: 'mfa_required'; mfa: RecoveryMfaChallenge };

/**
 * Step 2 of recovery (lost password, kept Recovery Kit): proves the e-mail code and possession
 * of the recovery key (plus the second factor when 2FA is on: recovery never bypasses it),
 * opens the recovery copy of the user key, registers the new password, wraps the same user key
 * under its KEK and under a NEW recovery key, test-unwraps both, and only then commits. The
 * server ends every other session.
 *
 * @throws CardCoopError `INVALID_RECOVERY_KEY` for a mistyped key (before anything is sent) or a
 * key that does not match; `INVALID_CODE`, `CODE_EXPIRED`, `TOO_MANY_ATTEMPTS`,
 * `INVALID_MFA_CODE`; `VALIDATION_FAILED` for an unacceptable `ksf`; `SERVER_KEY_MISMATCH`.
 * @example
 * ```ts
 * await requestRecovery(http, email);
 * let outcome = await recover(http, { email, code, recoveryKey, newPassword });
 * const result =
 *   outcome.status === 'recovered'
 *     ? outcome.result
 *     : await outcome.mfa.complete({ totpCode: await askForCode() });
 * showRecoveryKit(result.recoveryKit.recoveryKey);
 * ```
 */
export async function recover(http: HttpClient, input: RecoverInput): Promise<RecoveryOutcome> {
  const ksf = checkKsf(input.ksf ?? DEFAULT_KSF);
  const secret = await parseRecoveryKey(input.recoveryKey);
  const proof = await recoveryProof(secret);
  const runner = input.opaque ?? inThreadOpaque;
  const { clientRegistrationState, registrationRequest } = await runner.startRegistration(
    input.newPassword,
  );

  const verify = async (factor: SecondFactor | undefined): Promise<RecoveryVerified> =>
    parseResponse(
      recoveryVerifiedSchema,
      await http.request(`${AUTH_PATH}/recovery/verify`, {
        method: 'POST',
        body: {
          email: input.email,
          code: input.code,
          recovery_proof: proof,
          registration_request: registrationRequest,
          ...wireFactor(factor),
        },
      }),
      'recovery/verify',
    );

  const finish = async (verified: RecoveryVerified): Promise<RecoveryResult> => {
    const userId = verified.user_id;
    const userKey = await openRecoveryWrap(secret, verified.recovery_wrapped_user_key, userId);
    const registered = await runOpaqueStep(() =>
      runner.finishRegistration({
        password: input.newPassword,
        clientRegistrationState,
        registrationResponse: verified.registration_response,
        ksf,
      }),
    );
    assertServerKey(input.expectedServerPublicKey, registered.serverStaticPublicKey);
    const wrappedUserKey = await wrapForPassword(registered.exportKey, userKey, userId);
    const recovery = await createRecoveryMaterial(userKey, userId);
    const tokens = parseResponse(
      tokenResponseSchema,
      await http.request(`${AUTH_PATH}/recovery/complete`, {
        method: 'POST',
        body: {
          recovery_id: verified.recovery_id,
          registration_record: registered.registrationRecord,
          ksf,
          wrapped_user_key: wrappedUserKey,
          recovery: { wrapped_user_key: recovery.wrappedUserKey, auth_hash: recovery.authHash },
          device_name: input.deviceName,
        },
      }),
      'recovery/complete',
    );
    if (tokens.user_id !== userId) {
      throw new CardCoopError('INVALID_RESPONSE', 'The account id changed during recovery.', {
        status: 200,
      });
    }
    return {
      tokens,
      userKey,
      serverStaticPublicKey: registered.serverStaticPublicKey,
      recoveryKit: {
        recoveryKey: recovery.recoveryKey,
        confirmation: confirmationChallenge(recovery.recoveryKey),
      },
    };
  };

  let verified: RecoveryVerified;
  try {
    verified = await verify(upFrontFactor(input));
  } catch (error) {
    if (!(error instanceof CardCoopError) || error.code !== 'MFA_REQUIRED') throw error;
    return {
      status: 'mfa_required',
      mfa: { complete: async (factor) => finish(await verify(factor)) },
    };
  }
  return { status: 'recovered', result: await finish(verified) };
}

/** A wrap the proven recovery key cannot open is, for the member, a key that does not match. */
async function openRecoveryWrap(
  secret: Uint8Array,
  envelope: unknown,
  userId: string,
): Promise<UserKey> {
  try {
    return await unwrapUserKeyWithRecovery(secret, envelope, userId);
  } catch (cause) {
    if (!(cause instanceof CardCoopError) || cause.code !== 'DECRYPTION_FAILED') throw cause;
    throw new CardCoopError('INVALID_RECOVERY_KEY', 'The recovery key does not match.', {
      status: 0,
      cause,
    });
  }
}

function upFrontFactor({ totpCode, backupCode }: RecoverInput): SecondFactor | undefined {
  if (totpCode !== undefined) return { totpCode };
  if (backupCode !== undefined) return { backupCode };
  return undefined;
}
