import { Alert, Button, Checkbox, Group, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { workerOpaque } from '../../../lib/opaque/worker-opaque';
import { FormError } from '../auth/form-error';
import { checkNewPassword, NewPasswordFields } from '../auth/new-password-fields';
import type { NewPassword } from '../auth/new-password-fields';
import type { Problem } from '../auth/problem';
import { ProgressNote } from '../auth/progress-note';
import { useMember } from '../session/require-unlocked';
import { SecondFactorInput } from './second-factor-input';
import { parseSecondFactor, SECOND_FACTOR_ERRORS } from './second-factor';
import { SecuritySection } from './security-section';
import { useRefresh, useTotpStatus } from './security-queries';
import { useFormErrors } from './use-form-errors';
import { CurrentPasswordField } from './current-password-field';

type Field = 'current' | 'password' | 'repeat' | 'code';

const EMPTY: NewPassword = { password: '', repeat: '' };

/**
 * A new password: the current one proves itself (OPAQUE, in the worker), the user key is
 * re-wrapped under the new one; the card and the Recovery Kit stay as they are.
 */
export function PasswordSection() {
  const { t } = useTranslation('id');
  const member = useMember();
  const totp = useTotpStatus();
  const refresh = useRefresh();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState(EMPTY);
  const [code, setCode] = useState('');
  const [endOthers, setEndOthers] = useState(true);
  const withCode = totp.data?.enabled === true;

  const change = useMutation({
    mutationFn: async (factor: { totpCode?: string; backupCode?: string }) => {
      // The unlocked member client re-wraps its own user key under the new password.
      return member.changePassword({
        currentPassword: current,
        newPassword: next.password,
        endOtherSessions: endOthers,
        ...factor,
        opaque: workerOpaque,
      });
    },
    onSuccess: () => {
      setCurrent('');
      setNext(EMPTY);
      setCode('');
      void refresh('sessions', 'audit');
    },
    // 2FA turned on meanwhile on another device: show its field.
    onError: () => void refresh('totp'),
  });
  const errors = useFormErrors<Field>(
    change,
    { current: ['INVALID_CREDENTIALS'], password: [], repeat: [], code: SECOND_FACTOR_ERRORS },
    (field) => field !== 'code' || withCode,
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    change.reset();
    const found: Partial<Record<Field, Problem>> = current
      ? await checkNewPassword(next)
      : { current: 'security.password.currentRequired' };
    if (current && next.password === current) found.password = 'security.password.same';
    const factor = withCode ? parseSecondFactor(code) : {};
    if (!factor) found.code = 'security.factor.invalid';
    if (errors.check(found) && factor) change.mutate(factor);
  };

  return (
    <SecuritySection
      title={t('security.password.title')}
      description={t('security.password.description')}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <CurrentPasswordField
            value={current}
            onChange={setCurrent}
            error={errors.field('current')}
            disabled={change.isPending}
          />
          <NewPasswordFields
            value={next}
            onChange={setNext}
            errors={{ password: errors.field('password'), repeat: errors.field('repeat') }}
            disabled={change.isPending}
          />
          {withCode && (
            <SecondFactorInput value={code} onChange={setCode} error={errors.field('code')} />
          )}
          <Checkbox
            label={t('security.password.endOthers')}
            description={t('security.password.endOthersHint')}
            checked={endOthers}
            onChange={(event) => setEndOthers(event.currentTarget.checked)}
            disabled={change.isPending}
          />
          <FormError message={errors.form} />
          {change.isSuccess && (
            <Alert color="green" role="status">
              {t('security.password.changed', { number: change.data.sessions_ended })}
            </Alert>
          )}
          <ProgressNote text={change.isPending ? t('security.password.progress') : undefined} />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('security.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SecuritySection>
  );
}
