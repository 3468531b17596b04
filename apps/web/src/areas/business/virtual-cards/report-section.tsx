import type { BusinessClient } from '@cardcoop/sdk/business';
import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RangeReportSection } from './range-report-section';
import { ReportCards, ReportTotals } from './report-tables';

/** The cooperative's report over a range: totals, each card, and the CSV/XLSX files of it. */
export function ReportSection({ client, coopname }: { client: BusinessClient; coopname: string }) {
  const { t } = useTranslation('business');
  return (
    <RangeReportSection
      title={t('virtualCards.report.title')}
      queryKey={(range) => ['business', coopname, 'virtual-cards', 'report', range]}
      fetchReport={(range) => client.virtualCards.report(coopname, range)}
      fetchFile={(format, range) =>
        format === 'csv'
          ? client.virtualCards.reportCsv(coopname, range)
          : client.virtualCards.reportXlsx(coopname, range)
      }
      fileName={(range) => `${coopname}-virtual-cards-${range.from}-${range.to}`}
    >
      {(data) => (
        <Stack gap="md">
          <ReportTotals totals={data.totals} id="vc-report-totals" />
          <ReportCards cards={data.cards} />
        </Stack>
      )}
    </RangeReportSection>
  );
}
