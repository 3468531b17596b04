import { useEffect, useState } from 'react';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { serverError } from '../../../components/server-error';
import { StepUpCancelled } from '../../../components/step-up';
import { isConflict, problemsOf, serverIssues } from './cooperative-form';
import type { Problems } from './cooperative-form';

/**
 * Sends a cooperative's settings: the contracts schema's issues first (nothing is sent then),
 * then the server's 422 issues, each next to its field; a 409 is told by `onConflict` (a taken
 * name, a stale revision); any other failure belongs to the whole form. `formRef`: the form.
 */
export function useSettingsSubmit(
  onConflict: () => Problems | string,
  formRef?: RefObject<HTMLFormElement | null>,
) {
  const { t } = useTranslation('admin');
  const { t: tId } = useTranslation('id');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [formError, setFormError] = useState<string>();
  const rule = (field: keyof Problems) => t(`cooperatives.invalid.${field}`);
  // The first field with a problem takes the focus (it may be scrolled out of the dialog).
  useEffect(() => {
    formRef?.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [formRef, problems]);

  const submit = async <T>(
    issues: readonly { path: readonly PropertyKey[] }[],
    action: () => Promise<T>,
  ): Promise<{ value: T } | undefined> => {
    setFormError(undefined);
    const found = problemsOf(issues, rule);
    setProblems(found);
    if (issues.length > 0) return undefined;
    setBusy(true);
    try {
      return { value: await action() };
    } catch (failure) {
      if (failure instanceof StepUpCancelled) return undefined;
      const told = serverIssues(failure);
      const fields = problemsOf(told, rule);
      if (Object.keys(fields).length > 0) setProblems(fields);
      else if (isConflict(failure)) {
        const answer = onConflict();
        if (typeof answer === 'string') setFormError(answer);
        else setProblems(answer);
      } else setFormError(serverError(failure, tId));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    setProblems({});
    setFormError(undefined);
  };
  return { submit, busy, problems, formError, reset };
}
