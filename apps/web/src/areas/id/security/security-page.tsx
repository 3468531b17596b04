import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../../components/use-page-title';
import { AuditSection } from './audit-section';
import { DeletionSection } from './deletion-section';
import { EmailSection } from './email-section';
import { PasswordSection } from './password-section';
import { RecoveryKitSection } from './recovery-kit-section';
import { SessionsSection } from './sessions-section';
import { TotpSection } from './totp-section';

/** Security settings: devices, the log, 2FA, password, e-mail, deleting the account. */
export function SecurityPage() {
  const { t } = useTranslation('id');
  usePageTitle(t('security.title'));
  return (
    <Stack gap="lg" maw={760}>
      <Stack gap="xs">
        <Title order={1}>{t('security.title')}</Title>
        <Text>{t('security.intro')}</Text>
      </Stack>
      <SessionsSection />
      <AuditSection />
      <TotpSection />
      <PasswordSection />
      <RecoveryKitSection />
      <EmailSection />
      <DeletionSection />
    </Stack>
  );
}
