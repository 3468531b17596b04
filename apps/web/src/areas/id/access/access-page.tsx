import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../../components/use-page-title';

// Placeholder until the feature lands.
export function AccessPage() {
  const { t } = useTranslation('id');
  usePageTitle(t('access.title'));
  return <Title order={1}>{t('access.title')}</Title>;
}
