import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { cardcoop } from '../../../lib/cardcoop';
import { EmailCodeField } from './email-code-field';
import { FormError } from './form-error';
import { ProgressNote } from './progress-note';
import { CODE } from './sent-code';
import type { SentCode } from './sent-code';
import { StepHeading } from './step-heading';
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
    INVALID_CODE: 'code',
    CODE_EXPIRED: 'code',
    TOO_MANY_ATTEMPTS: 'code',
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
        <FormError message={errors.form} />
        <Button type="submit" color="red" loading={busy}>
          {t('auth.deletion.confirm')}
        </Button>
        <ProgressNote text={busy ? t('common.progress.working') : undefined} />
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={onOtherEmail}
          disabled={busy}
          ta="start"
        >
          {t('auth.code.otherEmail')}
        </Anchor>
      </Stack>
    </form>
  );
}
