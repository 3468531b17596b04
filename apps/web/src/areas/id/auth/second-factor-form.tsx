import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { SecondFactor } from '@cardcoop/sdk';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from './form-error';
import { ProgressNote } from './progress-note';
import { BACKUP_CODE_PATTERN } from '@cardcoop/contracts';
import { StepHeading } from '../common/step-heading';
import { useSubmit } from './use-submit';

const TOTP = /^\d{6}$/;

/**
 * The second factor of a login or a recovery: a code from the authenticator app, or one of the
 * backup codes. A wrong code is shown under the field and can be retyped.
 */
export function SecondFactorForm({
  onSubmit,
  onBack,
  progress,
}: {
  onSubmit: (factor: SecondFactor) => Promise<void>;
  onBack: () => void;
  /** What runs after the code is accepted, when it takes a while (keys for a new password). */
  progress?: string;
}) {
  const { t } = useTranslation('id');
  const [backup, setBackup] = useState(false);
  const [code, setCode] = useState('');
  const { busy, errors, setErrors, run, form } = useSubmit({
    INVALID_MFA_CODE: 'code',
    TOO_MANY_ATTEMPTS: 'code',
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = code.trim();
    if (!(backup ? BACKUP_CODE_PATTERN : TOTP).test(value)) {
      setErrors({
        code: backup ? 'auth.secondFactor.backupInvalid' : 'auth.secondFactor.totpInvalid',
      });
      return;
    }
    void run(() => onSubmit(backup ? { backupCode: value } : { totpCode: value }));
  };

  const switchKind = () => {
    setBackup(!backup);
    setCode('');
    setErrors({});
  };

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack>
        <StepHeading>{t('auth.secondFactor.title')}</StepHeading>
        <Text>{t(backup ? 'auth.secondFactor.backupText' : 'auth.secondFactor.totpText')}</Text>
        <TextInput
          key={backup ? 'backup' : 'totp'}
          label={t(backup ? 'auth.secondFactor.backup' : 'auth.secondFactor.totp')}
          autoComplete="one-time-code"
          inputMode={backup ? 'text' : 'numeric'}
          spellCheck={false}
          maxLength={backup ? 9 : 6}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={errors.code}
          required
        />
        <Anchor component="button" type="button" onClick={switchKind} size="sm" ta="start">
          {t(backup ? 'auth.secondFactor.useTotp' : 'auth.secondFactor.useBackup')}
        </Anchor>
        <FormError message={errors.form} />
        <Group justify="space-between" wrap="wrap-reverse">
          <Button variant="default" onClick={onBack} disabled={busy}>
            {t('auth.secondFactor.back')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('auth.secondFactor.submit')}
          </Button>
        </Group>
        <ProgressNote text={busy ? (progress ?? t('common.progress.working')) : undefined} />
      </Stack>
    </form>
  );
}
