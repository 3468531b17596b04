import { CardCoopError } from '@cardcoop/sdk';
import type { TFunction } from 'i18next';
import { errorMessage } from '../common/error-message';
import { ru } from './messages';

type CardCode = keyof typeof ru.errors;

/** The card's and accounts' own failures, then the id area's common messages. */
export function cardErrorMessage(error: unknown, t: TFunction<'id'>): string {
  const code = error instanceof CardCoopError ? error.code : undefined;
  if (code && code in ru.errors) return t(`card.errors.${code as CardCode}`);
  return errorMessage(error, t);
}

/** Another tab or device saved first (or the server answered with an older revision). */
export function isStaleRevision(error: unknown): boolean {
  return (
    error instanceof CardCoopError && (error.code === 'CONFLICT' || error.code === 'STALE_CARD')
  );
}
