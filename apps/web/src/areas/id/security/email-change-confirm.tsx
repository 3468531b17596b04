import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../auth/form-error';
import { ProgressNote } from '../auth/progress-note';
import { CODE } from '../auth/sent-code';
import { useMember } from '../session/require-unlocked';
import { StepHeading } from '../common/step-heading';
import { useFormErrors } from './use-form-errors';

interface EmailChangeConfirmProps {
  email: string;
  onChanged: () => void;
  onBack: () => void;
}

/** Step 2 of an e-mail change: the code that went to the new address. */
export function EmailChangeConfirm({ email, onChanged, onBack }: EmailChangeConfirmProps) {
  const { t } = useTranslation('id');
  const member = useMember();
  const [code, setCode] = useState('');
  const confirm = useMutation({
    mutationFn: (value: string) => member.confirmEmailChange(value),
    onSuccess: onChanged,
  });
  const errors = useFormErrors(confirm, {
    code: ['INVALID_CODE', 'CODE_EXPIRED', 'TOO_MANY_ATTEMPTS'],
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.reset();
    if (errors.check(CODE.test(code) ? {} : { code: 'auth.code.invalid' })) confirm.mutate(code);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <StepHeading order={3}>{t('security.email.codeTitle')}</StepHeading>
        <TextInput
          label={t('auth.code.label')}
          description={t('security.email.codeSent', { email })}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={6}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value.replace(/\s/g, ''))}
          error={errors.field('code')}
          disabled={confirm.isPending}
          required
        />
        <FormError message={errors.form} />
        <ProgressNote text={confirm.isPending ? t('common.progress.working') : undefined} />
        <Group>
          <Button type="submit" loading={confirm.isPending}>
            {t('security.email.confirm')}
          </Button>
          <Button variant="default" onClick={onBack} disabled={confirm.isPending}>
            {t('security.email.otherAddress')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
