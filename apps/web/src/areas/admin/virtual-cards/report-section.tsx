import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RangeReportSection } from '../../business/virtual-cards/range-report-section';
import { ReportCards, ReportTotals } from '../../business/virtual-cards/report-tables';
import { usePlatform } from '../use-platform';

/** The report across cooperatives over a range: totals, each card with its cooperative, files. */
export function PlatformReportSection() {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  return (
    <RangeReportSection
      title={t('virtualCards.report.title')}
      queryKey={(range) => ['admin', 'virtual-cards', 'report', range]}
      fetchReport={(range) => platform.virtualCards.report(range)}
      fetchFile={(format, range) =>
        format === 'csv'
          ? platform.virtualCards.reportCsv(range)
          : platform.virtualCards.reportXlsx(range)
      }
      fileName={(range) => `virtual-cards-${range.from}-${range.to}`}
    >
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
    </RangeReportSection>
  );
}
