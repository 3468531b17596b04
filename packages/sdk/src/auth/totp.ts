import { backupCodesSchema, totpSetupSchema } from '@cardcoop/contracts';
import type { BackupCodes, TotpSetup } from '@cardcoop/contracts';
import type { HttpClient } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';
import { proveCurrentPassword } from './change-email.js';
import { AUTH_PATH, parseResponse, wireFactor } from './common.js';
import type { SecondFactor } from './login.js';
import type { OpaqueRunner } from './opaque-runner.js';

const TOTP_PATH = `${AUTH_PATH}/totp`;

/**
 * The password proof that 2FA enrolment and new backup codes need: a stolen access token alone
 * cannot put another authenticator app, or fresh backup codes, on the account.
 *
 * @example
 * ```ts
 * const input: TotpPasswordInput = { password, opaque: workerOpaque };
 * ```
 */
export interface TotpPasswordInput {
  /** The current password, proven with an OPAQUE re-auth (it never leaves the client). */
  password: string;
  /** The pinned OPAQUE public key of the server; nothing is sent on if the server's differs. */
  expectedServerPublicKey?: string;
  /** Where OPAQUE and argon2id run; in this thread by default. */
  opaque?: OpaqueRunner;
}

/**
 * Input of {@link regenerateBackupCodes}: the password and the current second factor.
 *
 * @example
 * ```ts
 * const input: RegenerateBackupCodesInput = { password, totpCode: '123456' };
 * ```
 */
export type RegenerateBackupCodesInput = TotpPasswordInput & SecondFactor;

/**
 * Starts turning 2FA on: proves the password (OPAQUE re-auth), then the server makes a secret
 * (base32, otpauth URL, SVG QR code) and a `setup_id` for {@link confirmTotp}, live for
 * `expires_in_seconds`. 2FA stays off until a code confirms it; a new setup voids the last one.
 *
 * @throws CardCoopError `INVALID_CREDENTIALS` for a wrong password; `CONFLICT` when 2FA is on;
 * `TOO_MANY_ATTEMPTS` while password attempts are locked; `SERVER_KEY_MISMATCH`.
 * @example
 * ```ts
 * const setup = await startTotpSetup(manager, { password });
 * showQr(setup.qr_svg);
 * ```
 */
export async function startTotpSetup(
  member: MemberSessionManager,
  input: TotpPasswordInput,
): Promise<TotpSetup> {
  const proof = await proveCurrentPassword(member, input.password, input);
  return parseResponse(
    totpSetupSchema,
    await member.request(`${TOTP_PATH}/setup`, { method: 'POST', body: proof }),
    'totp/setup',
  );
}

/**
 * Turns 2FA on with the first code from the app: the answer's 10 backup codes are shown this
 * once. The account's address gets a mail with a link that undoes the enrolment for 7 days.
 *
 * @throws CardCoopError `INVALID_MFA_CODE`; `TOO_MANY_ATTEMPTS` after 5 wrong codes (15 min);
 * `REAUTH_REQUIRED` when the setup expired or was replaced (start again with the password);
 * `CONFLICT` when 2FA is already on.
 * @example
 * ```ts
 * const { backup_codes } = await confirmTotp(manager, setup.setup_id, '123456');
 * ```
 */
export async function confirmTotp(
  member: MemberSessionManager,
  setupId: string,
  code: string,
): Promise<BackupCodes> {
  return parseResponse(
    backupCodesSchema,
    await member.request(`${TOTP_PATH}/confirm`, {
      method: 'POST',
      body: { setup_id: setupId, code },
    }),
    'totp/confirm',
  );
}

/**
 * New backup codes, the old ones void: proves the password, then sends the current second
 * factor (an app code or a backup code).
 *
 * @throws CardCoopError `INVALID_CREDENTIALS` for a wrong password; `INVALID_MFA_CODE`,
 * `TOO_MANY_ATTEMPTS`; `CONFLICT` when 2FA is off.
 * @example
 * ```ts
 * const { backup_codes } = await regenerateBackupCodes(manager, { password, totpCode: '123456' });
 * ```
 */
export async function regenerateBackupCodes(
  member: MemberSessionManager,
  input: RegenerateBackupCodesInput,
): Promise<BackupCodes> {
  const proof = await proveCurrentPassword(member, input.password, input);
  return parseResponse(
    backupCodesSchema,
    await member.request(`${TOTP_PATH}/backup-codes`, {
      method: 'POST',
      body: { ...proof, ...wireFactor(input) },
    }),
    'totp/backup-codes',
  );
}

/**
 * Undoes a 2FA enrolment from the link mailed when it was turned on (no session needed): 2FA
 * goes off, the backup codes are deleted and every session of the account ends (whoever turned
 * it on may hold one).
 *
 * @throws CardCoopError `INVALID_TOKEN` for an unknown, used or expired link (7 days), or when
 * 2FA was turned off or set up again since.
 * @example
 * ```ts
 * await revertTotp(http, new URL(location.href).searchParams.get('token') ?? '');
 * ```
 */
export async function revertTotp(http: HttpClient, token: string): Promise<void> {
  await http.request(`${TOTP_PATH}/revert`, { method: 'POST', body: { token } });
}
