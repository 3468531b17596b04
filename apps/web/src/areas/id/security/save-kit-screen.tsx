import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../../components/use-page-title';
import { RecoveryKitReissue } from './recovery-kit-reissue';

/** "Save your Recovery Kit": the current kit was never confirmed, so a new one replaces it. */
export function SaveKitScreen({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('id');
  usePageTitle(t('security.recoveryKit.gateTitle'));
  return (
    <Paper withBorder p="lg" maw={640} mx="auto">
      <Stack>
        <Title order={1} size="h2">
          {t('security.recoveryKit.gateTitle')}
        </Title>
        <Text>{t('security.recoveryKit.gateText')}</Text>
        <RecoveryKitReissue onDone={onDone} />
      </Stack>
    </Paper>
  );
}
