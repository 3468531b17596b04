import { Paper, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/query-state';
import { lastMonth } from '../../../lib/minor-units';
import { RangeForm } from '../../business/virtual-cards/range-form';
import { ReportDownloads } from '../../business/virtual-cards/report-downloads';
import { ReportCards, ReportTotals } from '../../business/virtual-cards/report-tables';
import { usePlatform } from '../use-platform';

/** The report across cooperatives over a range: totals, each card with its cooperative, files. */
export function PlatformReportSection() {
  const { t } = useTranslation('admin');
  const { t: tb } = useTranslation('business');
  const { platform } = usePlatform();
  const [range, setRange] = useState(lastMonth);
  const report = useQuery({
    queryKey: ['admin', 'virtual-cards', 'report', range],
    queryFn: () => platform.virtualCards.report(range),
    placeholderData: keepPreviousData,
  });
  return (
    <Paper component="section" aria-labelledby="vc-report" withBorder p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="sm">
        <Title order={2} size="h4" id="vc-report">
          {t('virtualCards.report.title')}
        </Title>
        <Text size="sm">{tb('virtualCards.report.lead')}</Text>
        <RangeForm
          label={tb('virtualCards.report.range')}
          submitLabel={tb('virtualCards.report.show')}
          range={range}
          onChange={setRange}
        />
        <ReportDownloads
          fallbackName={`virtual-cards-${range.from}-${range.to}`}
          fetchFile={(format) =>
            format === 'csv'
              ? platform.virtualCards.reportCsv(range)
              : platform.virtualCards.reportXlsx(range)
          }
        />
        <QueryState query={report}>
          {(data) => (
            <Stack gap="md">
              <ReportTotals totals={data.totals} id="vc-report-totals" />
              <ReportCards
                cards={data.cooperatives.flatMap((coop) => coop.cards)}
                withCoop
                coopLabel={t('virtualCards.report.coop')}
              />
            </Stack>
          )}
        </QueryState>
      </Stack>
    </Paper>
  );
}
