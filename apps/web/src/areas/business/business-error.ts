import { CardCoopError } from '@cardcoop/sdk';
import type { ParseKeys, TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ru } from '../id/common/messages';
import { errorMessage } from '../id/common/error-message';

/**
 * What went wrong, translated: the id area's words for the codes it knows; for the panel's own
 * codes the server's message (already in the language the client asked for).
 */
export function businessError(error: unknown, t: TFunction<'id'>): string {
  if (
    error instanceof CardCoopError &&
    !(error.code in ru.errors) &&
    error.status >= 400 &&
    error.status < 500 &&
    error.message
  )
    return error.message;
  return errorMessage(error, t);
}

/** Whether the server refused because the session needs a fresh second factor (ADR 019). */
export const needsStepUp = (error: unknown) =>
  error instanceof CardCoopError && error.code === 'STEP_UP_REQUIRED';

/** Whether the server refused a stale revision (someone else changed it first). */
export const isConflict = (error: unknown) =>
  error instanceof CardCoopError && error.status === 409;

/**
 * A problem to show beside what caused it: a message key of the panel, translated when shown
 * (so a language switch translates it too), or a text the server already translated.
 */
export type Problem = { key: ParseKeys<'business'> } | { text: string };

/** Renders problems in the language on screen. */
export function useSay() {
  const { t } = useTranslation('business');
  return (problem: Problem | undefined): string | undefined =>
    problem === undefined ? undefined : 'key' in problem ? t(problem.key) : problem.text;
}
