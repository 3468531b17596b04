import { CardCoopError } from '@cardcoop/sdk';
import type { TFunction } from 'i18next';
import { ru } from './messages';

type KnownCode = Exclude<keyof typeof ru.errors, 'title' | 'default'>;

/** A translated, human message for what went wrong; codes we do not know get a generic one. */
export function errorMessage(error: unknown, t: TFunction<'id'>): string {
  const code = error instanceof CardCoopError ? error.code : undefined;
  if (code && code in ru.errors) return t(`common.errors.${code as KnownCode}`);
  return t('common.errors.default');
}
