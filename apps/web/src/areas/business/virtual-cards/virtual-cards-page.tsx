import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../../components/query-state';
import { useCoop } from '../coop-context';
import { canChange } from '../coop-sections';
import { SectionPage } from '../section-page';
import { useBusinessClient } from '../stats/business-client';
import { CardsSection } from './cards-section';
import { ConditionsForm } from './conditions-form';
import { OverviewPanel } from './overview-panel';
import { ReportSection } from './report-section';
import { TopUpsSection } from './top-ups-section';

/**
 * `/business/:coopname/virtual-cards`: the cooperative's funds, conditions, cards, top-ups and
 * reports (issue 15); below the extended level, what it takes to get there.
 */
export function VirtualCardsPage() {
  const { t } = useTranslation('business');
  const coop = useCoop();
  const client = useBusinessClient();
  const queries = useQueryClient();
  const key = ['business', coop.coopname, 'virtual-cards', 'overview'];
  const overview = useQuery({
    queryKey: key,
    queryFn: () => client.virtualCards.overview(coop.coopname),
  });
  const editable = canChange(coop.role);
  return (
    <SectionPage title={t('virtualCards.title')} lead={t('virtualCards.lead')}>
      <QueryState query={overview}>
        {(data) =>
          !data.extended ? (
            <Paper component="section" aria-labelledby="vc-basic" withBorder p="md">
              <Stack gap="xs">
                <Title order={2} size="h4" id="vc-basic">
                  {t('virtualCards.basic.title')}
                </Title>
                <Text size="sm">{t('virtualCards.basic.text')}</Text>
                <Anchor component={Link} to={`/business/${coop.coopname}/application`}>
                  {t('virtualCards.basic.link')}
                </Anchor>
              </Stack>
            </Paper>
          ) : (
            <Stack gap="lg">
              {!editable && <Text size="sm">{t('virtualCards.readOnly')}</Text>}
              <OverviewPanel overview={data} />
              <ConditionsForm
                state={data.conditions}
                currency={data.funds[0]?.currency ?? 'USD'}
                canEdit={editable}
                save={async (conditions) => {
                  const saved = await client.virtualCards.setConditions(coop.coopname, conditions);
                  await queries.invalidateQueries({ queryKey: key });
                  return saved;
                }}
                reload={() => queries.invalidateQueries({ queryKey: key })}
              />
              <CardsSection client={client} coopname={coop.coopname} />
              <TopUpsSection client={client} coopname={coop.coopname} />
              <ReportSection client={client} coopname={coop.coopname} />
            </Stack>
          )
        }
      </QueryState>
    </SectionPage>
  );
}
