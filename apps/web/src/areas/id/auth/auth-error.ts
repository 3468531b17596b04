import { CardCoopError } from '@cardcoop/sdk';
import type { CardCoopErrorCode } from '@cardcoop/sdk';
import type { TFunction } from 'i18next';
import { errorMessage } from '../common/error-message';
import { ru } from './messages';

type AuthCode = keyof typeof ru.errors;

/** The SDK's error code, when the failure is the SDK's. */
export function errorCode(error: unknown): CardCoopErrorCode | undefined {
  return error instanceof CardCoopError ? error.code : undefined;
}

/** A translated message for a failed auth step, with the codes only these flows meet. */
export function authErrorMessage(error: unknown, t: TFunction<'id'>): string {
  const code = errorCode(error);
  if (code && code in ru.errors) return t(`auth.errors.${code as AuthCode}`);
  return errorMessage(error, t);
}
