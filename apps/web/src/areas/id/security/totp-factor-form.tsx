import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { SecondFactor } from '@cardcoop/sdk';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../auth/form-error';
import { ProgressNote } from '../auth/progress-note';
import { DANGER } from '../common/colors';
import { SecondFactorInput } from './second-factor-input';
import { parseSecondFactor, SECOND_FACTOR_ERRORS } from './second-factor';
import { StepHeading } from '../common/step-heading';
import { useFormErrors } from './use-form-errors';

interface TotpFactorFormProps<T> {
  title: string;
  text: string;
  submitLabel: string;
  danger?: boolean;
  /** Runs with the second factor the member gave (a step-up for a 2FA change). */
  action: (factor: SecondFactor) => Promise<T>;
  onDone: (result: T) => void;
  onCancel: () => void;
}

/** A 2FA change that needs a current code first: turning it off, new backup codes. */
export function TotpFactorForm<T>(props: TotpFactorFormProps<T>) {
  const { t } = useTranslation('id');
  const { title, text, submitLabel, danger, action, onDone, onCancel } = props;
  const [code, setCode] = useState('');
  const run = useMutation({ mutationFn: action, onSuccess: onDone });
  const errors = useFormErrors(run, { code: SECOND_FACTOR_ERRORS });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    run.reset();
    const factor = parseSecondFactor(code);
    if (errors.check(factor ? {} : { code: 'security.factor.invalid' }) && factor)
      run.mutate(factor);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <StepHeading order={3}>{title}</StepHeading>
        <Text>{text}</Text>
        <SecondFactorInput value={code} onChange={setCode} error={errors.field('code')} />
        <FormError message={errors.form} />
        <ProgressNote text={run.isPending ? t('common.progress.working') : undefined} />
        <Group>
          <Button type="submit" color={danger ? DANGER : undefined} loading={run.isPending}>
            {submitLabel}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={run.isPending}>
            {t('common.confirm.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
