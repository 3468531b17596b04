import type { MemberClient } from '@cardcoop/sdk';
import { Button, Code, CopyButton, Group, Image, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMember } from '../session/require-unlocked';
import { FormError } from '../auth/form-error';
import { ProgressNote } from '../auth/progress-note';
import { SecondFactorInput } from './second-factor-input';
import { parseTotpCode, SECOND_FACTOR_ERRORS } from './second-factor';
import { StepHeading } from '../common/step-heading';
import { useFormErrors } from './use-form-errors';

export type TotpSetup = Awaited<ReturnType<MemberClient['totp']['setup']>>;

interface TotpSetupStepProps {
  setup: TotpSetup;
  onEnabled: (backupCodes: string[]) => void;
  onCancel: () => void;
}

/** The secret as authenticator apps show it: groups of four. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Turning 2FA on, step 2 (after the password): scan the QR code (or type the secret), then
 * prove it with a first code.
 */
export function TotpSetupStep({ setup, onEnabled, onCancel }: TotpSetupStepProps) {
  const { t } = useTranslation('id');
  const member = useMember();
  const [code, setCode] = useState('');
  const confirm = useMutation({
    mutationFn: (totpCode: string) => member.totp.confirm(setup.setup_id, totpCode),
    onSuccess: ({ backup_codes }) => onEnabled(backup_codes),
  });
  const errors = useFormErrors(confirm, { code: SECOND_FACTOR_ERRORS });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.reset();
    const totpCode = parseTotpCode(code);
    if (errors.check(totpCode ? {} : { code: 'security.factor.invalidApp' }) && totpCode)
      confirm.mutate(totpCode);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <StepHeading order={3}>{t('security.totp.setupTitle')}</StepHeading>
        <Text>{t('security.totp.scan')}</Text>
        <Image
          src={`data:image/svg+xml;base64,${btoa(setup.qr_svg)}`}
          alt={t('security.totp.qrAlt')}
          w={200}
          h={200}
          bg="white"
        />
        <Stack gap={4}>
          <Text size="sm">{t('security.totp.manual')}</Text>
          <Group gap="xs">
            <Code fz="md" style={{ overflowWrap: 'anywhere' }}>
              {grouped(setup.secret)}
            </Code>
            <CopyButton value={setup.secret}>
              {({ copied, copy }) => (
                <Button size="xs" variant="default" onClick={copy}>
                  {t(copied ? 'security.copied' : 'security.totp.copySecret')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Stack>
        <SecondFactorInput
          value={code}
          onChange={setCode}
          error={errors.field('code')}
          backupCodes={false}
        />
        <Text size="sm">{t('security.totp.mailNote')}</Text>
        <FormError message={errors.form} />
        <ProgressNote text={confirm.isPending ? t('common.progress.working') : undefined} />
        <Group>
          <Button type="submit" loading={confirm.isPending}>
            {t('security.totp.enable')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={confirm.isPending}>
            {t('common.confirm.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
