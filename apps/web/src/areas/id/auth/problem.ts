import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { authErrorMessage } from './auth-error';

/**
 * Something to tell the member: a message of the `id` namespace, or a failure whose error code
 * picks the message. Kept untranslated, so switching the language re-renders it.
 */
export type Problem = ParseKeys<'id'> | { failure: unknown };

/** Turns a {@link Problem} into text in the current language. */
export function useProblemText(): (problem: Problem | undefined) => string | undefined {
  const { t } = useTranslation('id');
  return (problem) => {
    if (problem === undefined) return undefined;
    return typeof problem === 'string' ? t(problem) : authErrorMessage(problem.failure, t);
  };
}
