import { Alert, Button, CopyButton, Group, Paper, Stack, Text } from '@mantine/core';
import type { RecoveryKit } from '@cardcoop/sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadRecoveryKit } from './recovery-kit-document';
import { RecoveryKitConfirmation } from './recovery-kit-confirmation';
import { StepHeading } from '../common/step-heading';
import classes from './recovery-kit.module.css';

/**
 * The Recovery Kit, shown once: the key in groups and a printable page to download; then the
 * member retypes one group (the SDK's challenge) before `onConfirmed` runs.
 */
export function RecoveryKitStep({
  kit,
  email,
  intro,
  onConfirmed,
}: {
  kit: RecoveryKit;
  email: string;
  /** What happened just before, when it is not a new account (recovery). */
  intro?: string;
  onConfirmed: () => Promise<void>;
}) {
  const { t } = useTranslation('id');
  const [confirming, setConfirming] = useState(false);
  const [downloaded, setDownloaded] = useState(false);

  if (confirming)
    return (
      <RecoveryKitConfirmation
        challenge={kit.confirmation}
        onShowAgain={() => setConfirming(false)}
        onConfirmed={onConfirmed}
      />
    );

  const download = () => {
    downloadRecoveryKit(kit.recoveryKey, email);
    setDownloaded(true);
  };

  return (
    <Stack>
      <StepHeading>{t('auth.kit.title')}</StepHeading>
      {intro && <Text fw={600}>{intro}</Text>}
      <Text>{t('auth.kit.intro')}</Text>
      <Paper withBorder p="md" component="figure" m={0}>
        <Text component="figcaption" size="sm" c="dimmed" mb="xs">
          {t('auth.kit.keyLabel')}
        </Text>
        <Text className={classes.key} translate="no">
          {kit.recoveryKey.split('-').map((group, index) => (
            <span key={index}>{group} </span>
          ))}
        </Text>
      </Paper>
      <div role="status">
        {downloaded && (
          <Alert variant="light" color="green">
            {t('auth.kit.downloaded')}
          </Alert>
        )}
      </div>
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Button variant="default" onClick={download}>
            {t('auth.kit.download')}
          </Button>
          <CopyButton value={kit.recoveryKey}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy} aria-live="polite">
                {copied ? t('auth.kit.copied') : t('auth.kit.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Button onClick={() => setConfirming(true)}>{t('auth.kit.saved')}</Button>
      </Group>
    </Stack>
  );
}
