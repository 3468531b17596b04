import { BACKUP_CODE_PATTERN } from '@cardcoop/contracts';
import type { SecondFactor } from '@cardcoop/sdk';

const TOTP_CODE = /^\d{6}$/;

/**
 * What the member typed in the one second-factor field: six digits from the app, or a backup
 * code (`xxxx-xxxx`); `undefined` for anything else. Spaces are ignored.
 */
export function parseSecondFactor(input: string): SecondFactor | undefined {
  const value = input.replace(/\s+/g, '');
  if (TOTP_CODE.test(value)) return { totpCode: value };
  if (BACKUP_CODE_PATTERN.test(value)) return { backupCode: value };
  return undefined;
}

/** Six digits from the authenticator app, spaces ignored; `undefined` otherwise. */
export function parseTotpCode(input: string): string | undefined {
  const value = input.replace(/\s+/g, '');
  return TOTP_CODE.test(value) ? value : undefined;
}

/** Errors the server gives for a second factor, shown next to its field. */
export const SECOND_FACTOR_ERRORS = [
  'MFA_REQUIRED',
  'INVALID_MFA_CODE',
  'TOO_MANY_ATTEMPTS',
] as const;
