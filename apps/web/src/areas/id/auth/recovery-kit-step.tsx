import { Alert, Button, CopyButton, Group, Paper, Stack, Text } from '@mantine/core';
import type { RecoveryKit } from '@cardcoop/sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import print from '../../../components/print-sheet.module.css';
import { LANGUAGES } from '../../../lib/i18n';
import { downloadRecoveryKit } from './recovery-kit-document';
import { KIT_TEXT } from './recovery-kit-text';
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
      <RecoveryKitSheet recoveryKey={kit.recoveryKey} email={email} />
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
          <Button variant="default" onClick={() => window.print()}>
            {t('auth.kit.print')}
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

/** What the browser prints from the kit screen (hidden on screen): both languages, like the page. */
function RecoveryKitSheet({ recoveryKey, email }: { recoveryKey: string; email: string }) {
  const [created] = useState(() => new Date());
  return (
    <section className={print.sheet} data-testid="recovery-kit-print" aria-hidden="true">
      <h2>{LANGUAGES.map((language) => KIT_TEXT[language].title).join(' · ')}</h2>
      <p className={classes.sheetKey} translate="no">
        {recoveryKey.split('-').map((group, index) => (
          <span key={index}>{group}</span>
        ))}
      </p>
      {LANGUAGES.map((language) => {
        const text = KIT_TEXT[language];
        return (
          <div key={language} lang={language}>
            <h3>{text.title}</h3>
            <dl>
              <dt>{text.account}</dt>
              <dd>{email}</dd>
              <dt>{text.created}</dt>
              <dd>{created.toLocaleString(language, { dateStyle: 'long', timeStyle: 'short' })}</dd>
            </dl>
            <ol>
              {text.instructions.split('\n').map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
          </div>
        );
      })}
    </section>
  );
}
