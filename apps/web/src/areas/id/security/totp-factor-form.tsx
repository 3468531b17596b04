import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { SecondFactor } from '@cardcoop/sdk';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../auth/form-error';
import type { Problem } from '../auth/problem';
import { ProgressNote } from '../auth/progress-note';
import { DANGER } from '../common/colors';
import { SecondFactorInput } from './second-factor-input';
import { parseSecondFactor, SECOND_FACTOR_ERRORS } from './second-factor';
import { StepHeading } from '../common/step-heading';
import { useFormErrors } from './use-form-errors';
import { CurrentPasswordField } from './current-password-field';

type Field = 'password' | 'code';

interface TotpFactorFormProps<T> {
  title: string;
  text: string;
  submitLabel: string;
  danger?: boolean;
  /** Asks for the password too (new backup codes: a session and a code are not enough). */
  withPassword?: boolean;
  /** Runs with the second factor the member gave (a step-up for a 2FA change), and the password. */
  action: (factor: SecondFactor, password: string) => Promise<T>;
  onDone: (result: T) => void;
  onCancel: () => void;
}

/**
 * A 2FA change that needs a current code first (turning it off), or the password and a code
 * (new backup codes).
 */
export function TotpFactorForm<T>(props: TotpFactorFormProps<T>) {
  const { t } = useTranslation('id');
  const { title, text, submitLabel, danger, withPassword, action, onDone, onCancel } = props;
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const run = useMutation({
    mutationFn: (factor: SecondFactor) => action(factor, password),
    onSuccess: onDone,
  });
  const errors = useFormErrors<Field>(
    run,
    { password: ['INVALID_CREDENTIALS'], code: SECOND_FACTOR_ERRORS },
    (field) => field !== 'password' || withPassword === true,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    run.reset();
    const found: Partial<Record<Field, Problem>> = {};
    if (withPassword && !password) found.password = 'security.password.currentRequired';
    const factor = parseSecondFactor(code);
    if (!factor) found.code = 'security.factor.invalid';
    if (errors.check(found) && factor) run.mutate(factor);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <StepHeading order={3}>{title}</StepHeading>
        <Text>{text}</Text>
        {withPassword && (
          <CurrentPasswordField
            value={password}
            onChange={setPassword}
            error={errors.field('password')}
            disabled={run.isPending}
          />
        )}
        <SecondFactorInput value={code} onChange={setCode} error={errors.field('code')} />
        <FormError message={errors.form} />
        <ProgressNote
          text={
            run.isPending
              ? t(withPassword ? 'security.totp.checking' : 'common.progress.working')
              : undefined
          }
        />
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
