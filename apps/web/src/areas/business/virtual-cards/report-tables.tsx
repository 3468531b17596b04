import type { VirtualCardReportCard, VirtualCardReportTotal } from '@cardcoop/contracts';
import { Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../lib/minor-units';
import { ScrollTable } from './scroll-table';

/** A report's totals per currency: purchases, refunds, top-ups, fees, opening and closing. */
export function ReportTotals({ totals, id }: { totals: VirtualCardReportTotal[]; id: string }) {
  const { t, i18n } = useTranslation('business');
  const money = (amount: number, currency: string) => formatMoney(amount, currency, i18n.language);
  return (
    <Stack gap="xs">
      <Title order={3} size="h5" id={id}>
        {t('virtualCards.report.totals')}
      </Title>
      {totals.length === 0 ? (
        <Text size="sm">{t('virtualCards.none')}</Text>
      ) : (
        <ScrollTable caption={t('virtualCards.report.totals')} testId="report-totals">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('virtualCards.report.currency')}</Table.Th>
              <Table.Th scope="col">{t('virtualCards.report.opening')}</Table.Th>
              <Table.Th scope="col">{t('virtualCards.report.topUps')}</Table.Th>
              <Table.Th scope="col">{t('virtualCards.report.purchases')}</Table.Th>
              <Table.Th scope="col">{t('virtualCards.report.refunds')}</Table.Th>
              <Table.Th scope="col">{t('virtualCards.report.fees')}</Table.Th>
              <Table.Th scope="col">{t('virtualCards.report.closing')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {totals.map((total) => (
              <Table.Tr key={total.currency}>
                <Table.Th scope="row">{total.currency}</Table.Th>
                <Table.Td>{money(total.opening_balance, total.currency)}</Table.Td>
                <Table.Td>
                  {money(total.top_ups, total.currency)} ·{' '}
                  {t('virtualCards.report.count', { count: total.top_up_count })}
                </Table.Td>
                <Table.Td>
                  {money(total.purchases, total.currency)} ·{' '}
                  {t('virtualCards.report.count', { count: total.purchase_count })}
                </Table.Td>
                <Table.Td>{money(total.refunds, total.currency)}</Table.Td>
                <Table.Td>{money(total.fees, total.currency)}</Table.Td>
                <Table.Td>{money(total.closing_balance, total.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Stack>
  );
}

/** Each card over the range; with `withCoop`, the cooperative it belongs to too. */
export function ReportCards({
  cards,
  withCoop = false,
  coopLabel,
}: {
  cards: VirtualCardReportCard[];
  withCoop?: boolean;
  coopLabel?: string;
}) {
  const { t, i18n } = useTranslation('business');
  const money = (amount: number, currency: string) => formatMoney(amount, currency, i18n.language);
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('virtualCards.report.cards')}
      </Title>
      {cards.length === 0 ? (
        <Text size="sm">{t('virtualCards.report.noCards')}</Text>
      ) : (
        <ScrollTable caption={t('virtualCards.report.cards')} minWidth={720} testId="report-cards">
          <Table.Thead>
            <Table.Tr>
              {withCoop && <Table.Th scope="col">{coopLabel}</Table.Th>}
              <Table.Th scope="col">{t('virtualCards.cards.username')}</Table.Th>
              <Table.Th scope="col">{t('virtualCards.cards.card')}</Table.Th>
              <Table.Th scope="col">{t('virtualCards.report.opening')}</Table.Th>
              <Table.Th scope="col">{t('virtualCards.report.topUps')}</Table.Th>
              <Table.Th scope="col">{t('virtualCards.report.spent')}</Table.Th>
              <Table.Th scope="col">{t('virtualCards.report.refunds')}</Table.Th>
              <Table.Th scope="col">{t('virtualCards.report.closing')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cards.map((card) => (
              <Table.Tr key={card.card_id}>
                {withCoop && <Table.Td>{card.coopname}</Table.Td>}
                <Table.Td>{card.username}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>•••• {card.last4}</Table.Td>
                <Table.Td>{money(card.opening_balance, card.currency)}</Table.Td>
                <Table.Td>{money(card.top_ups, card.currency)}</Table.Td>
                <Table.Td>{money(card.spent, card.currency)}</Table.Td>
                <Table.Td>{money(card.refunds, card.currency)}</Table.Td>
                <Table.Td>{money(card.closing_balance, card.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Stack>
  );
}
