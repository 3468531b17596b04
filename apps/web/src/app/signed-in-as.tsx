import { Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The e-mail of the member signed in in this tab, as the headers show it. */
export function SignedInAs({ email }: { email: string }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed" truncate="end" maw={240} title={email}>
      <VisuallyHidden>{t('nav.signedInAs')} </VisuallyHidden>
      {email}
    </Text>
  );
}
