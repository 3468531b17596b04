import { Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { cardcoop } from '../../../lib/cardcoop';
import { CodeStepActions } from './code-step-actions';
import { EmailCodeField } from './email-code-field';
import { CODE, CODE_ERRORS } from './sent-code';
import type { SentCode } from './sent-code';
import { StepHeading } from '../common/step-heading';
import { useSubmit } from './use-submit';

/** Deletion, step 2: the code from the e-mail schedules the deletion. */
export function DeletionCodeStep({
  sent,
  onOtherEmail,
  onScheduled,
}: {
  sent: SentCode;
  onOtherEmail: () => void;
  onScheduled: (dueAt: string) => void;
}) {
  const { t } = useTranslation('id');
  const [code, setCode] = useState('');
  const { busy, errors, setErrors, run, form } = useSubmit<'code'>({
    ...CODE_ERRORS,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!CODE.test(code)) return setErrors({ code: 'auth.code.invalid' });
    void run(async () => {
      const scheduled = await cardcoop.auth.confirmDeletion({ email: sent.email, code });
      onScheduled(scheduled.deletion_due_at);
    });
  };

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack>
        <StepHeading>{t('auth.deletion.codeTitle')}</StepHeading>
        <Text>{t('auth.deletion.wait')}</Text>
        <EmailCodeField
          sent={sent}
          onResend={() => cardcoop.auth.requestDeletion(sent.email)}
          value={code}
          onChange={setCode}
          error={errors.code}
          disabled={busy}
        />
        <CodeStepActions
          error={errors.form}
          busy={busy}
          submitLabel={t('auth.deletion.confirm')}
          busyText={t('common.progress.working')}
          color="red"
          onOtherEmail={onOtherEmail}
        />
      </Stack>
    </form>
  );
}
