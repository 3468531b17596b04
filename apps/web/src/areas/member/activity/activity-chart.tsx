import { BarChart } from '@mantine/charts';
import { Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChartData } from './activity-series';

const COLORS = [
  'blue.6',
  'teal.6',
  'orange.6',
  'grape.6',
  'cyan.6',
  'lime.7',
  'pink.6',
  'indigo.6',
];

interface ActivityChartProps {
  /** What the chart counts, for the caption of its table. */
  title: string;
  /** The whole period in one sentence, shown above the chart. */
  summary: string;
  /** Shown instead of the chart when nothing happened. */
  empty: string;
  data: ChartData;
  /** A period as the axis and the table show it. */
  periodLabel: (period: string) => string;
  /** The table's first column. */
  periodHeader: string;
  valueFormatter?: (value: number) => string;
  /** Room for the values on the vertical axis, in pixels (money needs more than counts). */
  axisWidth?: number;
}

/**
 * A stacked bar chart, one bar per period and one colour per series, with its text alternative:
 * a summary sentence, and the same numbers in a table for screen readers (the chart itself is
 * hidden from them). Nothing but the empty text when nothing happened.
 */
export function ActivityChart({
  title,
  summary,
  empty,
  data,
  periodLabel,
  periodHeader,
  valueFormatter = String,
  axisWidth = 40,
}: ActivityChartProps) {
  const { t } = useTranslation('member');
  if (data.series.length === 0) return <Text c="dimmed">{empty}</Text>;
  const points = data.points.map(({ period, values }) => ({
    period: periodLabel(period),
    ...values,
  }));
  const rows = data.points.filter(({ values }) => Object.values(values).some((value) => value));
  return (
    <>
      <Text>{summary}</Text>
      <div aria-hidden="true">
        <BarChart
          h={220}
          data={points}
          dataKey="period"
          type="stacked"
          series={data.series.map((series, index) => ({
            ...series,
            color: COLORS[index % COLORS.length]!,
          }))}
          valueFormatter={valueFormatter}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          accessibilityLayer={false}
          tooltipAnimationDuration={0}
          tickLine="none"
          gridAxis="x"
          yAxisProps={{ allowDecimals: false, width: axisWidth }}
          maxBarWidth={24}
        />
      </div>
      <VisuallyHidden>
        <Table>
          <caption>{title}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{periodHeader}</Table.Th>
              {data.series.map((series) => (
                <Table.Th key={series.name} scope="col">
                  {series.label}
                </Table.Th>
              ))}
              <Table.Th scope="col">{t('activity.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ period, values }) => (
              <Table.Tr key={period}>
                <Table.Th scope="row">{periodLabel(period)}</Table.Th>
                {data.series.map((series) => (
                  <Table.Td key={series.name}>{valueFormatter(values[series.name] ?? 0)}</Table.Td>
                ))}
                <Table.Td>
                  {valueFormatter(Object.values(values).reduce((sum, value) => sum + value, 0))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </>
  );
}
