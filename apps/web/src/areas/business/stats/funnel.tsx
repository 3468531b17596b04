import type { BusinessFunnel } from '@cardcoop/contracts';
import { Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { percentOf } from './stats-range';

const STEPS = [
  'connect_opened',
  'signed_in',
  'consent_given',
  'ticket_exchanged',
  'data_read',
] as const satisfies readonly (keyof BusinessFunnel)[];

/**
 * The way through the integration over the range, one bar per step, each with its count and its
 * share of the connect pages opened (no share when none was opened: members who shared through
 * a site's own flow skip the page). The bars, relative to the largest step, are decoration: the
 * text says the same.
 */
export function Funnel({ funnel }: { funnel: BusinessFunnel }) {
  const { t } = useTranslation('business');
  const first = funnel.connect_opened;
  const largest = Math.max(...STEPS.map((step) => funnel[step]));
  return (
    <Paper
      component="section"
      aria-labelledby="stats-funnel"
      withBorder
      p={{ base: 'sm', sm: 'md' }}
    >
      <Title order={2} size="h4" id="stats-funnel" mb="xs">
        {t('stats.funnel.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t(first > 0 ? 'stats.funnel.lead' : 'stats.funnel.noVisits')}
      </Text>
      <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {STEPS.map((step) => (
          <li key={step} data-testid={`funnel-${step}`}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm">{t(`stats.funnel.${step}`)}</Text>
              <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {funnel[step]}
                {first > 0 && ` · ${percentOf(funnel[step], first)}%`}
              </Text>
            </Group>
            <Progress
              value={percentOf(funnel[step], largest)}
              size="md"
              aria-hidden="true"
              mt={4}
            />
          </li>
        ))}
      </Stack>
    </Paper>
  );
}
