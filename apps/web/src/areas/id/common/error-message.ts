import { CardCoopError } from '@cardcoop/sdk';
import type { TFunction } from 'i18next';
import { ru } from './messages';

type KnownCode = Exclude<keyof typeof ru.errors, 'title' | 'default'>;
type WaitCode = keyof typeof ru.wait;

const isWaitCode = (code: string): code is WaitCode => code in ru.wait;

/**
 * A translated, human message for what went wrong, the one mapping every screen of the area
 * uses: a lockout or rate limit says how long to wait (from Retry-After), a 503 that the
 * service is busy; codes we do not know get a generic one.
 */
export function errorMessage(error: unknown, t: TFunction<'id'>): string {
  if (!(error instanceof CardCoopError)) return t('common.errors.default');
  const { code, retryAfterSeconds } = error;
  if (isWaitCode(code) && retryAfterSeconds)
    return t(`common.wait.${code}`, { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
  if (error.status === 503) return t('common.errors.SERVICE_UNAVAILABLE');
  if (code in ru.errors) return t(`common.errors.${code as KnownCode}`);
  return t('common.errors.default');
}
