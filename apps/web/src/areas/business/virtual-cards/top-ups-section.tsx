import type { BusinessTopUpsQuery } from '@cardcoop/contracts';
import type { BusinessClient } from '@cardcoop/sdk/business';
import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { failureText } from './failure-text';
import { formatInstant, formatMoney, lastMonth } from '../../../lib/minor-units';
import { RangeForm } from './range-form';
import type { DayRange } from './range-form';
import { PagedItems, StatusSelect, useCursorPages } from './paged-list';
import { ScrollTable } from './scroll-table';

type Status = NonNullable<BusinessTopUpsQuery['status']>;
const STATUSES = ['pending', 'confirmed', 'failed'] as const;

/** Card issues and top-ups by date range and status, newest first, failures said in words. */
export function TopUpsSection({ client, coopname }: { client: BusinessClient; coopname: string }) {
  const { t, i18n } = useTranslation('business');
  const [filter, setFilter] = useState<DayRange & { status: Status | '' }>(() => ({
    ...lastMonth(),
    status: '',
  }));
  const [status, setStatus] = useState<Status | ''>('');
  const operations = useCursorPages(
    ['business', coopname, 'virtual-cards', 'top-ups', filter],
    (page) =>
      client.virtualCards.topUps(coopname, {
        from: filter.from,
        to: filter.to,
        ...(filter.status ? { status: filter.status } : {}),
        ...page,
      }),
  );
  const money = (amount: number, currency: string) => formatMoney(amount, currency, i18n.language);
  return (
    <Paper component="section" aria-labelledby="vc-top-ups" withBorder p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="sm">
        <Title order={2} size="h4" id="vc-top-ups">
          {t('virtualCards.topUps.title')}
        </Title>
        <RangeForm
          label={t('virtualCards.topUps.filters')}
          submitLabel={t('virtualCards.topUps.show')}
          range={filter}
          onChange={(range) => setFilter({ ...range, status })}
          extra={
            <StatusSelect
              label={t('virtualCards.topUps.status')}
              allLabel={t('virtualCards.topUps.all')}
              statuses={STATUSES}
              value={status}
              onChange={setStatus}
              width={170}
            />
          }
        />
        <PagedItems
          query={operations}
          empty={t('virtualCards.topUps.empty')}
          more={t('virtualCards.topUps.more')}
        >
          {(items) => (
            <ScrollTable
              caption={t('virtualCards.topUps.title')}
              minWidth={720}
              testId="vc-top-ups-table"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('virtualCards.topUps.date')}</Table.Th>
                  <Table.Th scope="col">{t('virtualCards.topUps.kind')}</Table.Th>
                  <Table.Th scope="col">{t('virtualCards.topUps.card')}</Table.Th>
                  <Table.Th scope="col">{t('virtualCards.topUps.amount')}</Table.Th>
                  <Table.Th scope="col">{t('virtualCards.topUps.fee')}</Table.Th>
                  <Table.Th scope="col">{t('virtualCards.topUps.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((operation) => (
                  <Table.Tr key={operation.operation_id}>
                    <Table.Td>{formatInstant(operation.created_at, i18n.language)}</Table.Td>
                    <Table.Td>{t(`virtualCards.topUps.kinds.${operation.kind}`)}</Table.Td>
                    <Table.Td>
                      {[operation.username, operation.last4 ? `•••• ${operation.last4}` : '']
                        .filter(Boolean)
                        .join(' · ') || '—'}
                    </Table.Td>
                    <Table.Td>{money(operation.amount.amount, operation.amount.currency)}</Table.Td>
                    <Table.Td>{money(operation.fee.amount, operation.fee.currency)}</Table.Td>
                    <Table.Td>
                      {t(`virtualCards.statusName.${operation.status}`)}
                      {operation.failure && (
                        <Text size="xs" c="red.8">
                          {failureText(operation.failure, t)}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          )}
        </PagedItems>
      </Stack>
    </Paper>
  );
}
