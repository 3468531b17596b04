import { Button, Group, Stack } from '@mantine/core';
import type { RecoveryKit } from '@cardcoop/sdk';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { workerOpaque } from '../../../lib/opaque/worker-opaque';
import { FormError } from '../auth/form-error';
import type { Problem } from '../auth/problem';
import { ProgressNote } from '../auth/progress-note';
import { RecoveryKitStep } from '../auth/recovery-kit-step';
import { useMember } from '../session/require-unlocked';
import { CurrentPasswordField } from './current-password-field';
import { SecondFactorInput } from './second-factor-input';
import { parseSecondFactor, SECOND_FACTOR_ERRORS } from './second-factor';
import { useRefresh, useTotpStatus } from './security-queries';
import { useFormErrors } from './use-form-errors';

type Field = 'current' | 'code';

/**
 * A new Recovery Kit: the password (and the second factor when 2FA is on) proves itself, a new
 * key is made on this device and the user key wrapped under it; the previous kit stops working.
 * The new kit is shown, one group retyped, and then confirmed on the server.
 */
export function RecoveryKitReissue({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('id');
  const member = useMember();
  const totp = useTotpStatus();
  const refresh = useRefresh();
  const [current, setCurrent] = useState('');
  const [code, setCode] = useState('');
  const [issued, setIssued] = useState<{ kit: RecoveryKit; email: string }>();
  const withCode = totp.data?.enabled === true;

  const issue = useMutation({
    mutationFn: async (factor: { totpCode: string } | { backupCode: string } | undefined) => {
      // The account's address goes on the printable kit; asked first, so a failure loses no kit.
      const { email } = await member.recoveryKit.status();
      const kit = await member.recoveryKit.reissue({
        password: current,
        factor,
        opaque: workerOpaque,
      });
      return { kit, email };
    },
    onSuccess: (result) => {
      setCurrent('');
      setCode('');
      setIssued(result);
      void refresh('audit');
    },
    onError: () => void refresh('totp'),
  });
  const errors = useFormErrors<Field>(
    issue,
    { current: ['INVALID_CREDENTIALS'], code: SECOND_FACTOR_ERRORS },
    (field) => field !== 'code' || withCode,
  );

  if (issued)
    return (
      <RecoveryKitStep
        kit={issued.kit}
        email={issued.email}
        onConfirmed={async () => {
          await member.recoveryKit.confirm();
          void refresh('audit');
          onDone();
        }}
      />
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    issue.reset();
    const found: Partial<Record<Field, Problem>> = current
      ? {}
      : { current: 'security.password.currentRequired' };
    const factor = withCode ? parseSecondFactor(code) : undefined;
    if (withCode && !factor) found.code = 'security.factor.invalid';
    if (errors.check(found)) issue.mutate(factor);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <CurrentPasswordField
          value={current}
          onChange={setCurrent}
          error={errors.field('current')}
          disabled={issue.isPending}
        />
        {withCode && (
          <SecondFactorInput value={code} onChange={setCode} error={errors.field('code')} />
        )}
        <FormError message={errors.form} />
        <ProgressNote text={issue.isPending ? t('security.recoveryKit.progress') : undefined} />
        <Group>
          <Button type="submit" loading={issue.isPending}>
            {t('security.recoveryKit.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
