import { CardCoopError } from '@cardcoop/sdk';
import type { CardCoopErrorCode } from '@cardcoop/sdk';
import type { TFunction } from 'i18next';
import { authErrorMessage } from '../auth/auth-error';
import { ru } from './messages';

type OwnCode = keyof typeof ru.errors;

const codeOf = (error: unknown) => (error instanceof CardCoopError ? error.code : undefined);

/** A translated message, with the codes only these settings meet (2FA turned on meanwhile). */
export function securityError(error: unknown, t: TFunction<'id'>): string {
  const code = codeOf(error);
  if (code && code in ru.errors) return t(`security.errors.${code as OwnCode}`);
  return authErrorMessage(error, t);
}

/**
 * The field a failure belongs to, by its code (a wrong password next to the password, a wrong
 * code next to the code); `undefined` when it concerns the form as a whole.
 */
export function failedField<F extends string>(
  error: unknown,
  fields: Record<F, readonly CardCoopErrorCode[]>,
): F | undefined {
  const code = codeOf(error);
  if (!code) return undefined;
  return (Object.keys(fields) as F[]).find((field) => fields[field].includes(code));
}
