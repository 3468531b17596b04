import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { workerOpaque } from '../../../lib/opaque/worker-opaque';
import { isEmail } from '../auth/email-field';
import { FormError } from '../auth/form-error';
import type { Problem } from '../auth/problem';
import { ProgressNote } from '../auth/progress-note';
import { useMember } from '../session/require-unlocked';
import { SecondFactorInput } from './second-factor-input';
import { parseSecondFactor, SECOND_FACTOR_ERRORS } from './second-factor';
import { useRefresh, useTotpStatus } from './security-queries';
import { useFormErrors } from './use-form-errors';
import { CurrentPasswordField } from './current-password-field';

type Field = 'email' | 'password' | 'code';

/** Step 1 of an e-mail change: the new address, proven by the password (and 2FA when on). */
export function EmailChangeForm({ onCodeSent }: { onCodeSent: (email: string) => void }) {
  const { t } = useTranslation('id');
  const member = useMember();
  const totp = useTotpStatus();
  const refresh = useRefresh();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const withCode = totp.data?.enabled === true;

  const start = useMutation({
    mutationFn: (factor: { totpCode?: string; backupCode?: string }) =>
      member.changeEmail({ password, newEmail: email.trim(), ...factor, opaque: workerOpaque }),
    onSuccess: () => onCodeSent(email.trim()),
    // 2FA turned on meanwhile on another device: show its field.
    onError: () => void refresh('totp'),
  });
  const errors = useFormErrors<Field>(
    start,
    {
      email: ['VALIDATION_FAILED'],
      password: ['INVALID_CREDENTIALS'],
      code: SECOND_FACTOR_ERRORS,
    },
    (field) => field !== 'code' || withCode,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.reset();
    const found: Partial<Record<Field, Problem>> = {};
    if (!isEmail(email)) found.email = 'auth.fields.emailInvalid';
    if (!password) found.password = 'auth.fields.passwordRequired';
    const factor = withCode ? parseSecondFactor(code) : {};
    if (!factor) found.code = 'security.factor.invalid';
    if (errors.check(found) && factor) start.mutate(factor);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          type="email"
          label={t('security.email.newAddress')}
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          maxLength={254}
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={errors.field('email')}
          disabled={start.isPending}
          required
        />
        <CurrentPasswordField
          value={password}
          onChange={setPassword}
          error={errors.field('password')}
          disabled={start.isPending}
        />
        {withCode && (
          <SecondFactorInput value={code} onChange={setCode} error={errors.field('code')} />
        )}
        <FormError message={errors.form} />
        <ProgressNote text={start.isPending ? t('security.email.checking') : undefined} />
        <Group>
          <Button type="submit" loading={start.isPending}>
            {t('security.email.sendCode')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
