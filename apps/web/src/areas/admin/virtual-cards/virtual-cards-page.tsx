import { SimpleGrid, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/query-state';
import { SectionHeader } from '../admin-layout';
import { useStepUp } from '../step-up';
import { usePlatform } from '../use-platform';
import { FundingForm } from './funding-form';
import { MASTER_KEY } from './keys';
import { MasterSection } from './master-section';
import { ReconcileSection } from './reconcile-section';
import { PlatformReportSection } from './report-section';

/**
 * `/admin/virtual-cards` (platform admins, operator reviewers): the master account and the
 * ledger's view of it, funding and allocation (step-up), reconciliation, the report.
 */
export function VirtualCardsPage() {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const { guard, dialog } = useStepUp();
  const master = useQuery({ queryKey: MASTER_KEY, queryFn: () => platform.virtualCards.master() });
  return (
    <Stack gap="lg">
      <SectionHeader title={t('virtualCards.title')} lead={t('virtualCards.lead')} />
      <QueryState query={master}>
        {(data) => {
          const coopnames = data.cooperatives.map((coop) => coop.coopname);
          return (
            <Stack gap="lg">
              <MasterSection master={data} />
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
                <FundingForm
                  mode="fund"
                  currency={data.provider.currency}
                  coopnames={coopnames}
                  guard={guard}
                />
                <FundingForm
                  mode="allocate"
                  currency={data.provider.currency}
                  coopnames={coopnames}
                  guard={guard}
                />
              </SimpleGrid>
            </Stack>
          );
        }}
      </QueryState>
      <ReconcileSection />
      <PlatformReportSection />
      {dialog}
    </Stack>
  );
}
