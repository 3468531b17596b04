import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { workerOpaque } from '../../../lib/opaque/worker-opaque';
import { useMember } from '../session/require-unlocked';
import { BackupCodesStep } from './backup-codes';
import { DANGER, SUCCESS } from '../common/colors';
import { QueryState } from './query-state';
import { SecuritySection } from './security-section';
import { useRefresh, useTotpStatus } from './security-queries';
import { TotpFactorForm } from './totp-factor-form';
import { TotpPasswordStep } from './totp-password-step';
import { TotpSetupStep } from './totp-setup';
import type { TotpSetup } from './totp-setup';

type Step =
  | { kind: 'status' }
  | { kind: 'password' }
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

  const content = () => {
    switch (step.kind) {
      case 'password':
        return (
          <TotpPasswordStep
            onStarted={(setup) => setStep({ kind: 'setup', setup })}
            onCancel={backToStatus}
          />
        );
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
            withPassword
            action={(factor, password) =>
              member.totp.regenerateBackupCodes({ ...factor, password, opaque: workerOpaque })
            }
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
                    <Group>
                      <Button onClick={() => setStep({ kind: 'password' })}>
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
