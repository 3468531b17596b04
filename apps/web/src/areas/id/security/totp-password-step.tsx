import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { workerOpaque } from '../../../lib/opaque/worker-opaque';
import { FormError } from '../auth/form-error';
import { ProgressNote } from '../auth/progress-note';
import { StepHeading } from '../common/step-heading';
import { useMember } from '../session/require-unlocked';
import type { TotpSetup } from './totp-setup';
import { useFormErrors } from './use-form-errors';
import { CurrentPasswordField } from './current-password-field';

interface TotpPasswordStepProps {
  onStarted: (setup: TotpSetup) => void;
  onCancel: () => void;
}

/**
 * Turning 2FA on, step 1: the password, proven on this device (OPAQUE in the worker); a session
 * alone cannot connect an app. The server then makes the secret for step 2.
 */
export function TotpPasswordStep({ onStarted, onCancel }: TotpPasswordStepProps) {
  const { t } = useTranslation('id');
  const member = useMember();
  const [password, setPassword] = useState('');
  const start = useMutation({
    mutationFn: () => member.totp.setup({ password, opaque: workerOpaque }),
    onSuccess: onStarted,
  });
  const errors = useFormErrors(start, { password: ['INVALID_CREDENTIALS'] });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.reset();
    if (errors.check(password ? {} : { password: 'security.password.currentRequired' }))
      start.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <StepHeading order={3}>{t('security.totp.passwordTitle')}</StepHeading>
        <Text>{t('security.totp.passwordText')}</Text>
        <CurrentPasswordField
          value={password}
          onChange={setPassword}
          error={errors.field('password')}
          disabled={start.isPending}
        />
        <FormError message={errors.form} />
        <ProgressNote text={start.isPending ? t('security.totp.checking') : undefined} />
        <Group>
          <Button type="submit" loading={start.isPending}>
            {t('security.totp.continue')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={start.isPending}>
            {t('common.confirm.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
