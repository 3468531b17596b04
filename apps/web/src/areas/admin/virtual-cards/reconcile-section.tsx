import type { ReconciliationRun } from '@cardcoop/contracts';
import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/query-state';
import { FormError } from '../../id/auth/form-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { formatInstant } from '../../../lib/minor-units';
import { ScrollTable } from '../../business/virtual-cards/scroll-table';
import { useAction } from '../use-action';
import { usePlatform } from '../use-platform';
import { DifferencesTable } from './differences-table';
import { MASTER_KEY, RECONCILIATIONS_KEY } from './keys';

/** What one run found: a clear success line, Aifory's silence, or its differences. */
function RunResult({ run }: { run: ReconciliationRun }) {
  const { t } = useTranslation('admin');
  if (run.summary.outcome === 'provider_unavailable')
    return (
      <Alert color="orange" variant="light" role="status">
        {t('virtualCards.reconcile.unavailable')}
      </Alert>
    );
  if (run.difference_count === 0)
    return (
      <Alert color="teal" variant="light" role="status" data-testid="vc-reconcile-ok">
        {t('virtualCards.reconcile.ok', {
          cards: run.summary.cards_checked,
          pending: run.summary.pending_operations,
        })}
      </Alert>
    );
  return (
    <Stack gap="xs">
      <Alert color="red" variant="light" role="status">
        {t('virtualCards.reconcile.found', { count: run.difference_count })}
      </Alert>
      <DifferencesTable
        differences={run.differences}
        caption={t('virtualCards.reconcile.differences')}
      />
    </Stack>
  );
}

/** "Сверить сейчас" with the run's result, and the reconciliations kept so far. */
export function ReconcileSection() {
  const { t, i18n } = useTranslation('admin');
  const { platform } = usePlatform();
  const queries = useQueryClient();
  const [last, setLast] = useState<ReconciliationRun>();
  const runs = useQuery({
    queryKey: RECONCILIATIONS_KEY,
    queryFn: () => platform.virtualCards.reconciliations(20),
  });
  const reconcile = useAction(async () => {
    const run = await platform.virtualCards.reconcile();
    setLast(run);
    await queries.invalidateQueries({ queryKey: RECONCILIATIONS_KEY });
    await queries.invalidateQueries({ queryKey: MASTER_KEY });
  });
  return (
    <Paper
      component="section"
      aria-labelledby="vc-reconcile"
      withBorder
      p={{ base: 'sm', sm: 'md' }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="vc-reconcile">
          {t('virtualCards.reconcile.title')}
        </Title>
        <Text size="sm">{t('virtualCards.reconcile.lead')}</Text>
        <Group>
          <Button loading={reconcile.busy} onClick={() => void reconcile.run()}>
            {t('virtualCards.reconcile.run')}
          </Button>
        </Group>
        <ProgressNote text={reconcile.busy ? t('virtualCards.reconcile.busy') : undefined} />
        <FormError message={reconcile.error} />
        {last && !reconcile.busy && <RunResult run={last} />}
        <Title order={3} size="h5">
          {t('virtualCards.reconcile.history')}
        </Title>
        <QueryState query={runs}>
          {({ items }) =>
            items.length === 0 ? (
              <Text size="sm">{t('virtualCards.reconcile.empty')}</Text>
            ) : (
              <ScrollTable
                caption={t('virtualCards.reconcile.history')}
                minWidth={600}
                testId="vc-reconciliations"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('virtualCards.reconcile.when')}</Table.Th>
                    <Table.Th scope="col">{t('virtualCards.reconcile.trigger')}</Table.Th>
                    <Table.Th scope="col">{t('virtualCards.reconcile.cards')}</Table.Th>
                    <Table.Th scope="col">{t('virtualCards.reconcile.count')}</Table.Th>
                    <Table.Th scope="col">{t('virtualCards.reconcile.outcome')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((run) => (
                    <Table.Tr key={run.id}>
                      <Table.Td>{formatInstant(run.created_at, i18n.language)}</Table.Td>
                      <Table.Td>{t(`virtualCards.reconcile.triggers.${run.trigger}`)}</Table.Td>
                      <Table.Td>{run.summary.cards_checked}</Table.Td>
                      <Table.Td
                        c={run.difference_count > 0 ? 'red.8' : undefined}
                        fw={run.difference_count > 0 ? 700 : undefined}
                      >
                        {run.difference_count}
                      </Table.Td>
                      <Table.Td>
                        {t(`virtualCards.reconcile.outcomes.${run.summary.outcome}`)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </ScrollTable>
            )
          }
        </QueryState>
      </Stack>
    </Paper>
  );
}
