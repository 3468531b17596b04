import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CoopSectionKey } from './coop-sections';
import { SectionPage } from './section-page';

/** A section whose server part has not landed yet: it says so instead of a broken screen. */
export function SoonPage({ section }: { section: CoopSectionKey }) {
  const { t } = useTranslation('business');
  return (
    <SectionPage title={t(`nav.${section}`)}>
      <Text>{t('soon.text')}</Text>
    </SectionPage>
  );
}
