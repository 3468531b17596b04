import type { BusinessVirtualCardsOverview } from '@cardcoop/contracts';
import { Alert, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoneyList } from '../../../lib/minor-units';

const STATUSES = ['active', 'frozen', 'closed'] as const;

/** The cooperative's funds per currency, what is in flight, and its cards by status. */
export function OverviewPanel({ overview }: { overview: BusinessVirtualCardsOverview }) {
  const { t, i18n } = useTranslation('business');
  const none = t('virtualCards.none');
  return (
    <Paper
      component="section"
      aria-labelledby="vc-overview"
      withBorder
      p={{ base: 'sm', sm: 'md' }}
    >
      <Title order={2} size="h4" id="vc-overview" mb="sm">
        {t('virtualCards.overview.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {t('virtualCards.overview.funds')}
          </Text>
          <Text fz="xl" fw={700} data-testid="vc-funds">
            {formatMoneyList(overview.funds, i18n.language, none)}
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {t('virtualCards.overview.inTransit')}
          </Text>
          <Text fz="xl" fw={700} data-testid="vc-in-transit">
            {formatMoneyList(overview.in_transit, i18n.language, none)}
          </Text>
          <Text size="sm">
            {t('virtualCards.overview.pending', { count: overview.pending_operations })}
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {t('virtualCards.overview.cards')}
          </Text>
          <Stack
            component="ul"
            gap={0}
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            data-testid="vc-cards-by-status"
          >
            {STATUSES.map((status) => (
              <Text component="li" key={status} size="sm">
                {t(`virtualCards.overview.status.${status}`)}:{' '}
                <Text span fw={700}>
                  {overview.cards[status]}
                </Text>
              </Text>
            ))}
          </Stack>
        </Stack>
      </SimpleGrid>
      {overview.low_funds && (
        <Alert color="orange" variant="light" mt="md" role="status">
          {t('virtualCards.overview.lowFunds')}
        </Alert>
      )}
    </Paper>
  );
}
