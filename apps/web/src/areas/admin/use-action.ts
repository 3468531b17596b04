import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverError } from '../../components/server-error';
import { StepUpCancelled } from '../../components/step-up';

/**
 * One action of a screen: `run` marks it busy, keeps its failure (translated) to show next to
 * its button, and answers `{ value }` when it succeeded; a cancelled step-up is no failure.
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const { t } = useTranslation('id');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (...args: A): Promise<{ value: R } | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return { value: await action(...args) };
    } catch (failure) {
      if (!(failure instanceof StepUpCancelled)) setError(serverError(failure, t));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, setError };
}
