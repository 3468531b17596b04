import { BarChart } from '@mantine/charts';
import type { BusinessStatsDay } from '@cardcoop/contracts';
import { Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The day counts a chart can show. */
export type DayCount = Exclude<keyof BusinessStatsDay, 'date'>;

const COLORS = ['blue.6', 'teal.6', 'orange.6', 'grape.6'];

/**
 * One chart of the statistics: a bar per day, one colour per count, with its text alternative —
 * a summary sentence above it and the same numbers in a table for screen readers (the chart is
 * hidden from them).
 */
export function StatsChart({
  id,
  title,
  counts,
  days,
  dayLabel,
}: {
  id: string;
  title: string;
  counts: readonly DayCount[];
  days: BusinessStatsDay[];
  dayLabel: (day: string) => string;
}) {
  const { t } = useTranslation('business');
  const label = (count: DayCount) => t(`stats.counts.${count}`);
  const total = (count: DayCount) => days.reduce((sum, day) => sum + day[count], 0);
  const summary = t('stats.summary', {
    values: counts.map((count) => `${label(count)} — ${total(count)}`).join(', '),
  });
  const busy = days.filter((day) => counts.some((count) => day[count] > 0));
  return (
    <Paper component="section" aria-labelledby={id} withBorder p={{ base: 'sm', sm: 'md' }}>
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      <Text size="sm" mb="sm">
        {summary}
      </Text>
      <div aria-hidden="true">
        <BarChart
          h={200}
          data={days.map((day) => ({ ...day, date: dayLabel(day.date) }))}
          dataKey="date"
          series={counts.map((count, index) => ({
            name: count,
            label: label(count),
            color: COLORS[index % COLORS.length]!,
          }))}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          accessibilityLayer={false}
          tooltipAnimationDuration={0}
          tickLine="none"
          gridAxis="x"
          yAxisProps={{ allowDecimals: false, width: 32 }}
          maxBarWidth={16}
        />
      </div>
      <VisuallyHidden>
        <Table>
          <caption>{title}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('stats.day')}</Table.Th>
              {counts.map((count) => (
                <Table.Th key={count} scope="col">
                  {label(count)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {busy.map((day) => (
              <Table.Tr key={day.date}>
                <Table.Th scope="row">{dayLabel(day.date)}</Table.Th>
                {counts.map((count) => (
                  <Table.Td key={count}>{day[count]}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </Paper>
  );
}
