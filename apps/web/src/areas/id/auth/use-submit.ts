import type { CardCoopErrorCode } from '@cardcoop/sdk';
import { useEffect, useRef, useState } from 'react';
import { errorCode } from './auth-error';
import { useProblemText } from './problem';
import type { Problem } from './problem';

export type FieldProblems<Field extends string> = Partial<Record<Field | 'form', Problem>>;

/**
 * A form's action: `busy` while it runs; a failure is shown next to the field its error code
 * belongs to (`fieldOf`), or above the submit button (`form`). `errors` are the texts to show.
 * Focus moves to the first field marked invalid, so the member lands on what to fix; put `form`
 * on the `<form>`.
 */
export function useSubmit<Field extends string>(
  fieldOf: Partial<Record<CardCoopErrorCode, Field>> = {},
) {
  const text = useProblemText();
  const [busy, setBusy] = useState(false);
  const [problems, setErrors] = useState<FieldProblems<Field>>({});
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setErrors({});
    try {
      await action();
    } catch (failure) {
      const code = errorCode(failure);
      const field = (code && fieldOf[code]) || 'form';
      setErrors({ [field]: { failure } } as FieldProblems<Field>);
    } finally {
      setBusy(false);
    }
  };

  const errors = Object.fromEntries(
    Object.entries(problems).map(([field, problem]) => [field, text(problem as Problem)]),
  ) as Partial<Record<Field | 'form', string>>;
  return { busy, errors, setErrors, run, form };
}
