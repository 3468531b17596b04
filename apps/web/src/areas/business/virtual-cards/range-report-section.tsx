import type { ReportFile } from '@cardcoop/sdk/business';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/query-state';
import { lastMonth } from '../../../lib/minor-units';
import { RangeForm } from './range-form';
import type { DayRange } from './range-form';
import { ReportDownloads } from './report-downloads';

/**
 * A virtual-cards report over a range of days (the last 30 to start with): its title and lead,
 * the range form, the CSV/XLSX downloads of that range, and the report itself under them (the
 * previous one stays while the next loads).
 */
export function RangeReportSection<Report>({
  title,
  queryKey,
  fetchReport,
  fetchFile,
  fileName,
  children,
}: {
  title: string;
  queryKey: (range: DayRange) => QueryKey;
  fetchReport: (range: DayRange) => Promise<Report>;
  fetchFile: (format: 'csv' | 'xlsx', range: DayRange) => Promise<ReportFile>;
  fileName: (range: DayRange) => string;
  children: (report: Report) => ReactNode;
}) {
  const { t } = useTranslation('business');
  const [range, setRange] = useState(lastMonth);
  const report = useQuery({
    queryKey: queryKey(range),
    queryFn: () => fetchReport(range),
    placeholderData: keepPreviousData,
  });
  return (
    <Paper component="section" aria-labelledby="vc-report" withBorder p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="sm">
        <Title order={2} size="h4" id="vc-report">
          {title}
        </Title>
        <Text size="sm">{t('virtualCards.report.lead')}</Text>
        <RangeForm
          label={t('virtualCards.report.range')}
          submitLabel={t('virtualCards.report.show')}
          range={range}
          onChange={setRange}
        />
        <ReportDownloads
          fallbackName={fileName(range)}
          fetchFile={(format) => fetchFile(format, range)}
        />
        <QueryState query={report}>{children}</QueryState>
      </Stack>
    </Paper>
  );
}
