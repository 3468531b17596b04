import type { ReconciliationDifference } from '@cardcoop/contracts';
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../lib/minor-units';
import { ScrollTable } from '../../business/virtual-cards/scroll-table';

/** A reconciliation's differences: what, which, the ledger's amount, Aifory's, the difference. */
export function DifferencesTable({
  differences,
  caption,
}: {
  differences: ReconciliationDifference[];
  caption: string;
}) {
  const { t, i18n } = useTranslation('admin');
  const money = (amount: number, currency: string) => formatMoney(amount, currency, i18n.language);
  return (
    <ScrollTable caption={caption} minWidth={640} testId="vc-differences">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('virtualCards.reconcile.kind')}</Table.Th>
          <Table.Th scope="col">{t('virtualCards.reconcile.object')}</Table.Th>
          <Table.Th scope="col">{t('virtualCards.reconcile.ours')}</Table.Th>
          <Table.Th scope="col">{t('virtualCards.reconcile.theirs')}</Table.Th>
          <Table.Th scope="col">{t('virtualCards.reconcile.delta')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {differences.map((difference, index) => (
          <Table.Tr
            key={`${difference.kind}-${difference.card_id ?? difference.operation_id ?? index}`}
          >
            <Table.Td>{t(`virtualCards.reconcile.kinds.${difference.kind}`)}</Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              {difference.last4
                ? `•••• ${difference.last4}`
                : (difference.operation_id ?? difference.card_id ?? '—')}
            </Table.Td>
            <Table.Td>{money(difference.ours, difference.currency)}</Table.Td>
            <Table.Td>
              {difference.theirs === null ? '—' : money(difference.theirs, difference.currency)}
            </Table.Td>
            <Table.Td c="red.8" fw={600}>
              {money(difference.delta, difference.currency)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
