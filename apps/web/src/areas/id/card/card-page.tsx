import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../../components/use-page-title';

// Placeholder until the feature lands.
export function CardPage() {
  const { t } = useTranslation('id');
  usePageTitle(t('card.title'));
  return <Title order={1}>{t('card.title')}</Title>;
}
