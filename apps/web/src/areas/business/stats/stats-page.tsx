import type { BusinessStats } from '@cardcoop/contracts';
import { Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../coop-context';
import { QueryState } from '../../../components/query-state';
import { SectionPage } from '../section-page';
import { useBusinessClient } from './business-client';
import { CsvDownload } from './csv-download';
import { Funnel } from './funnel';
import { LiveCounters } from './live-counters';
import { RangeForm } from './range-form';
import { StatsChart } from './stats-chart';
import type { DayCount } from './stats-chart';
import { lastDays, TIME_ZONE } from './stats-range';
import { useLiveStats } from './use-live-stats';

const CHARTS = [
  { id: 'consents', counts: ['consents', 'refusals'] },
  { id: 'reads', counts: ['reads', 'tickets_exchanged'] },
  { id: 'connect', counts: ['connect_opened', 'registrations', 'sign_ins'] },
  { id: 'revocations', counts: ['revocations', 'membership_confirmations'] },
] as const satisfies readonly { id: string; counts: readonly DayCount[] }[];

/** `2026-12-05` as `5 дек.` in the page's language. */
function useDayLabel() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'ru-RU', {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
    return (day: string) => format.format(new Date(day));
  }, [i18n.language]);
}

/** `/business/:coopname/stats`: the cooperative's numbers over a range, and as they happen. */
export function StatsPage() {
  const { t } = useTranslation('business');
  const coop = useCoop();
  const business = useBusinessClient();
  const queryClient = useQueryClient();
  const [range, setRange] = useState(() => lastDays(30, TIME_ZONE));
  const query = { ...range, tz: TIME_ZONE };
  const stats = useQuery({
    queryKey: ['business', coop.coopname, 'stats', query],
    queryFn: () => business.stats.get(coop.coopname, query),
    placeholderData: keepPreviousData,
  });
  // Every event moves some number: the range's counts are asked again.
  const reload = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: ['business', coop.coopname, 'stats'] }),
    [queryClient, coop.coopname],
  );
  const live = useLiveStats(coop.coopname, reload);
  return (
    <SectionPage title={t('stats.title')} lead={t('stats.lead')}>
      <RangeForm range={range} tz={TIME_ZONE} onChange={setRange} />
      <CsvDownload coopname={coop.coopname} query={query} />
      <LiveCounters counts={live.counts} last={live.last} />
      <QueryState query={stats} lines={6}>
        {(value) => <StatsView stats={value} />}
      </QueryState>
    </SectionPage>
  );
}

function StatsView({ stats }: { stats: BusinessStats }) {
  const { t } = useTranslation('business');
  const dayLabel = useDayLabel();
  const sum = (count: DayCount) => stats.days.reduce((total, day) => total + day[count], 0);
  const totals = [
    { key: 'active_grants', value: stats.totals.active_grants },
    { key: 'consents', value: sum('consents') },
    { key: 'reads', value: sum('reads') },
    { key: 'revocations', value: stats.totals.revocations },
  ] as const;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {totals.map(({ key, value }) => (
          <Paper key={key} withBorder p="sm">
            <Text fz={28} fw={700} data-testid={`total-${key}`}>
              {value}
            </Text>
            <Text size="sm">{t(`stats.totals.${key}`)}</Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Funnel funnel={stats.funnel} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {CHARTS.map(({ id, counts }) => (
          <StatsChart
            key={id}
            id={`stats-chart-${id}`}
            title={t(`stats.charts.${id}`)}
            counts={counts}
            days={stats.days}
            dayLabel={dayLabel}
          />
        ))}
      </SimpleGrid>
      <Group>
        <Text size="xs" c="dimmed">
          {t('stats.period', { from: dayLabel(stats.from), to: dayLabel(stats.to), tz: stats.tz })}
        </Text>
      </Group>
    </Stack>
  );
}
