import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../../components/use-page-title';

// Placeholder until the feature lands.
export function LoginPage() {
  const { t } = useTranslation('id');
  usePageTitle(t('auth.title'));
  return <Title order={1}>{t('auth.title')}</Title>;
}
