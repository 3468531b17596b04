import { Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../components/use-page-title';
import { SignOutButton } from '../id/id-layout';
import { AccountsGlance } from './accounts-glance';
import { BalancesGlance } from './balances/balances-glance';
import { CardGlance } from './card-glance';
import { NextMeetingGlance } from './meetings/next-meeting-glance';
import { UnpaidGlance } from './contributions/unpaid-glance';
import { NoticesGlance } from './notifications/notices-glance';
import { QuickLinks } from './quick-links';
import { ReadsGlance } from './reads-glance';
import { RecommendationsGlance } from './recommendations/recommendations-glance';
import { SecurityGlance } from './security-glance';
import { Tour } from './tour';

/**
 * `/member`: the signed-in member's home. Each section loads and fails on its own; a section
 * appears only once its data has a source (notifications, meetings, balances and contributions
 * join when their APIs do).
 */
export function HomePage() {
  const { t } = useTranslation('member');
  usePageTitle(t('home.title'));
  const heading = useRef<HTMLHeadingElement>(null);

  return (
    <Stack maw={1100} gap="lg">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap="xs">
          <Title order={1} ref={heading} tabIndex={-1}>
            {t('home.title')}
          </Title>
          <Text>{t('home.lead')}</Text>
        </Stack>
        <SignOutButton />
      </Group>
      <Tour onEnd={() => heading.current?.focus()} />
      <RecommendationsGlance />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <CardGlance />
        <AccountsGlance />
        <NextMeetingGlance />
        <UnpaidGlance />
        <BalancesGlance />
        <NoticesGlance />
        <ReadsGlance />
        <SecurityGlance />
      </SimpleGrid>
      <QuickLinks />
    </Stack>
  );
}
