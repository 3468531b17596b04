import type { BusinessTopUpsQuery } from '@cardcoop/contracts';
import type { BusinessClient } from '@cardcoop/sdk/business';
import { Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/query-state';
import { failureText } from './failure-text';
import { formatInstant, formatMoney, lastMonth } from '../../../lib/minor-units';
import { RangeForm } from './range-form';
import type { DayRange } from './range-form';
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
  const operations = useInfiniteQuery({
    queryKey: ['business', coopname, 'virtual-cards', 'top-ups', filter],
    queryFn: ({ pageParam }) =>
      client.virtualCards.topUps(coopname, {
        from: filter.from,
        to: filter.to,
        ...(filter.status ? { status: filter.status } : {}),
        ...(pageParam ? { cursor: pageParam } : {}),
        limit: 25,
      }),
    initialPageParam: '',
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
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
            <NativeSelect
              label={t('virtualCards.topUps.status')}
              value={status}
              onChange={(event) => setStatus(event.currentTarget.value as Status | '')}
              data={[
                { value: '', label: t('virtualCards.topUps.all') },
                ...STATUSES.map((value) => ({
                  value,
                  label: t(`virtualCards.statusName.${value}`),
                })),
              ]}
              w={{ base: '100%', xs: 170 }}
            />
          }
        />
        <QueryState query={operations}>
          {(data) => {
            const items = data.pages.flatMap((page) => page.items);
            if (items.length === 0) return <Text size="sm">{t('virtualCards.topUps.empty')}</Text>;
            return (
              <Stack gap="xs">
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
                        <Table.Td>
                          {money(operation.amount.amount, operation.amount.currency)}
                        </Table.Td>
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
                {operations.hasNextPage && (
                  <Group>
                    <Button
                      variant="default"
                      loading={operations.isFetchingNextPage}
                      onClick={() => void operations.fetchNextPage()}
                    >
                      {t('virtualCards.topUps.more')}
                    </Button>
                  </Group>
                )}
              </Stack>
            );
          }}
        </QueryState>
      </Stack>
    </Paper>
  );
}
