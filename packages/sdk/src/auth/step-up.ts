import { steppedUpSchema } from '@cardcoop/contracts';
import type { SteppedUp } from '@cardcoop/contracts';
import type { MemberSessionManager } from '../session/manager.js';
import { proveCurrentPassword } from './change-email.js';
import { AUTH_PATH, parseResponse, wireFactor } from './common.js';
import type { SecondFactor } from './login.js';
import type { OpaqueRunner } from './opaque-runner.js';

/**
 * What a step-up proves: an app code or a backup code when 2FA is on, else the password (proven
 * over OPAQUE; it never leaves the client).
 *
 * @example
 * ```ts
 * const input: StepUpInput = totpOn ? { totpCode: '123456' } : { password };
 * ```
 */
export type StepUpInput =
  SecondFactor | { password: string; expectedServerPublicKey?: string; opaque?: OpaqueRunner };

/**
 * Step-up (ADR 019): proves a second factor now, so that this session — no other — may do the
 * operations that hand out secrets or change owners for the next five minutes (`valid_until`).
 *
 * @throws CardCoopError `MFA_REQUIRED` when 2FA is on and only the password was given;
 * `REAUTH_REQUIRED` when 2FA is off and a code was given; `INVALID_MFA_CODE`,
 * `TOO_MANY_ATTEMPTS`; `INVALID_CREDENTIALS` for a wrong password.
 * @example
 * ```ts
 * await stepUp(session, { totpCode: '123456' });
 * await business.staff.changeRole('voskhod', userId, 'owner');
 * ```
 */
export async function stepUp(
  session: MemberSessionManager,
  input: StepUpInput,
): Promise<SteppedUp> {
  const body =
    'password' in input
      ? await proveCurrentPassword(session, input.password, input)
      : wireFactor(input);
  return parseResponse(
    steppedUpSchema,
    await session.request(`${AUTH_PATH}/step-up`, { method: 'POST', body }),
    'step-up',
  );
}
