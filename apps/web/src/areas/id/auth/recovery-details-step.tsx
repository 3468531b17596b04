import { Alert, Stack, TextInput } from '@mantine/core';
import type { RecoveryMfaChallenge, RecoveryResult } from '@cardcoop/sdk';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { cardcoop } from '../../../lib/cardcoop';
import { workerOpaque } from '../../../lib/opaque/worker-opaque';
import { deviceName } from './device-name';
import { CodeStepActions } from './code-step-actions';
import { EmailCodeField } from './email-code-field';
import { checkNewPassword, NewPasswordFields } from './new-password-fields';
import type { NewPassword } from './new-password-fields';
import classes from './recovery-kit.module.css';
import { CODE, CODE_ERRORS } from './sent-code';
import type { SentCode } from './sent-code';
import { StepHeading } from '../common/step-heading';
import { useSubmit } from './use-submit';

/** Recovery, step 2: the code from the e-mail, the recovery key and the new password. */
export function RecoveryDetailsStep({
  sent,
  onOtherEmail,
  onRecovered,
  onSecondFactor,
}: {
  sent: SentCode;
  onOtherEmail: () => void;
  onRecovered: (result: RecoveryResult) => void;
  onSecondFactor: (mfa: RecoveryMfaChallenge) => void;
}) {
  const { t } = useTranslation('id');
  const [code, setCode] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [password, setPassword] = useState<NewPassword>({ password: '', repeat: '' });
  const { busy, errors, setErrors, run, form } = useSubmit<'code' | 'key' | 'password' | 'repeat'>({
    ...CODE_ERRORS,
    INVALID_RECOVERY_KEY: 'key',
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!CODE.test(code)) return setErrors({ code: 'auth.code.invalid' });
    if (!recoveryKey.trim()) return setErrors({ key: 'auth.recovery.recoveryKeyRequired' });
    void run(async () => {
      const problems = await checkNewPassword(password);
      if (problems.password || problems.repeat) return setErrors(problems);
      const outcome = await cardcoop.auth.recover({
        email: sent.email,
        code,
        recoveryKey,
        newPassword: password.password,
        deviceName: deviceName(),
        opaque: workerOpaque,
      });
      if (outcome.status === 'mfa_required') onSecondFactor(outcome.mfa);
      else onRecovered(outcome.result);
    });
  };

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack>
        <StepHeading>{t('auth.recovery.detailsTitle')}</StepHeading>
        <EmailCodeField
          sent={sent}
          onResend={() => cardcoop.auth.requestRecovery(sent.email)}
          value={code}
          onChange={setCode}
          error={errors.code}
          disabled={busy}
        />
        <TextInput
          label={t('auth.recovery.recoveryKey')}
          description={t('auth.recovery.recoveryKeyDescription')}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          classNames={{ input: classes.keyInput }}
          value={recoveryKey}
          onChange={(event) => setRecoveryKey(event.currentTarget.value)}
          error={errors.key}
          disabled={busy}
          required
        />
        <NewPasswordFields
          value={password}
          onChange={setPassword}
          errors={errors}
          disabled={busy}
        />
        <Alert variant="light" color="blue">
          {t('auth.recovery.sessionsEnd')}
        </Alert>
        <CodeStepActions
          error={errors.form}
          busy={busy}
          submitLabel={t('auth.recovery.submit')}
          busyText={t('common.progress.keys')}
          onOtherEmail={onOtherEmail}
        />
      </Stack>
    </form>
  );
}
