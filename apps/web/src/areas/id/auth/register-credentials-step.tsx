import { Stack, Text } from '@mantine/core';
import type { RegistrationResult } from '@cardcoop/sdk';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { cardcoop } from '../../../lib/cardcoop';
import { workerOpaque } from '../../../lib/opaque/worker-opaque';
import { currentConnectVisit } from '../access/connect-visit';
import { deviceName } from './device-name';
import { CodeStepActions } from './code-step-actions';
import { EmailCodeField } from './email-code-field';
import { checkNewPassword, NewPasswordFields } from './new-password-fields';
import type { NewPassword } from './new-password-fields';
import type { CodeRequest } from './register-flow';
import { CODE, CODE_ERRORS } from './sent-code';
import { StepHeading } from '../common/step-heading';
import { useSubmit } from './use-submit';

/**
 * Registration, step 2: the code from the e-mail and a new password. The server checks the
 * code together with the OPAQUE registration, so both are asked on one screen.
 */
export function RegisterCredentialsStep({
  request,
  onOtherEmail,
  onRegistered,
}: {
  request: CodeRequest;
  onOtherEmail: () => void;
  onRegistered: (result: RegistrationResult) => void;
}) {
  const { t } = useTranslation('id');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState<NewPassword>({ password: '', repeat: '' });
  const { busy, errors, setErrors, run, form } = useSubmit<'code' | 'password' | 'repeat'>({
    ...CODE_ERRORS,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!CODE.test(code)) return setErrors({ code: 'auth.code.invalid' });
    void run(async () => {
      const problems = await checkNewPassword(password);
      if (problems.password || problems.repeat) return setErrors(problems);
      const result = await cardcoop.auth.completeRegistration({
        email: request.email,
        code,
        password: password.password,
        deviceName: deviceName(),
        opaque: workerOpaque,
        connect: currentConnectVisit(),
      });
      onRegistered(result);
    });
  };

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack>
        <StepHeading>{t('auth.register.credentialsTitle')}</StepHeading>
        <EmailCodeField
          sent={request.sent}
          onResend={() =>
            cardcoop.auth.startRegistration({
              email: request.email,
              privacyVersion: request.privacyVersion,
            })
          }
          value={code}
          onChange={setCode}
          error={errors.code}
          disabled={busy}
        />
        <NewPasswordFields
          value={password}
          onChange={setPassword}
          errors={errors}
          disabled={busy}
        />
        <Text size="sm" c="dimmed">
          {t('auth.newPassword.forget')}
        </Text>
        <CodeStepActions
          error={errors.form}
          busy={busy}
          submitLabel={t('auth.register.submit')}
          busyText={t('common.progress.keys')}
          onOtherEmail={onOtherEmail}
        />
      </Stack>
    </form>
  );
}
