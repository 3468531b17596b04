import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../auth/form-error';
import { useMember } from '../session/require-unlocked';
import { BackupCodesStep } from './backup-codes';
import { DANGER, SUCCESS } from '../common/colors';
import { QueryState } from './query-state';
import { securityError } from './security-error';
import { SecuritySection } from './security-section';
import { useRefresh, useTotpStatus } from './security-queries';
import { TotpFactorForm } from './totp-factor-form';
import { TotpSetupStep } from './totp-setup';
import type { TotpSetup } from './totp-setup';

type Step =
  | { kind: 'status' }
  | { kind: 'setup'; setup: TotpSetup }
  | { kind: 'codes'; codes: string[] }
  | { kind: 'disable' }
  | { kind: 'regenerate' };

/** Few enough backup codes left to suggest new ones. */
const LOW_BACKUP_CODES = 3;

/** Two-factor authentication with an authenticator app: on, off, backup codes. */
export function TotpSection() {
  const { t } = useTranslation('id');
  const member = useMember();
  const status = useTotpStatus();
  const refresh = useRefresh();
  const [step, setStep] = useState<Step>({ kind: 'status' });
  const changed = () => void refresh('totp', 'audit');
  const heading = useRef<HTMLHeadingElement>(null);
  const backToStatus = () => {
    setStep({ kind: 'status' });
    heading.current?.focus();
  };

  const start = useMutation({
    mutationFn: () => member.totp.setup(),
    onSuccess: (setup) => setStep({ kind: 'setup', setup }),
    onError: changed,
  });

  const content = () => {
    switch (step.kind) {
      case 'setup':
        return (
          <TotpSetupStep
            setup={step.setup}
            onEnabled={(codes) => {
              changed();
              setStep({ kind: 'codes', codes });
            }}
            onCancel={backToStatus}
          />
        );
      case 'codes':
        return <BackupCodesStep codes={step.codes} onDone={backToStatus} />;
      case 'disable':
        return (
          <TotpFactorForm
            title={t('security.totp.disableTitle')}
            text={t('security.totp.disableText')}
            submitLabel={t('security.totp.disable')}
            danger
            action={(factor) => member.totp.disable(factor)}
            onDone={() => {
              changed();
              backToStatus();
            }}
            onCancel={backToStatus}
          />
        );
      case 'regenerate':
        return (
          <TotpFactorForm
            title={t('security.totp.regenerateTitle')}
            text={t('security.totp.regenerateText')}
            submitLabel={t('security.totp.regenerate')}
            action={(factor) => member.totp.regenerateBackupCodes(factor)}
            onDone={({ backup_codes }) => {
              changed();
              setStep({ kind: 'codes', codes: backup_codes });
            }}
            onCancel={backToStatus}
          />
        );
      case 'status':
        return (
          <QueryState query={status}>
            {({ enabled, backup_codes_left }) => (
              <Stack>
                <Group gap="xs">
                  <Text>{t('security.totp.state')}</Text>
                  <Badge color={enabled ? SUCCESS : 'gray'} variant={enabled ? 'filled' : 'light'}>
                    {t(enabled ? 'security.totp.on' : 'security.totp.off')}
                  </Badge>
                </Group>
                {enabled ? (
                  <>
                    <Text c={backup_codes_left <= LOW_BACKUP_CODES ? DANGER : undefined}>
                      {t('security.totp.codesLeft', { number: backup_codes_left })}
                    </Text>
                    <Group>
                      <Button variant="default" onClick={() => setStep({ kind: 'regenerate' })}>
                        {t('security.totp.regenerate')}
                      </Button>
                      <Button variant="default" onClick={() => setStep({ kind: 'disable' })}>
                        {t('security.totp.disable')}
                      </Button>
                    </Group>
                  </>
                ) : (
                  <>
                    <Text>{t('security.totp.offText')}</Text>
                    <FormError
                      message={start.isError ? securityError(start.error, t) : undefined}
                    />
                    <Group>
                      <Button loading={start.isPending} onClick={() => start.mutate()}>
                        {t('security.totp.start')}
                      </Button>
                    </Group>
                  </>
                )}
              </Stack>
            )}
          </QueryState>
        );
    }
  };

  return (
    <SecuritySection
      title={t('security.totp.title')}
      description={t('security.totp.description')}
      headingRef={heading}
    >
      {content()}
    </SecuritySection>
  );
}
