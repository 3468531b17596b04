import { CardCoopError } from '@cardcoop/sdk';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';

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
