import type { CardCoopErrorCode } from '@cardcoop/sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemText } from '../auth/problem';
import type { Problem } from '../auth/problem';
import { failedField, securityError } from './security-error';

interface Outcome {
  isError: boolean;
  error: unknown;
}

/**
 * The errors of a form: what the member typed wrong (checked here, kept untranslated so a
 * language switch translates them again) and what the server refused, shown next to the field
 * its error code belongs to, or under the form when that field is not on screen.
 */
export function useFormErrors<F extends string>(
  outcome: Outcome,
  fieldOf: Record<F, readonly CardCoopErrorCode[]>,
  onScreen: (field: F) => boolean = () => true,
) {
  const { t } = useTranslation('id');
  const text = useProblemText();
  const [invalid, setInvalid] = useState<Partial<Record<F, Problem>>>({});
  const failure = outcome.isError ? securityError(outcome.error, t) : undefined;
  const failed = outcome.isError ? failedField(outcome.error, fieldOf) : undefined;
  const placed = failed !== undefined && onScreen(failed) ? failed : undefined;
  return {
    /** Sets what the member typed wrong; `true` when nothing is. */
    check: (found: Partial<Record<F, Problem>>) => {
      setInvalid(found);
      return Object.keys(found).length === 0;
    },
    field: (name: F) => text(invalid[name]) ?? (placed === name ? failure : undefined),
    form: placed ? undefined : failure,
  };
}
