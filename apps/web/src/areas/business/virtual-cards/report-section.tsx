import type { BusinessClient } from '@cardcoop/sdk/business';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/query-state';
import { lastMonth } from '../../../lib/minor-units';
import { RangeForm } from './range-form';
import { ReportDownloads } from './report-downloads';
import { ReportCards, ReportTotals } from './report-tables';

/** The cooperative's report over a range: totals, each card, and the CSV/XLSX files of it. */
export function ReportSection({ client, coopname }: { client: BusinessClient; coopname: string }) {
  const { t } = useTranslation('business');
  const [range, setRange] = useState(lastMonth);
  const report = useQuery({
    queryKey: ['business', coopname, 'virtual-cards', 'report', range],
    queryFn: () => client.virtualCards.report(coopname, range),
    placeholderData: keepPreviousData,
  });
  return (
    <Paper component="section" aria-labelledby="vc-report" withBorder p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="sm">
        <Title order={2} size="h4" id="vc-report">
          {t('virtualCards.report.title')}
        </Title>
        <Text size="sm">{t('virtualCards.report.lead')}</Text>
        <RangeForm
          label={t('virtualCards.report.range')}
          submitLabel={t('virtualCards.report.show')}
          range={range}
          onChange={setRange}
        />
        <ReportDownloads
          fallbackName={`${coopname}-virtual-cards-${range.from}-${range.to}`}
          fetchFile={(format) =>
            format === 'csv'
              ? client.virtualCards.reportCsv(coopname, range)
              : client.virtualCards.reportXlsx(coopname, range)
          }
        />
        <QueryState query={report}>
          {(data) => (
            <Stack gap="md">
              <ReportTotals totals={data.totals} id="vc-report-totals" />
              <ReportCards cards={data.cards} />
            </Stack>
          )}
        </QueryState>
      </Stack>
    </Paper>
  );
}
