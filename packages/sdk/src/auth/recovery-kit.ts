import { recoveryKitStatusSchema } from '@cardcoop/contracts';
import type { RecoveryKitStatus } from '@cardcoop/contracts';
import { confirmationChallenge } from '../crypto/recovery-kit.js';
import { userKeyOwner } from '../crypto/user-key.js';
import type { UserKey } from '../crypto/user-key.js';
import { CardCoopError } from '../errors.js';
import type { MemberSessionManager } from '../session/manager.js';
import { createRecoveryMaterial } from './account-keys.js';
import { proveCurrentPassword } from './change-email.js';
import { AUTH_PATH, parseResponse, wireFactor } from './common.js';
import type { SecondFactor } from './login.js';
import type { OpaqueRunner } from './opaque-runner.js';
import type { RecoveryKit } from './registration.js';

const KIT_PATH = `${AUTH_PATH}/recovery-kit`;

/**
 * Whether the member confirmed holding the current Recovery Kit. While `confirmed` is false (a
 * kit was issued at registration or by a recovery and never confirmed), ask the member to save a
 * new one ({@link reissueRecoveryKit}) at every unlock or sign-in.
 *
 * @example
 * ```ts
 * if (!(await recoveryKitStatus(session)).confirmed) showSaveYourKit();
 * ```
 */
export async function recoveryKitStatus(session: MemberSessionManager): Promise<RecoveryKitStatus> {
  return parseResponse(recoveryKitStatusSchema, await session.request(KIT_PATH), 'recovery-kit');
}

/**
 * Records that the member saved the Recovery Kit on screen (after retyping its confirmation
 * group). Idempotent.
 *
 * @example
 * ```ts
 * if (kit.confirmation.matches(typed)) await confirmRecoveryKit(session);
 * ```
 */
export async function confirmRecoveryKit(
  session: MemberSessionManager,
): Promise<RecoveryKitStatus> {
  return parseResponse(
    recoveryKitStatusSchema,
    await session.request(`${KIT_PATH}/confirm`, { method: 'POST', body: {} }),
    'recovery-kit/confirm',
  );
}

/**
 * Input of {@link reissueRecoveryKit}.
 *
 * @example
 * ```ts
 * const input: ReissueRecoveryKitInput = { password, userKey, factor: { totpCode: '123456' } };
 * ```
 */
export interface ReissueRecoveryKitInput {
  /** The current password, proven again over OPAQUE. */
  password: string;
  /** The unlocked user key; it is wrapped under the new kit, never replaced. */
  userKey: UserKey;
  /** Needed when 2FA is on; otherwise the server answers `MFA_REQUIRED`. */
  factor?: SecondFactor;
  expectedServerPublicKey?: string;
  opaque?: OpaqueRunner;
}

/**
 * Issues a new Recovery Kit: a new recovery key is made here, the user key wrapped under it and
 * test-unwrapped from the printed text, then the server replaces its recovery wrap and auth hash
 * (`POST /auth/recovery-kit`, after a proof of the password and the second factor when on). The
 * previous kit stops working and the member is mailed. The new kit is unconfirmed until
 * {@link confirmRecoveryKit}.
 *
 * @throws CardCoopError `INVALID_CREDENTIALS` for a wrong password; `MFA_REQUIRED` /
 * `INVALID_MFA_CODE` when 2FA is on; `CONFLICT` when the credentials changed meanwhile;
 * `VALIDATION_FAILED` for a user key of another account.
 * @example
 * ```ts
 * const kit = await reissueRecoveryKit(session, { password, userKey });
 * showRecoveryKit(kit.recoveryKey);
 * ```
 */
export async function reissueRecoveryKit(
  session: MemberSessionManager,
  input: ReissueRecoveryKitInput,
): Promise<RecoveryKit> {
  const current = await session.current();
  if (!current) throw new CardCoopError('UNAUTHORIZED', 'Not signed in.', { status: 0 });
  const userId = current.user_id;
  const owner = userKeyOwner(input.userKey);
  if (owner !== undefined && owner !== userId) {
    throw new CardCoopError('VALIDATION_FAILED', 'The user key belongs to another account.', {
      status: 0,
    });
  }
  const material = await createRecoveryMaterial(input.userKey, userId);
  const proof = await proveCurrentPassword(session, input.password, input);
  parseResponse(
    recoveryKitStatusSchema,
    await session.request(KIT_PATH, {
      method: 'POST',
      body: {
        ...proof,
        ...wireFactor(input.factor),
        recovery: { wrapped_user_key: material.wrappedUserKey, auth_hash: material.authHash },
      },
    }),
    'recovery-kit',
  );
  return {
    recoveryKey: material.recoveryKey,
    confirmation: confirmationChallenge(material.recoveryKey),
  };
}
