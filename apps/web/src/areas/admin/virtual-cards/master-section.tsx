import type { VirtualCardsMaster } from '@cardcoop/contracts';
import { Alert, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoney, formatMoneyList } from '../../../lib/minor-units';
import { ScrollTable } from '../../business/virtual-cards/scroll-table';

/**
 * The master account: Aifory's balance beside the ledger's view of it (unallocated +
 * cooperatives' funds + in flight), their difference highlighted, the trial balance, and each
 * cooperative's funds.
 */
export function MasterSection({ master }: { master: VirtualCardsMaster }) {
  const { t, i18n } = useTranslation('admin');
  const language = i18n.language;
  const none = t('virtualCards.none');
  const { currency } = master.provider;
  const expected = master.ledger.expected.find((money) => money.currency === currency)?.amount ?? 0;
  const difference = master.provider.amount - expected;
  const line = (label: string, value: string, testId?: string, color?: string) => (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="lg" data-testid={testId} c={color}>
        {value}
      </Text>
    </Stack>
  );
  return (
    <Paper component="section" aria-labelledby="vc-master" withBorder p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="md">
        <Title order={2} size="h4" id="vc-master">
          {t('virtualCards.master.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          {line(
            t('virtualCards.master.provider'),
            formatMoney(master.provider.amount, currency, language),
            'vc-master-provider',
          )}
          {line(
            t('virtualCards.master.expected'),
            formatMoneyList(master.ledger.expected, language, none),
            'vc-master-expected',
          )}
          {line(
            t('virtualCards.master.difference'),
            formatMoney(difference, currency, language),
            'vc-master-difference',
            difference === 0 ? 'teal.9' : 'red.8',
          )}
        </SimpleGrid>
        <Alert
          color={difference === 0 ? 'teal' : 'red'}
          variant="light"
          data-testid="vc-master-match"
        >
          {difference === 0
            ? t('virtualCards.master.match')
            : t('virtualCards.master.mismatch', {
                amount: formatMoney(difference, currency, language),
              })}
        </Alert>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          {line(
            t('virtualCards.master.unallocated'),
            formatMoneyList(master.ledger.unallocated, language, none),
            'vc-master-unallocated',
          )}
          {line(
            t('virtualCards.master.cooperatives'),
            formatMoneyList(master.ledger.cooperatives, language, none),
          )}
          {line(
            t('virtualCards.master.inTransit'),
            formatMoneyList(master.ledger.in_transit, language, none),
          )}
        </SimpleGrid>
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {t('virtualCards.master.trial')}
          </Text>
          <Text
            size="sm"
            fw={600}
            c={master.trial_balance_ok ? 'teal.9' : 'red.8'}
            data-testid="vc-trial-balance"
          >
            {master.trial_balance_ok
              ? t('virtualCards.master.trialOk')
              : t('virtualCards.master.trialBroken', {
                  amounts: formatMoneyList(master.trial_balance, language, none),
                })}
          </Text>
        </Stack>
        <Title order={3} size="h5">
          {t('virtualCards.master.perCoop')}
        </Title>
        {master.cooperatives.length === 0 ? (
          <Text size="sm">{t('virtualCards.master.noCoops')}</Text>
        ) : (
          <ScrollTable
            caption={t('virtualCards.master.perCoop')}
            minWidth={320}
            testId="vc-coop-funds"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('virtualCards.master.coop')}</Table.Th>
                <Table.Th scope="col">{t('virtualCards.master.funds')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {master.cooperatives.map((coop) => (
                <Table.Tr key={coop.coopname}>
                  <Table.Th scope="row">{coop.coopname}</Table.Th>
                  <Table.Td>{formatMoneyList(coop.funds, language, none)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
      </Stack>
    </Paper>
  );
}
